import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  actionContext,
  ActionInput,
  loggedText,
} from '../__testUtils__/actionContext';
import {
  createBareRepository,
  git,
  overlayPatch,
  PromotionWorld,
  startGitHttpServer,
  startPromotionWorld,
  writeProject,
} from './__testUtils__/promotionWorld';
import { createPromoteModelKitAction } from './promoteModelKit';
import { createPushBranchAction } from './pushBranch';

jest.setTimeout(120_000);

const allowAll: PermissionsService = {
  async authorize(requests) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
  },
  async authorizeConditional() {
    throw new Error('not used');
  },
};

const OVERLAY = 'deploy/overlays/production/modelkit.yaml';

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
      kitstage: { promotion: { allowedRemotes: [`file://${root}/`] } },
      ...extra,
    });
  }

  async function promoteAndPush(
    remoteUrl: string,
    options: { checkout: boolean; config?: ReturnType<typeof config> },
  ) {
    const cfg = options.config ?? config();
    const promote = createPromoteModelKitAction({
      config: cfg,
      catalog: catalogServiceMock({ entities: world.entities() }),
      registry: world.services.registry,
      attestations: world.services.attestations,
      permissions: allowAll,
    });
    const promoteInput: ActionInput = {
      component: 'component:default/support-sentiment',
      environment: 'production',
      version: 'v2',
      path: 'repo',
      ...(options.checkout ? { checkout: { remoteUrl, branch: 'main' } } : {}),
    };
    const promoteCtx = actionContext(promoteInput, workspace);
    promoteCtx.getInitiatorCredentials = async () =>
      mockCredentials.user('user:default/alice') as any;
    await promote.handler(promoteCtx as any);
    const out = Object.fromEntries(promoteCtx.output.mock.calls);

    const push = createPushBranchAction({ config: cfg });
    const pushCtx = actionContext(
      {
        remoteUrl,
        path: 'repo',
        branch: out.branchName,
        baseBranch: 'main',
        commitMessage: out.commitMessage,
        files: out.files.map((file: string) => file.replace(/^repo\//, '')),
      },
      workspace,
    );
    await push.handler(pushCtx as any);
    return {
      promoted: out,
      pushed: Object.fromEntries(pushCtx.output.mock.calls),
      logs: `${loggedText(promoteCtx.logger)}\n${loggedText(pushCtx.logger)}`,
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

  it('clones a bare repository over file://, pins the overlay and pushes a branch', async () => {
    const bare = await createBareRepository(
      root,
      'svc',
      `${world.repository}:v1`,
    );
    const { promoted, pushed } = await promoteAndPush(`file://${bare}`, {
      checkout: true,
    });
    expect(promoted.files).toEqual([`repo/${OVERLAY}`]);
    expect(pushed.branch).toBe(promoted.branchName);
    await expectBranch(bare, pushed.branch, pushed.commit);
  });

  it('pushes a fetch:plain checkout over smart HTTP (git http-backend) with the integration token in a header only', async () => {
    const bare = await createBareRepository(
      root,
      'svc',
      `${world.repository}:v1`,
    );
    const server = await startGitHttpServer(root);
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
      root,
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

  it.each([
    [
      'a remote that is neither an integration nor allowed',
      'https://git.example.com/x.git',
      /neither on a host of an SCM integration/,
    ],
    [
      'credentials in the URL',
      'https://user:pw@github.com/x/y.git',
      /must not carry credentials/,
    ],
    [
      'an ssh remote',
      'ssh://git@github.com/x/y.git',
      /over ssh: are not supported/,
    ],
    [
      'an ext:: remote',
      'ext::sh -c touch% /tmp/pwned',
      /is not a Git remote URL|not supported/,
    ],
    [
      'a file:// remote outside the allowed prefix',
      'file:///etc/',
      /neither on a host/,
    ],
  ])('refuses %s before cloning', async (_what, remoteUrl, message) => {
    const promote = createPromoteModelKitAction({
      config: config(),
      catalog: catalogServiceMock({ entities: world.entities() }),
      registry: world.services.registry,
      attestations: world.services.attestations,
      permissions: allowAll,
    });
    const ctx = actionContext(
      {
        component: 'component:default/support-sentiment',
        environment: 'production',
        version: 'v2',
        path: 'repo',
        checkout: { remoteUrl, branch: 'main' },
      },
      workspace,
    );
    await expect(promote.handler(ctx as any)).rejects.toThrow(message);
    expect(await fs.readdir(workspace)).toEqual([]);
  });
});
