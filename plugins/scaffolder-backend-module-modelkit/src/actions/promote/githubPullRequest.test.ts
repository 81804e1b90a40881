import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { recordingAuditor } from '../__testUtils__/auditor';
import { startGitHubApi } from './__testUtils__/gitHubApi';
import {
  createBareRepository,
  git,
  overlayPatch,
  PromotionWorld,
  startPromotionWorld,
  writeProject,
} from './__testUtils__/promotionWorld';
import { createPromoteModelKitAction } from './promoteModelKit';

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
const TOKEN = 'ghp_loopbackToken0123456789';
const TEMPLATE = resolvePackagePath(
  '@kitstage/plugin-scaffolder-backend-module-modelkit',
  '../../templates/promote-modelkit/template.yaml',
);

// kitstage:modelkit:promote followed by Backstage's publish:github:pull-request, through the
// github integration, against a loopback server speaking the GitHub REST API on a real bare
// repository.
describe('promotion delivered as a GitHub pull request', () => {
  let world: PromotionWorld;
  let root: string;

  beforeAll(async () => {
    world = await startPromotionWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-github-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('opens a pull request whose branch changes only the reference lines, with the promotion text', async () => {
    const bare = await createBareRepository(
      root,
      'svc',
      `${world.repository}:v1`,
    );
    const github = await startGitHubApi({
      owner: 'acme',
      repo: 'svc',
      bare,
      token: TOKEN,
    });
    try {
      const config = world.config({
        integrations: {
          github: [
            {
              host: github.host,
              apiBaseUrl: `${github.url}/api`,
              token: TOKEN,
            },
          ],
        },
      });
      const workspace = path.join(root, 'workspace');
      // What fetch:plain leaves.
      await writeProject(
        path.join(workspace, 'repo'),
        `${world.repository}:v1`,
      );

      const promote = createPromoteModelKitAction({
        config,
        access: world.access({
          config,
          entities: world.entities(),
          permissions: allowAll,
        }),
        attestations: world.services.attestations,
        auditor: recordingAuditor().auditor,
      });
      const promoteCtx = actionContext(
        {
          component: 'component:default/support-sentiment',
          environment: 'production',
          version: 'v2',
          path: 'repo',
          changesPath: 'changes',
        },
        workspace,
      );
      promoteCtx.getInitiatorCredentials = async () =>
        mockCredentials.user('user:default/alice') as any;
      await promote.handler(promoteCtx as any);
      const promoted = Object.fromEntries(promoteCtx.output.mock.calls);

      const integrations = ScmIntegrations.fromConfig(config);
      const publish = createPublishGithubPullRequestAction({
        integrations,
        githubCredentialsProvider:
          DefaultGithubCredentialsProvider.fromIntegrations(integrations),
        config,
      });
      const publishCtx = actionContext(
        {
          repoUrl: `${github.host}?owner=acme&repo=svc`,
          branchName: promoted.branchName,
          title: promoted.title,
          description: promoted.body,
          commitMessage: promoted.commitMessage,
          sourcePath: 'changes',
        },
        workspace,
      );
      await publish.handler(publishCtx as any);
      const published = Object.fromEntries(publishCtx.output.mock.calls);

      expect(github.unauthorized).toBe(0);
      expect(github.pullRequests).toEqual([
        {
          number: 1,
          head: `acme:${promoted.branchName}`,
          base: 'main',
          title: 'Promote support-sentiment v2 to production',
          body: promoted.body,
        },
      ]);
      expect(published.remoteUrl).toBe(
        'https://github.example/acme/svc/pull/1',
      );
      expect(published.pullRequestNumber).toBe(1);

      // The branch on the repository: one commit on main, changing the overlay only, and
      // within it only the reference lines.
      const branch = `refs/heads/${promoted.branchName}`;
      expect(
        (await git(bare, 'diff', '--name-only', 'main', branch)).trim(),
      ).toBe(OVERLAY);
      expect(await git(bare, 'show', `${branch}:${OVERLAY}`)).toBe(
        overlayPatch(`${world.repository}@${world.digests.v2}`),
      );
      const changed = (
        await git(bare, 'diff', '--unified=0', 'main', branch, '--', OVERLAY)
      )
        .split('\n')
        .filter(line => /^[+-][^+-]/.test(line));
      expect(changed).toHaveLength(6);
      expect(changed.filter(line => line.startsWith('+'))).toEqual([
        `+    kitstage.dev/modelkit: ${world.repository}@${world.digests.v2}`,
        `+        kitstage.dev/modelkit: ${world.repository}@${world.digests.v2}`,
        `+              value: ${world.repository}@${world.digests.v2} # what the server reports`,
      ]);
      expect((await git(bare, 'rev-parse', `${branch}^`)).trim()).toBe(
        (await git(bare, 'rev-parse', 'main')).trim(),
      );
      expect((await git(bare, 'log', '-1', '--format=%B', branch)).trim()).toBe(
        promoted.commitMessage,
      );
      expect(github.requests).toEqual(
        expect.arrayContaining([
          'POST /api/repos/acme/svc/git/trees',
          'POST /api/repos/acme/svc/git/commits',
          'POST /api/repos/acme/svc/git/refs',
          'POST /api/repos/acme/svc/pulls',
        ]),
      );
    } finally {
      await github.stop();
    }
  });

  it("opens the pull request into the branch the Component's deploy repository is bound to, as the template asks", async () => {
    const bare = await createBareRepository(
      root,
      'svc',
      `${world.repository}:v1`,
    );
    // The deploy repository is bound to release; main, its default branch, has moved on.
    await git(bare, 'branch', 'release', 'main');
    const work = path.join(root, 'work');
    await git(root, 'clone', '-q', bare, work);
    await fs.writeFile(path.join(work, 'NOTES.md'), 'main only\n');
    await git(work, 'add', '-A');
    await git(work, 'commit', '-q', '-m', 'Main only');
    await git(work, 'push', '-q', 'origin', 'main');
    const github = await startGitHubApi({
      owner: 'acme',
      repo: 'svc',
      bare,
      token: TOKEN,
    });
    try {
      const config = world.config({
        kitstage: { promotion: { allowedRemotes: [`file://${root}/`] } },
        integrations: {
          github: [
            {
              host: github.host,
              apiBaseUrl: `${github.url}/api`,
              token: TOKEN,
            },
          ],
        },
      });
      const workspace = path.join(root, 'workspace');
      await fs.mkdir(workspace);
      const promote = createPromoteModelKitAction({
        config,
        access: world.access({
          config,
          entities: world.entities('production', {
            deployRepository: `file://${bare}#release`,
          }),
          permissions: allowAll,
        }),
        attestations: world.services.attestations,
        auditor: recordingAuditor().auditor,
      });
      const promoteCtx = actionContext(
        {
          component: 'component:default/support-sentiment',
          environment: 'production',
          version: 'v2',
          path: 'repo',
          changesPath: 'changes',
          checkout: true,
        },
        workspace,
      );
      promoteCtx.getInitiatorCredentials = async () =>
        mockCredentials.user('user:default/alice') as any;
      await promote.handler(promoteCtx as any);
      const promoted = Object.fromEntries(promoteCtx.output.mock.calls);
      expect(promoted.baseBranch).toBe('release');

      // The template's pull request step takes its target branch from promote.
      const template = yaml.parse(await fs.readFile(TEMPLATE, 'utf8'));
      const pr = template.spec.steps.find((step: any) => step.id === 'pr');
      expect(pr.input.targetBranchName).toBe(
        '${{ steps.promote.output.baseBranch }}',
      );

      const integrations = ScmIntegrations.fromConfig(config);
      const publish = createPublishGithubPullRequestAction({
        integrations,
        githubCredentialsProvider:
          DefaultGithubCredentialsProvider.fromIntegrations(integrations),
        config,
      });
      const publishCtx = actionContext(
        {
          repoUrl: `${github.host}?owner=acme&repo=svc`,
          branchName: promoted.branchName,
          title: promoted.title,
          description: promoted.body,
          commitMessage: promoted.commitMessage,
          sourcePath: 'changes',
          targetBranchName: promoted.baseBranch,
        },
        workspace,
      );
      await publish.handler(publishCtx as any);

      expect(github.pullRequests).toEqual([
        expect.objectContaining({
          head: `acme:${promoted.branchName}`,
          base: 'release',
        }),
      ]);
      const branch = `refs/heads/${promoted.branchName}`;
      expect((await git(bare, 'rev-parse', `${branch}^`)).trim()).toBe(
        (await git(bare, 'rev-parse', 'release')).trim(),
      );
      expect(
        (await git(bare, 'diff', '--name-only', 'release', branch)).trim(),
      ).toBe(OVERLAY);
    } finally {
      await github.stop();
    }
  });
});
