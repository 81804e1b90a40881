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
const MALLORY = 'user:default/mallory';

/** Alice and any service may promote; Mallory may not. */
const permissions: PermissionsService = {
  async authorize(requests, options) {
    const principal = options.credentials.principal as {
      userEntityRef?: string;
    };
    return requests.map(() => ({
      result:
        principal.userEntityRef === MALLORY
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

    const pushCtx = actionContext(
      {
        component: COMPONENT,
        path: 'repo',
        branch: out.branchName,
        baseBranch: 'main',
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
    expect(pushed.branch).toBe(promoted.branchName);
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

  it('pushes a fetch:plain checkout over smart HTTP (git http-backend) with the integration token in a header only', async () => {
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

  /** Runs push-branch as Alice; resolves with its error (if any), outputs and audit. */
  async function pushBranch(
    deployRepository: string,
    input: Record<string, any>,
    cfg = config(),
    extraEntities: Entity[] = [],
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
    );
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.user(ALICE) as any;
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
      await fs.writeFile(path.join(outside, 'secret.txt'), 'host secret\n');
      await fs.symlink(outside, path.join(workspace, 'repo/x'));
      const { error } = await pushBranch(`file://${bare}`, {
        files: ['x/secret.txt'],
      });
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toBe(
        'files "x/secret.txt" goes through the symbolic link "x", which may point outside the workspace',
      );
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });

    it('refuses to write through a directory the deploy repository holds as a symbolic link', async () => {
      // ops -> .git: writing ops/config would replace the configuration of the clone.
      await commitToMain(bare, dir =>
        fs.symlink('.git', path.join(dir, 'ops')),
      );
      await fs.mkdir(path.join(workspace, 'repo/ops'));
      await fs.writeFile(
        path.join(workspace, 'repo/ops/config'),
        `[core]\n\tfsmonitor = ${await recordingScript()}\n`,
      );
      const { error } = await pushBranch(`file://${bare}`, {
        files: ['ops/config'],
      });
      expect(error?.message).toBe(
        'files "ops/config" goes through "ops", which is not a directory',
      );
      expect(await scriptRuns()).toEqual([]);
      expect(await branchesOf(bare)).toEqual(['refs/heads/main']);
    });

    it('refuses to replace a file the deploy repository holds as a symbolic link', async () => {
      await commitToMain(bare, dir =>
        fs.symlink('.git/config', path.join(dir, 'config.yaml')),
      );
      await fs.writeFile(
        path.join(workspace, 'repo/config.yaml'),
        `[core]\n\tfsmonitor = ${await recordingScript()}\n`,
      );
      const { error } = await pushBranch(`file://${bare}`, {
        files: ['config.yaml'],
      });
      expect(error?.message).toBe(
        'files "config.yaml" is a symbolic link in the deploy repository; push-branch writes only regular files',
      );
      expect(await scriptRuns()).toEqual([]);
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

    it('refuses a file larger than it may push', async () => {
      await fs.writeFile(
        path.join(workspace, 'repo/big.bin'),
        Buffer.alloc(10 * 1024 * 1024 + 1),
      );
      const { error } = await pushBranch(`file://${bare}`, {
        files: ['big.bin'],
      });
      expect(error?.message).toBe(
        'files "big.bin" is 10485761 bytes, more than the 10485760 bytes a pushed file may have',
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
});
