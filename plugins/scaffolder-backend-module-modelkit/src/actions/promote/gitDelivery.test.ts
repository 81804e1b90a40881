import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestGitServer } from '@kitstage/plugin-modelkit-node/testUtils';
import fs from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  actionContext,
  ActionInput,
  loggedText,
} from '../__testUtils__/actionContext';
import { recordingAuditor } from '../__testUtils__/auditor';
import {
  createBareRepository,
  git,
  overlayPatch,
  PromotionWorld,
  startPromotionWorld,
  writeProject,
} from './__testUtils__/promotionWorld';
import { createPromoteModelKitAction } from './promoteModelKit';
import { createPushBranchAction } from './pushBranch';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice';
const CAROL = 'user:default/carol';
const MALLORY = 'user:default/mallory';

/**
 * Alice and any service may promote and override; Carol may promote but not override;
 * Mallory may do neither.
 */
const permissions: PermissionsService = {
  async authorize(requests, options) {
    const principal = options.credentials.principal as {
      userEntityRef?: string;
    };
    return requests.map(request => ({
      result:
        principal.userEntityRef === MALLORY ||
        (principal.userEntityRef === CAROL &&
          request.permission.name === 'kitstage.modelkit.promote.override')
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })) as any;
  },
  async authorizeConditional() {
    throw new Error('not used');
  },
};

const OVERLAY = 'deploy/overlays/production/modelkit.yaml';
const COMPONENT = 'component:default/support-sentiment';

describe('promotion delivered to a Git remote', () => {
  let world: PromotionWorld;
  let root: string;
  let workspace: string;

  beforeAll(async () => {
    world = await startPromotionWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-git-'));
    workspace = path.join(root, 'workspace');
    await fs.mkdir(workspace);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  function config(extra: Record<string, any> = {}) {
    return world.config({
      kitstage: { promotion: { allowedRemotes: [`file://${root}/repos/`] } },
      ...extra,
    });
  }

  function actions(
    deployRepository: string,
    cfg = config(),
    entities = world.entities('production', { deployRepository }),
  ) {
    const audit = recordingAuditor();
    const access = world.access({ config: cfg, entities, permissions });
    return {
      audit,
      promote: createPromoteModelKitAction({
        config: cfg,
        access,
        attestations: world.services.attestations,
        auditor: audit.auditor,
      }),
      push: createPushBranchAction({
        config: cfg,
        access,
        attestations: world.services.attestations,
        auditor: audit.auditor,
      }),
    };
  }

  async function promoteAndPush(
    deployRepository: string,
    options: {
      checkout: boolean;
      config?: ReturnType<typeof config>;
      user?: string;
    },
  ) {
    const { promote, push, audit } = actions(deployRepository, options.config);
    const credentials = mockCredentials.user(options.user ?? ALICE);
    const promoteInput: ActionInput = {
      component: COMPONENT,
      environment: 'production',
      version: 'v2',
      path: 'repo',
      ...(options.checkout ? { checkout: true } : {}),
    };
    const promoteCtx = actionContext(promoteInput, workspace);
    promoteCtx.getInitiatorCredentials = async () => credentials as any;
    await promote.handler(promoteCtx as any);
    const out = Object.fromEntries(promoteCtx.output.mock.calls);

    // As templates/promote-modelkit passes them.
    const pushCtx = actionContext(
      {
        component: COMPONENT,
        path: 'repo',
        branch: out.branchName,
        baseBranch: out.baseBranch,
        commitMessage: out.commitMessage,
        files: out.repositoryFiles,
      },
      workspace,
    );
    pushCtx.getInitiatorCredentials = async () => credentials as any;
    await push.handler(pushCtx as any);
    return {
      promoted: out,
      pushed: Object.fromEntries(pushCtx.output.mock.calls),
      logs: `${loggedText(promoteCtx.logger)}\n${loggedText(pushCtx.logger)}`,
      audit,
    };
  }

  async function expectBranch(bare: string, branch: string, commit: string) {
    const pinned = `${world.repository}@${world.digests.v2}`;
    expect((await git(bare, 'rev-parse', `refs/heads/${branch}`)).trim()).toBe(
      commit,
    );
    expect(await git(bare, 'show', `${branch}:${OVERLAY}`)).toBe(
      overlayPatch(pinned),
    );
    expect(
      (await git(bare, 'diff', '--name-only', 'main', branch)).trim(),
    ).toBe(OVERLAY);
    expect((await git(bare, 'log', '-1', '--format=%s', branch)).trim()).toBe(
      'Promote support-sentiment v2 to production',
    );
    // main is untouched
    expect(await git(bare, 'show', `main:${OVERLAY}`)).toBe(
      overlayPatch(`${world.repository}:v1`),
    );
  }

  async function branchesOf(bare: string) {
    return (
      await git(bare, 'for-each-ref', '--format=%(refname)', 'refs/heads')
    )
      .trim()
      .split('\n');
  }

  it("clones the Component's deploy repository over file://, pins the overlay, pushes a branch and audits both", async () => {
    const bare = await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    const { promoted, pushed, audit } = await promoteAndPush(
      `file://${bare}#main`,
      { checkout: true },
    );
    expect(promoted.files).toEqual([`repo/${OVERLAY}`]);
    expect(promoted.remoteUrl).toBe(`file://${bare}`);
    expect(promoted.baseBranch).toBe('main');
    expect(pushed.branch).toBe(promoted.branchName);
    expect(pushed.baseBranch).toBe('main');
    expect(pushed.remoteUrl).toBe(`file://${bare}`);
    await expectBranch(bare, pushed.branch, pushed.commit);
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'modelkit-promote',
        severityLevel: 'medium',
        outcome: 'success',
        meta: expect.objectContaining({
          actor: ALICE,
          component: COMPONENT,
          environment: 'production',
          version: 'v2',
          digest: world.digests.v2,
          overridden: false,
          outcome: 'promoted',
          remote: `file://${bare}`,
        }),
      }),
      expect.objectContaining({
        eventId: 'modelkit-push-branch',
        outcome: 'success',
        meta: expect.objectContaining({
          actor: ALICE,
          component: COMPONENT,
          remote: `file://${bare}`,
          branch: pushed.branch,
          commit: pushed.commit,
          outcome: 'pushed',
        }),
      }),
    ]);
  });

  // push-branch pushes only promote's edit of the base branch: the fetched files must be the
  // base branch's, with the reference pinned by promote (a fetch of anything else is refused,
  // below).
  it("pushes promote's edit of a fetch:plain checkout over smart HTTP (git http-backend) with the integration token in a header only", async () => {
    const bare = await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    const server = await startTestGitServer(path.join(root, 'repos'));
    try {
      // What fetch:plain leaves: the files, no .git.
      await writeProject(
        path.join(workspace, 'repo'),
        `${world.repository}:v1`,
      );
      const token = 'ghp_promotionSecret0123456789';
      const host = new URL(server.url).host;
      const remoteUrl = `${server.url}/svc.git`;
      const { pushed, logs } = await promoteAndPush(remoteUrl, {
        checkout: false,
        config: config({
          kitstage: { promotion: { allowedRemotes: [`${server.url}/`] } },
          integrations: {
            github: [{ host, apiBaseUrl: `${server.url}/api`, token }],
          },
        }),
      });
      await expectBranch(bare, pushed.branch, pushed.commit);
      expect(server.requests).toContain('POST /svc.git/git-receive-pack');
      expect(server.authorizations.length).toBeGreaterThan(0);
      expect(new Set(server.authorizations)).toEqual(
        new Set([
          `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
        ]),
      );
      expect(logs).not.toContain(token);
      expect(JSON.stringify(pushed)).not.toContain(token);
      expect(pushed.remoteUrl).toBe(remoteUrl);
    } finally {
      await server.stop();
    }
  });

  it('refuses to overwrite an existing branch', async () => {
    const bare = await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    const first = await promoteAndPush(`file://${bare}`, { checkout: true });
    await fs.rm(path.join(workspace, 'repo'), { recursive: true });
    await expect(
      promoteAndPush(`file://${bare}`, { checkout: true }),
    ).rejects.toThrow(
      `The branch ${first.pushed.branch} already exists on the remote`,
    );
  });

  describe('push-branch writes only for a writer allowed to promote the Component', () => {
    async function pushAs(
      credentials: ReturnType<typeof mockCredentials.user>,
      bare: string,
    ) {
      await writeProject(
        path.join(workspace, 'repo'),
        `${world.repository}@${world.digests.v2}`,
      );
      const { push, audit } = actions(`file://${bare}`);
      const ctx = actionContext(
        {
          component: COMPONENT,
          path: 'repo',
          branch: 'kitstage/promote-x',
          commitMessage: 'Promote',
          files: [OVERLAY],
        },
        workspace,
      );
      ctx.getInitiatorCredentials = async () => credentials as any;
      const error = await push.handler(ctx as any).then(
        () => undefined,
        e => e as Error,
      );
      return { error, audit };
    }

    it('refuses a user without kitstage.modelkit.promote on the Component and pushes nothing', async () => {
      const bare = await createBareRepository(
        path.join(root, 'repos'),
        'svc',
        `${world.repository}:v1`,
      );
      const { error, audit } = await pushAs(
        mockCredentials.user(MALLORY),
        bare,
      );
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toBe(
        `Not allowed to push promotion branches to the deploy repository of ${COMPONENT} (permission kitstage.modelkit.promote)`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expect(audit.events).toEqual([
        expect.objectContaining({
          eventId: 'modelkit-push-branch',
          outcome: 'fail',
          meta: expect.objectContaining({
            actor: MALLORY,
            component: COMPONENT,
            outcome: 'refused',
          }),
        }),
      ]);
    });

    it('refuses a service principal although the permission framework allows it', async () => {
      const bare = await createBareRepository(
        path.join(root, 'repos'),
        'svc',
        `${world.repository}:v1`,
      );
      const { error } = await pushAs(
        mockCredentials.service('external:ci-bot') as any,
        bare,
      );
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toMatch(
        /needs a signed-in user; the service principal external:ci-bot may not, unless its subject is listed under kitstage.authorization.servicePrincipals/,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });

    it('refuses a remoteUrl input instead of pushing where it points', async () => {
      const bare = await createBareRepository(
        path.join(root, 'repos'),
        'svc',
        `${world.repository}:v1`,
      );
      const other = await createBareRepository(
        path.join(root, 'repos'),
        'other',
        `${world.repository}:v1`,
      );
      await writeProject(
        path.join(workspace, 'repo'),
        `${world.repository}@${world.digests.v2}`,
      );
      const { push } = actions(`file://${bare}`);
      const ctx = actionContext(
        {
          component: COMPONENT,
          remoteUrl: `file://${other}`,
          path: 'repo',
          branch: 'kitstage/promote-x',
          commitMessage: 'Promote',
          files: [OVERLAY],
        },
        workspace,
      );
      ctx.getInitiatorCredentials = async () =>
        mockCredentials.user(ALICE) as any;
      await expect(push.handler(ctx as any)).rejects.toThrow(
        /remoteUrl|Unrecognized key/,
      );
      expect(await branchesOf(other)).toEqual(['refs/heads/main']);
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });
  });

  it("promote refuses a checkout remoteUrl input: it clones only the Component's repository", async () => {
    const bare = await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    const other = await createBareRepository(
      path.join(root, 'repos'),
      'other',
      `${world.repository}:v1`,
    );
    const { promote } = actions(`file://${bare}`);
    const ctx = actionContext(
      {
        component: COMPONENT,
        environment: 'production',
        version: 'v2',
        path: 'repo',
        checkout: { remoteUrl: `file://${other}`, branch: 'main' },
      },
      workspace,
    );
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.user(ALICE) as any;
    await expect(promote.handler(ctx as any)).rejects.toThrow(/checkout/);
    expect(await fs.readdir(workspace)).toEqual([]);
  });

  it('never sends the integration token to a Component remote outside kitstage.promotion.allowedRemotes', async () => {
    await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    const server = await startTestGitServer(path.join(root, 'repos'));
    try {
      const host = new URL(server.url).host;
      const { promote } = actions(
        `${server.url}/svc.git`,
        config({
          kitstage: {
            promotion: { allowedRemotes: [`${server.url}/allowed/`] },
          },
          integrations: {
            github: [{ host, apiBaseUrl: `${server.url}/api`, token: 'ghp_x' }],
          },
        }),
      );
      const ctx = actionContext(
        {
          component: COMPONENT,
          environment: 'production',
          version: 'v2',
          path: 'repo',
          checkout: true,
        },
        workspace,
      );
      ctx.getInitiatorCredentials = async () =>
        mockCredentials.user(ALICE) as any;
      await expect(promote.handler(ctx as any)).rejects.toThrow(
        `The kitstage.dev/deploy-repository annotation of ${COMPONENT} ${server.url}/svc.git is not under kitstage.promotion.allowedRemotes`,
      );
      expect(server.requests).toEqual([]);
      expect(await fs.readdir(workspace)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [
      'a remote on a host that is only an SCM integration',
      'https://github.com/acme/x.git',
      /is not under kitstage\.promotion\.allowedRemotes/,
    ],
    [
      'credentials in the URL',
      'https://user:pw@github.com/x/y.git',
      /must not carry user information/,
    ],
    [
      'an ssh remote',
      'ssh://git@github.com/x/y.git',
      /ssh:\/\/, which is not supported/,
    ],
    ['an ext:: remote', 'ext::sh -c touch% /tmp/pwned', /whitespace|not a URL/],
    [
      'a file:// remote that leaves the allowed directory by ".."',
      'file://ROOT/repos/../../etc/',
      /is not under kitstage\.promotion\.allowedRemotes/,
    ],
  ])(
    'refuses a Component whose deploy repository is %s, before cloning',
    async (_what, remote, message) => {
      const { promote, audit } = actions(remote.replace('ROOT', root));
      const ctx = actionContext(
        {
          component: COMPONENT,
          environment: 'production',
          version: 'v2',
          path: 'repo',
          checkout: true,
        },
        workspace,
      );
      ctx.getInitiatorCredentials = async () =>
        mockCredentials.user(ALICE) as any;
      await expect(promote.handler(ctx as any)).rejects.toThrow(message);
      expect(await fs.readdir(workspace)).toEqual([]);
      expect(audit.events[0]).toMatchObject({ outcome: 'fail' });
    },
  );

  /** Commits a change to `main` of a bare repository. */
  async function commitToMain(
    bare: string,
    change: (dir: string) => Promise<void>,
  ) {
    const work = await fs.mkdtemp(path.join(root, 'change-'));
    await git(work, 'clone', '-q', bare, '.');
    await change(work);
    await git(work, 'add', '-A');
    await git(work, 'commit', '-q', '-m', 'Change');
    await git(work, 'push', '-q', 'origin', 'main');
    await fs.rm(work, { recursive: true, force: true });
  }

  /**
   * Runs push-branch (as Alice unless told otherwise); resolves with its error (if any),
   * outputs and audit.
   */
  async function pushBranch(
    deployRepository: string,
    input: Record<string, any>,
    cfg = config(),
    extraEntities: Entity[] = [],
    options: { user?: string; isDryRun?: boolean } = {},
  ) {
    const { push, audit } = actions(deployRepository, cfg, [
      ...world.entities('production', { deployRepository }),
      ...extraEntities,
    ]);
    const ctx = actionContext(
      {
        component: COMPONENT,
        path: 'repo',
        branch: 'kitstage/promote-x',
        commitMessage: 'Promote',
        files: [OVERLAY],
        ...input,
      },
      workspace,
      { isDryRun: options.isDryRun },
    );
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.user(options.user ?? ALICE) as any;
    const error = await push.handler(ctx as any).then(
      () => undefined,
      e => e as Error,
    );
    return {
      error,
      audit,
      ctx,
      pushed: Object.fromEntries(ctx.output.mock.calls),
    };
  }

  /** An HTTP proxy that records every request and answers none. */
  async function startRecordingProxy() {
    const requests: Array<{ url?: string; authorization?: string }> = [];
    const server = http.createServer((req, res) => {
      requests.push({ url: req.url, authorization: req.headers.authorization });
      res.writeHead(502);
      res.end();
    });
    server.on('connect', (req, socket) => {
      requests.push({ url: req.url });
      socket.destroy();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      requests,
      stop: () =>
        new Promise<void>(resolve => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  /** A script that records its environment (where a token would show) and passes stdin on. */
  async function recordingScript() {
    const script = path.join(root, 'record.sh');
    await fs.writeFile(script, `#!/bin/sh\nenv >> "${root}/ran-$$"\ncat\n`, {
      mode: 0o755,
    });
    return script;
  }

  async function scriptRuns() {
    return (await fs.readdir(root)).filter(name => name.startsWith('ran-'));
  }

  describe('push-branch never runs git in a repository the workspace supplies', () => {
    const token = 'ghp_isolationSecret0123456789';

    async function httpRemote() {
      const bare = await createBareRepository(
        path.join(root, 'repos'),
        'svc',
        `${world.repository}:v1`,
      );
      const evil = await createBareRepository(
        path.join(root, 'repos'),
        'evil',
        `${world.repository}:v1`,
      );
      const server = await startTestGitServer(path.join(root, 'repos'));
      const host = new URL(server.url).host;
      const cfg = config({
        kitstage: { promotion: { allowedRemotes: [`${server.url}/svc.git`] } },
        integrations: {
          github: [{ host, apiBaseUrl: `${server.url}/api`, token }],
        },
      });
      return { bare, evil, server, cfg, remoteUrl: `${server.url}/svc.git` };
    }

    it('ignores the .git of the workspace: its filters, fsmonitor, hooks, insteadOf and proxy never act', async () => {
      const { bare, evil, server, cfg, remoteUrl } = await httpRemote();
      const proxy = await startRecordingProxy();
      try {
        const repo = path.join(workspace, 'repo');
        await git(workspace, 'clone', '-q', bare, 'repo');
        await writeProject(repo, `${world.repository}@${world.digests.v2}`);
        const script = await recordingScript();
        const hooks = path.join(root, 'hooks');
        await fs.mkdir(hooks);
        for (const hook of ['pre-commit', 'post-commit', 'pre-push']) {
          await fs.copyFile(script, path.join(hooks, hook));
        }
        await fs.writeFile(
          path.join(repo, '.git/info/attributes'),
          '* filter=x\n',
        );
        for (const [key, value] of [
          ['filter.x.clean', script],
          ['filter.x.required', 'true'],
          ['core.fsmonitor', script],
          ['core.hooksPath', hooks],
          ['credential.helper', `!${script}`],
          [`url.${server.url}/evil.git.insteadOf`, remoteUrl],
          [`url.${server.url}/evil.git.pushInsteadOf`, remoteUrl],
          ['http.proxy', proxy.url],
        ]) {
          await git(repo, 'config', key, value);
        }

        const { error, pushed } = await pushBranch(remoteUrl, {}, cfg);

        expect(error).toBeUndefined();
        expect(await scriptRuns()).toEqual([]);
        expect(proxy.requests).toEqual([]);
        expect(await branchesOf(evil)).toEqual(['refs/heads/main']);
        expect(await branchesOf(bare)).toEqual([
          'refs/heads/kitstage/promote-x',
          'refs/heads/main',
        ]);
        expect(
          (
            await git(bare, 'rev-parse', 'refs/heads/kitstage/promote-x')
          ).trim(),
        ).toBe(pushed.commit);
        expect(
          (
            await git(bare, 'diff', '--name-only', 'main', 'kitstage/promote-x')
          ).trim(),
        ).toBe(OVERLAY);
      } finally {
        await proxy.stop();
        await server.stop();
      }
    });

    it('does not discover a repository enclosing the workspace path: its proxy never sees the token', async () => {
      const { bare, server, cfg, remoteUrl } = await httpRemote();
      const proxy = await startRecordingProxy();
      try {
        // fetch:plain can leave a .git directory at the workspace root.
        await git(workspace, 'init', '-q');
        await git(workspace, 'config', 'http.proxy', proxy.url);
        await git(
          workspace,
          'config',
          'core.fsmonitor',
          await recordingScript(),
        );
        await writeProject(
          path.join(workspace, 'repo'),
          `${world.repository}@${world.digests.v2}`,
        );

        const { error } = await pushBranch(remoteUrl, {}, cfg);

        expect(error).toBeUndefined();
        expect(proxy.requests).toEqual([]);
        expect(await scriptRuns()).toEqual([]);
        expect(await branchesOf(bare)).toContain(
          'refs/heads/kitstage/promote-x',
        );
        expect((await fs.readdir(workspace)).sort()).toEqual(['.git', 'repo']);
      } finally {
        await proxy.stop();
        await server.stop();
      }
    });
  });

  describe('push-branch follows no symbolic link', () => {
    let bare: string;
    let outside: string;

    beforeEach(async () => {
      bare = await createBareRepository(
        path.join(root, 'repos'),
        'svc',
        `${world.repository}:v1`,
      );
      outside = path.join(root, 'outside');
      await fs.mkdir(outside);
      await writeProject(
        path.join(workspace, 'repo'),
        `${world.repository}@${world.digests.v2}`,
      );
    });

    it('refuses a source file reached through a symbolic link in the workspace', async () => {
      // The workspace's overlay directory is a link to a directory outside the workspace.
      await fs.writeFile(
        path.join(outside, 'modelkit.yaml'),
        overlayPatch(`${world.repository}@${world.digests.v2}`),
      );
      await fs.rm(path.join(workspace, 'repo/deploy/overlays/production'), {
        recursive: true,
      });
      await fs.symlink(
        outside,
        path.join(workspace, 'repo/deploy/overlays/production'),
      );
      const { error } = await pushBranch(`file://${bare}`, {});
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toBe(
        `files "${OVERLAY}" goes through the symbolic link "deploy/overlays/production", which may point outside the workspace`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });

    it('refuses to write through an overlay directory the deploy repository holds as a symbolic link', async () => {
      // deploy/overlays/production -> ../../.git: writing its files would change the clone's
      // git directory.
      await commitToMain(bare, async dir => {
        await fs.rm(path.join(dir, 'deploy/overlays/production'), {
          recursive: true,
        });
        await fs.symlink(
          '../../.git',
          path.join(dir, 'deploy/overlays/production'),
        );
      });
      const { error } = await pushBranch(`file://${bare}`, {});
      expect(error?.name).toBe('InputError');
      expect(error?.message).toBe(
        'The overlay "deploy/overlays/production" goes through "deploy/overlays/production", which is not a directory',
      );
      expect(await scriptRuns()).toEqual([]);
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });

    it('refuses to replace an overlay file the deploy repository holds as a symbolic link', async () => {
      // A link whose target text is itself an overlay: the clone checks links out as plain
      // files holding their target, so the edit is made, but git would keep a link.
      await commitToMain(bare, async dir => {
        const file = path.join(dir, OVERLAY);
        await fs.rm(file);
        await fs.symlink(overlayPatch(`${world.repository}:v1`), file);
      });
      const { error } = await pushBranch(`file://${bare}`, {});
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toBe(
        `files "${OVERLAY}" is a symbolic link in the deploy repository; push-branch writes only regular files`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });

    it('refuses a file inside a .git directory', async () => {
      await fs.mkdir(path.join(workspace, 'repo/.git'));
      await fs.writeFile(
        path.join(workspace, 'repo/.git/config'),
        '[core]\n\tfsmonitor = /bin/false\n',
      );
      const { error } = await pushBranch(`file://${bare}`, {
        files: ['.git/config'],
      });
      expect(error?.message).toBe(
        'files ".git/config" is inside a .git directory',
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });

    it('refuses an overlay file larger than an overlay may be', async () => {
      await fs.writeFile(
        path.join(workspace, 'repo/deploy/overlays/production/big.yaml'),
        Buffer.alloc(256 * 1024 + 1, 0x20),
      );
      const { error } = await pushBranch(`file://${bare}`, {
        files: ['deploy/overlays/production/big.yaml'],
      });
      expect(error?.message).toBe(
        'files "deploy/overlays/production/big.yaml" is 262145 bytes, more than the 262144 bytes an overlay file may have',
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });
  });

  it("push-branch authors the commit as the initiator's catalog profile, ignores a template's author, and audits both", async () => {
    const bare = await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    await writeProject(
      path.join(workspace, 'repo'),
      `${world.repository}@${world.digests.v2}`,
    );
    const alice: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'alice', namespace: 'default' },
      spec: {
        profile: { displayName: 'Alice Example', email: 'alice@example.com' },
        memberOf: [],
      },
    };
    const claimed = { name: 'Bob Owner', email: 'bob@example.com' };
    const { error, audit, ctx } = await pushBranch(
      `file://${bare}`,
      { author: claimed },
      undefined,
      [alice],
    );
    expect(error).toBeUndefined();
    expect(
      (
        await git(
          bare,
          'log',
          '-1',
          '--format=%an <%ae>|%cn <%ce>',
          'kitstage/promote-x',
        )
      ).trim(),
    ).toBe('Alice Example <alice@example.com>|Kitstage <kitstage@localhost>');
    expect(loggedText(ctx.logger)).toContain(
      'Ignoring the author input: kitstage:git:push-branch authors commits as the initiator, user:default/alice',
    );
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'modelkit-push-branch',
        outcome: 'success',
        meta: expect.objectContaining({
          actor: ALICE,
          files: [OVERLAY],
          author: { name: 'Alice Example', email: 'alice@example.com' },
          ignoredAuthor: claimed,
          outcome: 'pushed',
        }),
      }),
    ]);
  });

  it('push-branch names the initiator by their user entity ref when the catalog has no profile for them', async () => {
    const bare = await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    await writeProject(
      path.join(workspace, 'repo'),
      `${world.repository}@${world.digests.v2}`,
    );
    const { error, audit } = await pushBranch(`file://${bare}`, {});
    expect(error).toBeUndefined();
    expect(
      (
        await git(
          bare,
          'log',
          '-1',
          '--format=%an <%ae>|%cn',
          'kitstage/promote-x',
        )
      ).trim(),
    ).toBe(`${ALICE} <${ALICE}>|Kitstage`);
    expect(audit.events[0].meta.author).toEqual({ name: ALICE, email: ALICE });
    expect(audit.events[0].meta).not.toHaveProperty('ignoredAuthor');
  });

  it("promote's checkout writes no symbolic link of the deploy repository into the workspace", async () => {
    const bare = await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    await commitToMain(bare, dir => fs.symlink('/', path.join(dir, 'escape')));
    const { promote } = actions(`file://${bare}`);
    const ctx = actionContext(
      {
        component: COMPONENT,
        environment: 'production',
        version: 'v2',
        path: 'repo',
        checkout: true,
      },
      workspace,
    );
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.user(ALICE) as any;
    await promote.handler(ctx as any);
    const stat = await fs.lstat(path.join(workspace, 'repo/escape'));
    expect(stat.isSymbolicLink()).toBe(false);
  });

  describe('push-branch pushes only the overlay edit of a promotion the gates allow', () => {
    let bare: string;
    const repo = () => path.join(workspace, 'repo');
    const pinned = (version: 'v1' | 'v2' | 'v3') =>
      `${world.repository}@${world.digests[version]}`;

    beforeEach(async () => {
      bare = await createBareRepository(
        path.join(root, 'repos'),
        'svc',
        `${world.repository}:v1`,
      );
    });

    /** Writes a workspace file, creating its directories. */
    async function writeFile(file: string, content: string) {
      await fs.mkdir(path.dirname(path.join(repo(), file)), {
        recursive: true,
      });
      await fs.writeFile(path.join(repo(), file), content);
    }

    function expectRefusedEvent(
      audit: ReturnType<typeof actions>['audit'],
      error: Error | undefined,
    ) {
      expect(audit.events).toEqual([
        expect.objectContaining({
          eventId: 'modelkit-push-branch',
          outcome: 'fail',
          error: error?.message,
          meta: expect.objectContaining({ actor: ALICE, outcome: 'refused' }),
        }),
      ]);
    }

    it.each([
      ['a CI workflow', '.github/workflows/x.yml'],
      ['a file outside every overlay', 'deploy/base/deployment.yaml'],
      ['a file in a directory below an overlay', `${OVERLAY}.d/extra.yaml`],
      [
        'a file of an overlay that is not YAML',
        'deploy/overlays/production/run.sh',
      ],
    ])('refuses %s next to the overlay, naming it', async (_what, file) => {
      await writeProject(repo(), pinned('v2'));
      await writeFile(file, 'on: push\njobs: {}\n');
      const { error, audit } = await pushBranch(`file://${bare}`, {
        files: [OVERLAY, file],
      });
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toBe(
        `files "${file}" is not a YAML file of an environment's overlay (the *.yaml files directly inside deploy/overlays/staging, deploy/overlays/production); push-branch pushes only the ModelKit reference of an overlay, as promote pins it`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expectRefusedEvent(audit, error);
    });

    it('refuses an overlay file that holds no ModelKit reference', async () => {
      await writeProject(repo(), pinned('v2'));
      await writeFile(
        'deploy/overlays/production/kustomization.yaml',
        'resources: [../../base, https://evil.example/miner.yaml]\n',
      );
      const { error, audit } = await pushBranch(`file://${bare}`, {
        files: ['deploy/overlays/production/kustomization.yaml'],
      });
      expect(error?.message).toBe(
        'files "deploy/overlays/production/kustomization.yaml" holds no ModelKit reference; push-branch pushes only the ModelKit reference of an overlay, as promote pins it',
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expectRefusedEvent(audit, error);
    });

    it('refuses an overlay that names its version by tag', async () => {
      await writeProject(repo(), `${world.repository}:v3`);
      const { error, audit } = await pushBranch(`file://${bare}`, {});
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toBe(
        `${OVERLAY}:8 names "${world.repository}:v3" by tag; push-branch pushes only references pinned by digest (repository@sha256:…), whose version the gates of production decide on`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expectRefusedEvent(audit, error);
    });

    it('refuses an overlay that holds two different references', async () => {
      // The annotations name the allowed v2, the server's MODELKIT_REF the refused v3.
      await writeProject(repo(), pinned('v2'));
      await writeFile(
        OVERLAY,
        overlayPatch(pinned('v2')).replace(
          `value: ${pinned('v2')}`,
          `value: ${pinned('v3')}`,
        ),
      );
      const { error, audit } = await pushBranch(`file://${bare}`, {});
      expect(error?.message).toBe(
        `The pushed files of deploy/overlays/production hold 2 different ModelKit references (${OVERLAY}:8 "${pinned(
          'v2',
        )}"; ${OVERLAY}:13 "${pinned('v2')}"; ${OVERLAY}:19 "${pinned(
          'v3',
        )}"); an overlay deploys one version`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expectRefusedEvent(audit, error);
    });

    it("refuses a digest the environment's gates refuse, with every reason, and audits them", async () => {
      await writeProject(repo(), pinned('v3'));
      const { error, audit } = await pushBranch(`file://${bare}`, {
        commitMessage: 'Promote support-sentiment v2 to production',
      });
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toMatch(
        /^Promotion of component:default\/support-sentiment to production refused:\n- Attestation policy "production" is missing/,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expectRefusedEvent(audit, error);
      expect(audit.events[0].meta.promotions).toEqual([
        {
          environment: 'production',
          overlayPath: 'deploy/overlays/production',
          reference: pinned('v3'),
          modelKit: 'modelkit:default/support-sentiment',
          digest: world.digests.v3,
          refusals: [
            expect.stringMatching(
              /^Attestation policy "production" is missing/,
            ),
          ],
        },
      ]);
    });

    it.each([
      [
        'a user without kitstage.modelkit.promote.override',
        CAROL,
        'Hotfix for incident 4711',
        /refused:\n- Attestation policy "production" is missing[^\n]*\nOverriding needs the permission kitstage\.modelkit\.promote\.override\.$/,
      ],
      ['a blank reason', ALICE, '   ', /^((?!Overriding)[\s\S])*$/],
    ])(
      'refuses to override a refused gate for %s',
      async (_what, user, overrideReason, message) => {
        await writeProject(repo(), pinned('v3'));
        const { error } = await pushBranch(
          `file://${bare}`,
          { overrideReason },
          undefined,
          [],
          { user },
        );
        expect(error?.name).toBe('NotAllowedError');
        expect(error?.message).toMatch(/refused:\n- Attestation policy/);
        expect(error?.message).toMatch(message);
        expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      },
    );

    it('pushes a refused digest overridden with a reason by a user holding the override permission, audited as overridden', async () => {
      await writeProject(repo(), pinned('v3'));
      const { error, audit, ctx, pushed } = await pushBranch(`file://${bare}`, {
        overrideReason: ' Hotfix for incident 4711 ',
      });
      expect(error).toBeUndefined();
      expect(
        (await git(bare, 'rev-parse', 'refs/heads/kitstage/promote-x')).trim(),
      ).toBe(pushed.commit);
      expect(await git(bare, 'show', `kitstage/promote-x:${OVERLAY}`)).toBe(
        overlayPatch(pinned('v3')),
      );
      expect(loggedText(ctx.logger)).toContain(
        'Overriding refused gates of component:default/support-sentiment in production',
      );
      expect(audit.events).toEqual([
        expect.objectContaining({
          eventId: 'modelkit-push-branch',
          outcome: 'success',
          meta: expect.objectContaining({
            actor: ALICE,
            overrideReason: 'Hotfix for incident 4711',
            overridden: true,
            commit: pushed.commit,
            outcome: 'overridden',
            promotions: [
              expect.objectContaining({
                environment: 'production',
                digest: world.digests.v3,
                overridden: true,
                refusals: [
                  expect.stringMatching(
                    /^Attestation policy "production" is missing/,
                  ),
                ],
              }),
            ],
          }),
        }),
      ]);
    });

    it("refuses an allowed digest written under another repository than the ModelKit's", async () => {
      const other = `${world.registry.host}/nlp/other@${world.digests.v2}`;
      await writeProject(repo(), other);
      const { error, audit } = await pushBranch(`file://${bare}`, {});
      expect(error?.message).toBe(
        `${OVERLAY}:8 holds "${other}", not ${pinned(
          'v2',
        )}: modelkit:default/support-sentiment is deployed by its repository ${
          world.repository
        } and the digest, as promote pins it`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expectRefusedEvent(audit, error);
    });

    it('refuses overlay files that change more than the reference of the base branch', async () => {
      // A checkout fetched from elsewhere, or edited by a step of the template: the version
      // is allowed, but the overlay adds a container.
      await writeProject(repo(), pinned('v2'));
      await writeFile(
        OVERLAY,
        `${overlayPatch(pinned('v2'))}        - name: sidecar
          image: evil.example/miner:latest
`,
      );
      const { error, audit } = await pushBranch(`file://${bare}`, {});
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toBe(
        `files "${OVERLAY}" changes more than the ModelKit reference of main; push-branch pushes only the edit promote makes (the reference set to ${pinned(
          'v2',
        )}, every other byte as on main)`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expectRefusedEvent(audit, error);
    });

    it('pushes every overlay file that holds the reference, and refuses to leave one behind', async () => {
      const canary = 'deploy/overlays/production/canary.yaml';
      await commitToMain(bare, dir =>
        fs.writeFile(
          path.join(dir, canary),
          overlayPatch(`${world.repository}:v1`),
        ),
      );
      await writeProject(repo(), pinned('v2'));
      await writeFile(canary, overlayPatch(pinned('v2')));

      const partial = await pushBranch(`file://${bare}`, { files: [OVERLAY] });
      expect(partial.error?.message).toBe(
        `${canary} holds the ModelKit reference of deploy/overlays/production on main too, but is not among files; push every overlay file that holds it, as promote changes them all`,
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);

      const whole = await pushBranch(`file://${bare}`, {
        files: [OVERLAY, canary],
      });
      expect(whole.error).toBeUndefined();
      expect(
        (await git(bare, 'diff', '--name-only', 'main', 'kitstage/promote-x'))
          .trim()
          .split('\n')
          .sort(),
      ).toEqual([canary, OVERLAY]);
    });
  });

  describe('the promotion actions change only the branch the deploy repository is bound to', () => {
    let bare: string;

    beforeEach(async () => {
      bare = await createBareRepository(
        path.join(root, 'repos'),
        'svc',
        `${world.repository}:v1`,
      );
      // Another branch and a tag, each holding an overlay that would promote.
      await git(bare, 'branch', 'release', 'main');
      await git(bare, 'tag', 'prod-tag', 'main');
    });

    it.each(['release', 'prod-tag'])(
      'push-branch refuses baseBranch %s of a repository bound to main',
      async baseBranch => {
        await writeProject(
          path.join(workspace, 'repo'),
          `${world.repository}@${world.digests.v2}`,
        );
        const { error, audit } = await pushBranch(`file://${bare}#main`, {
          baseBranch,
        });
        expect(error?.name).toBe('NotAllowedError');
        expect(error?.message).toBe(
          `baseBranch "${baseBranch}" is not main, the branch the deploy repository of ${COMPONENT} is bound to (file://${bare}); Kitstage changes only that branch`,
        );
        expect(await branchesOf(bare)).toEqual([
          'refs/heads/main',
          'refs/heads/release',
        ]);
        expect(audit.events[0]).toMatchObject({
          outcome: 'fail',
          meta: { outcome: 'refused' },
        });
      },
    );

    it.each(['release', 'prod-tag'])(
      'promote refuses baseBranch %s of a repository bound to main before cloning',
      async baseBranch => {
        const { promote, audit } = actions(`file://${bare}`);
        const ctx = actionContext(
          {
            component: COMPONENT,
            environment: 'production',
            version: 'v2',
            path: 'repo',
            checkout: true,
            baseBranch,
          },
          workspace,
        );
        ctx.getInitiatorCredentials = async () =>
          mockCredentials.user(ALICE) as any;
        await expect(promote.handler(ctx as any)).rejects.toThrow(
          `baseBranch "${baseBranch}" is not main, the branch the deploy repository of ${COMPONENT} is bound to (file://${bare}); Kitstage changes only that branch`,
        );
        expect(await fs.readdir(workspace)).toEqual([]);
        expect(audit.events[0]).toMatchObject({
          outcome: 'fail',
          meta: { outcome: 'refused' },
        });
      },
    );

    it('promote refuses a baseBranch without checkout, as it clones nothing', async () => {
      await writeProject(
        path.join(workspace, 'repo'),
        `${world.repository}:v1`,
      );
      const { promote, audit } = actions(`file://${bare}`);
      const ctx = actionContext(
        {
          component: COMPONENT,
          environment: 'production',
          version: 'v2',
          path: 'repo',
          baseBranch: 'release',
        },
        workspace,
      );
      ctx.getInitiatorCredentials = async () =>
        mockCredentials.user(ALICE) as any;
      await expect(promote.handler(ctx as any)).rejects.toThrow(
        'baseBranch applies only with checkout: without it promote clones nothing',
      );
      expect(audit.events[0]).toMatchObject({
        outcome: 'fail',
        meta: { outcome: 'refused' },
      });
    });

    it('clones, pushes on and outputs the bound branch #release', async () => {
      // main moves on; the Component's deploy repository is bound to release.
      await commitToMain(bare, dir =>
        fs.writeFile(path.join(dir, 'NOTES.md'), 'main only\n'),
      );
      const { promoted, pushed } = await promoteAndPush(
        `file://${bare}#release`,
        { checkout: true },
      );
      expect(promoted.baseBranch).toBe('release');
      expect(pushed.baseBranch).toBe('release');
      expect((await git(bare, 'rev-parse', `${pushed.branch}^`)).trim()).toBe(
        (await git(bare, 'rev-parse', 'release')).trim(),
      );
      expect(
        (
          await git(bare, 'diff', '--name-only', 'release', pushed.branch)
        ).trim(),
      ).toBe(OVERLAY);
    });
  });

  describe('a dry run is audited as such and writes nothing to the deploy repository', () => {
    let bare: string;

    beforeEach(async () => {
      bare = await createBareRepository(
        path.join(root, 'repos'),
        'svc',
        `${world.repository}:v1`,
      );
    });

    it('promote', async () => {
      const { promote, audit } = actions(`file://${bare}`);
      const ctx = actionContext(
        {
          component: COMPONENT,
          environment: 'production',
          version: 'v2',
          path: 'repo',
          checkout: true,
        },
        workspace,
        { isDryRun: true },
      );
      ctx.getInitiatorCredentials = async () =>
        mockCredentials.user(ALICE) as any;
      await promote.handler(ctx as any);
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expect(audit.events).toEqual([
        expect.objectContaining({
          eventId: 'modelkit-promote',
          outcome: 'success',
          meta: expect.objectContaining({
            dryRun: true,
            digest: world.digests.v2,
            outcome: 'dry-run',
          }),
        }),
      ]);
    });

    it('push-branch checks everything and pushes nothing', async () => {
      await writeProject(
        path.join(workspace, 'repo'),
        `${world.repository}@${world.digests.v2}`,
      );
      const { error, audit, ctx, pushed } = await pushBranch(
        `file://${bare}`,
        {},
        undefined,
        [],
        { isDryRun: true },
      );
      expect(error).toBeUndefined();
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
      expect(pushed).toEqual({
        branch: 'kitstage/promote-x',
        baseBranch: 'main',
        remoteUrl: `file://${bare}`,
      });
      expect(loggedText(ctx.logger)).toContain(
        `Dry run: would push ${OVERLAY} to kitstage/promote-x of file://${bare}, based on main`,
      );
      expect(audit.events).toEqual([
        expect.objectContaining({
          eventId: 'modelkit-push-branch',
          outcome: 'success',
          meta: expect.objectContaining({ dryRun: true, outcome: 'dry-run' }),
        }),
      ]);
      expect(audit.events[0].meta).not.toHaveProperty('commit');
    });

    it('push-branch still refuses what the gates refuse', async () => {
      await writeProject(
        path.join(workspace, 'repo'),
        `${world.repository}@${world.digests.v3}`,
      );
      const { error, audit } = await pushBranch(
        `file://${bare}`,
        {},
        undefined,
        [],
        { isDryRun: true },
      );
      expect(error?.message).toMatch(
        /refused:\n- Attestation policy "production" is missing/,
      );
      expect(audit.events[0]).toMatchObject({
        outcome: 'fail',
        meta: { dryRun: true, outcome: 'refused' },
      });
    });
  });
});
