import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import {
  ModelKitAccessService,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  startTestGitServer,
  TestGitServer,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { actionContext, loggedText } from '../__testUtils__/actionContext';
import { recordingAuditor } from '../__testUtils__/auditor';
import { createPublishRepositoryAction } from './publishRepository';
import { publishRepositoryExamples } from './publishRepository.examples';

jest.setTimeout(60_000);

const exec = promisify(execFile);
const TOKEN = 'glpat-publishSecret0123456789';
const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';

/**
 * A stand-in permission policy: Mallory is denied `kitstage.git.publish`, everyone else is
 * allowed; it records the permissions asked for and for whom.
 */
function recordingPermissions() {
  const asked: string[] = [];
  const permissions: PermissionsService = {
    async authorize(requests, options) {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      return requests.map(request => {
        asked.push(
          `${principal.userEntityRef ?? 'service'} ${request.permission.name}`,
        );
        return {
          result:
            principal.userEntityRef === MALLORY &&
            request.permission.name === 'kitstage.git.publish'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        };
      }) as any;
    },
    async authorizeConditional() {
      throw new Error('not used');
    },
  };
  return { permissions, asked };
}

async function git(cwd: string, ...args: string[]) {
  const { stdout } = await exec('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
  return stdout;
}

describe('kitstage:git:publish', () => {
  let root: string;
  let workspace: string;
  let server: TestGitServer;
  let host: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-publish-test-'));
    workspace = path.join(root, 'workspace');
    await fs.mkdir(path.join(workspace, 'deploy/overlays/staging'), {
      recursive: true,
    });
    await fs.writeFile(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    await fs.writeFile(
      path.join(workspace, 'deploy/overlays/staging/modelkit.yaml'),
      'value: x\n',
    );
    await fs.writeFile(path.join(workspace, 'run.sh'), '#!/bin/sh\n', {
      mode: 0o755,
    });
    // The host creates a repository at its first push; the test server serves one made empty.
    await fs.mkdir(path.join(root, 'repos/ml'), { recursive: true });
    await git(root, 'init', '-q', '--bare', '-b', 'main', 'repos/ml/churn.git');
    server = await startTestGitServer(path.join(root, 'repos'));
    host = new URL(server.url).host;
  });
  afterEach(async () => {
    await server.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  function setup(
    allowedRemotes = [`${server.url}/ml/`],
    withIntegration = true,
    publish: JsonObject = {
      allowedNamespaces: [`${server.url}/ml`],
      // The test server cannot create a repository at the first push, as GitLab does: it
      // serves one made empty, which only this setting lets the action fill.
      allowExistingEmptyRepositories: true,
    },
  ) {
    const config = new ConfigReader({
      kitstage: { promotion: { allowedRemotes }, scaffolder: { publish } },
      integrations: withIntegration
        ? {
            gitlab: [
              {
                host,
                baseUrl: server.url,
                apiBaseUrl: `${server.url}/api/v4`,
                token: TOKEN,
              },
            ],
          }
        : {},
    });
    const audit = recordingAuditor();
    const { permissions, asked } = recordingPermissions();
    const access = ModelKitAccessService.create({
      config,
      catalog: catalogServiceMock({ entities: [] }),
      permissions,
      registries: {} as RegistryService,
    });
    const action = createPublishRepositoryAction({
      config,
      access,
      auditor: audit.auditor,
    });
    return { action, audit, asked };
  }

  async function run(
    action: ReturnType<typeof setup>['action'],
    input: Record<string, unknown>,
    credentials: unknown = mockCredentials.user(ALICE),
  ) {
    const ctx = actionContext(input as any, workspace);
    ctx.getInitiatorCredentials = async () => credentials as any;
    await action.handler(ctx as any);
    return { ctx, outputs: Object.fromEntries(ctx.output.mock.calls) };
  }

  it("pushes the workspace as the new repository's main branch, with the integration's token in a header only", async () => {
    const { action, audit, asked } = setup();
    const { ctx, outputs } = await run(action, {
      repoUrl: `${host}?owner=ml&repo=churn`,
      commitMessage: 'Create churn',
    });
    expect(asked).toEqual([`${ALICE} kitstage.git.publish`]);
    expect(outputs).toEqual({
      remoteUrl: `${server.url}/ml/churn`,
      repoContentsUrl: `${server.url}/ml/churn/-/blob/main`,
      cloneUrl: `${server.url}/ml/churn.git`,
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const bare = path.join(root, 'repos/ml/churn.git');
    expect((await git(bare, 'rev-parse', 'main')).trim()).toBe(outputs.commit);
    expect(
      (await git(bare, 'ls-tree', '-r', 'main')).trim().split('\n'),
    ).toEqual([
      expect.stringMatching(/^100644 blob \w+\tcatalog-info\.yaml$/),
      expect.stringMatching(
        /^100644 blob \w+\tdeploy\/overlays\/staging\/modelkit\.yaml$/,
      ),
      expect.stringMatching(/^100755 blob \w+\trun\.sh$/),
    ]);
    expect(await git(bare, 'log', '-1', '--format=%s', 'main')).toBe(
      'Create churn\n',
    );
    expect(server.requests).toContain('POST /ml/churn.git/git-receive-pack');
    expect(new Set(server.authorizations)).toEqual(
      new Set([`Basic ${Buffer.from(`oauth2:${TOKEN}`).toString('base64')}`]),
    );
    expect(loggedText(ctx.logger)).not.toContain(TOKEN);
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'modelkit-publish-repository',
        outcome: 'success',
        meta: expect.objectContaining({
          actor: ALICE,
          remote: `${server.url}/ml/churn.git`,
          namespace: `${server.url}/ml`,
          existing: 'empty',
          commit: outputs.commit,
          outcome: 'published',
        }),
      }),
    ]);
  });

  it('refuses a repository outside kitstage.promotion.allowedRemotes, compared parsed, before talking to the host', async () => {
    const { action, audit } = setup([`${server.url}/ml-other/`]);
    await expect(
      run(action, { repoUrl: `${host}?owner=ml&repo=churn` }),
    ).rejects.toThrow(
      `The repository to publish ${server.url}/ml/churn.git is not under kitstage.promotion.allowedRemotes`,
    );
    expect(server.requests).toEqual([]);
    expect(audit.events[0]).toMatchObject({
      outcome: 'fail',
      meta: { outcome: 'refused' },
    });
  });

  it('refuses a service principal before talking to the host, and records the refusal', async () => {
    const { action, audit } = setup();
    const error = await run(
      action,
      { repoUrl: `${host}?owner=ml&repo=churn` },
      mockCredentials.service('external:release-bot'),
    ).catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain('needs a signed-in user');
    expect(server.requests).toEqual([]);
    expect(audit.events[0]).toMatchObject({
      eventId: 'modelkit-publish-repository',
      outcome: 'fail',
      meta: { actor: 'service:external:release-bot', outcome: 'refused' },
    });
  });

  it('refuses a host without an SCM integration', async () => {
    const { action } = setup(undefined, false);
    await expect(
      run(action, { repoUrl: `${host}?owner=ml&repo=churn` }),
    ).rejects.toThrow(
      `repoUrl names the host ${host}, which has no SCM integration`,
    );
    expect(server.requests).toEqual([]);
  });

  it('refuses a repository that already has branches, even when existing empty ones are allowed', async () => {
    const { action, audit } = setup();
    await run(action, { repoUrl: `${host}?owner=ml&repo=churn` });
    const bare = path.join(root, 'repos/ml/churn.git');
    const before = (await git(bare, 'rev-parse', 'main')).trim();
    await expect(
      run(action, { repoUrl: `${host}?owner=ml&repo=churn` }),
    ).rejects.toThrow(
      `The repository ${server.url}/ml/churn.git already exists and has branches or tags; pick another name`,
    );
    expect((await git(bare, 'rev-parse', 'main')).trim()).toBe(before);
    expect(audit.events[1]).toMatchObject({
      outcome: 'fail',
      meta: { existing: 'not-empty', outcome: 'refused' },
    });
  });

  it('refuses an existing empty repository by default, before pushing anything', async () => {
    const { action, audit } = setup(undefined, true, {
      allowedNamespaces: [`${server.url}/ml`],
    });
    const error = await run(action, {
      repoUrl: `${host}?owner=ml&repo=churn`,
    }).catch(e => e);
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      `The repository ${server.url}/ml/churn.git already exists (empty); kitstage:git:publish creates new repositories only, unless kitstage.scaffolder.publish.allowExistingEmptyRepositories is true; pick another name`,
    );
    expect(server.requests).not.toContain(
      'POST /ml/churn.git/git-receive-pack',
    );
    expect(
      await git(path.join(root, 'repos/ml/churn.git'), 'for-each-ref'),
    ).toBe('');
    expect(audit.events[0]).toMatchObject({
      eventId: 'modelkit-publish-repository',
      outcome: 'fail',
      meta: { actor: ALICE, existing: 'empty', outcome: 'refused' },
    });
  });

  it('pushes to a repository that does not exist yet, for the host to create', async () => {
    // The test server creates nothing, so the push itself fails; what matters is that the
    // existence check let a new repository through to the push.
    const { action, audit } = setup(undefined, true, {
      allowedNamespaces: [`${server.url}/ml`],
    });
    await expect(
      run(action, { repoUrl: `${host}?owner=ml&repo=fresh` }),
    ).rejects.toThrow(/git push failed/);
    expect(server.requests).toContain(
      'GET /ml/fresh.git/info/refs?service=git-receive-pack',
    );
    expect(audit.events[0]).toMatchObject({
      outcome: 'fail',
      meta: { existing: 'none', outcome: 'failed' },
    });
  });

  it('refuses a user the permission policy denies kitstage.git.publish, before talking to the host', async () => {
    const { action, audit } = setup();
    const error = await run(
      action,
      { repoUrl: `${host}?owner=ml&repo=churn` },
      mockCredentials.user(MALLORY),
    ).catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toBe(
      'Not allowed to publish repositories (permission kitstage.git.publish)',
    );
    expect(server.requests).toEqual([]);
    expect(audit.events[0]).toMatchObject({
      outcome: 'fail',
      meta: { actor: MALLORY, outcome: 'refused' },
    });
  });

  describe('kitstage.scaffolder.publish.allowedNamespaces', () => {
    const refused = (what: string) =>
      `The repository to publish ${server.url}/${what} is not in a namespace listed under kitstage.scaffolder.publish.allowedNamespaces`;

    it.each([
      ['another namespace of the same allowed remote', ['/ml-other'], 'ml'],
      ['a namespace that is a text prefix of the owner', ['/m'], 'ml'],
      ['the repository itself', ['/ml/churn.git'], 'ml'],
      ['a sub-group of the owner only', ['/ml/team'], 'ml'],
    ])(
      'refuses a repository when the listed namespace is %s, before talking to the host',
      async (_what, namespaces, owner) => {
        const { action, audit } = setup([`${server.url}/`], true, {
          allowedNamespaces: namespaces.map(n => `${server.url}${n}`),
          allowExistingEmptyRepositories: true,
        });
        const error = await run(action, {
          repoUrl: `${host}?owner=${owner}&repo=churn`,
        }).catch(e => e);
        expect(error.name).toBe('NotAllowedError');
        expect(error.message).toBe(refused(`${owner}/churn.git`));
        expect(server.requests).toEqual([]);
        expect(audit.events[0]).toMatchObject({
          outcome: 'fail',
          meta: { outcome: 'refused' },
        });
      },
    );

    it('refuses a namespace on another port or scheme of the same host', async () => {
      const other = new URL(server.url);
      other.port = String(Number(other.port) + 1);
      const { action } = setup([`${server.url}/`], true, {
        allowedNamespaces: [
          `${other.origin}/ml`,
          `${server.url.replace('http:', 'https:')}/ml`,
        ],
      });
      await expect(
        run(action, { repoUrl: `${host}?owner=ml&repo=churn` }),
      ).rejects.toThrow(refused('ml/churn.git'));
      expect(server.requests).toEqual([]);
    });

    it('refuses every repository when no namespace is listed', async () => {
      const { action } = setup([`${server.url}/`], true, {});
      await expect(
        run(action, { repoUrl: `${host}?owner=ml&repo=churn` }),
      ).rejects.toThrow(
        `The repository to publish ${server.url}/ml/churn.git may not be created: no namespace is listed under kitstage.scaffolder.publish.allowedNamespaces`,
      );
      expect(server.requests).toEqual([]);
    });

    it('allows a sub-group below a listed namespace, compared segment by segment', async () => {
      await fs.mkdir(path.join(root, 'repos/ml/team'), { recursive: true });
      await git(
        root,
        'init',
        '-q',
        '--bare',
        '-b',
        'main',
        'repos/ml/team/churn.git',
      );
      const { action } = setup([`${server.url}/`], true, {
        allowedNamespaces: [`${server.url}/ml/`],
        allowExistingEmptyRepositories: true,
      });
      const { outputs } = await run(action, {
        repoUrl: `${host}?owner=ml/team&repo=churn`,
      });
      expect(outputs.cloneUrl).toBe(`${server.url}/ml/team/churn.git`);
      expect(
        (
          await git(
            path.join(root, 'repos/ml/team/churn.git'),
            'rev-parse',
            'main',
          )
        ).trim(),
      ).toBe(outputs.commit);
    });

    it('fails at startup on a malformed namespace, naming the entry', () => {
      expect(() =>
        setup(undefined, true, {
          allowedNamespaces: ['git@gitlab.example.com:ml'],
        }),
      ).toThrow(/kitstage\.scaffolder\.publish\.allowedNamespaces\[0\]/);
    });
  });

  it.each([
    ['no principal', mockCredentials.none(), /needs a signed-in user/],
    [
      'a service',
      mockCredentials.service('plugin:catalog'),
      /needs a signed-in user; the service principal plugin:catalog may not/,
    ],
  ])('refuses %s', async (_what, credentials, message) => {
    const { action, audit } = setup();
    await expect(
      run(action, { repoUrl: `${host}?owner=ml&repo=churn` }, credentials),
    ).rejects.toThrow(message);
    expect(server.requests).toEqual([]);
    expect(audit.events[0]).toMatchObject({ outcome: 'fail' });
  });

  it.each([
    [
      'an owner with ".."',
      `?owner=ml/..&repo=churn`,
      /owner "ml\/\.\." is not/,
    ],
    [
      'a repository named .git',
      `?owner=ml&repo=churn.git`,
      /repo "churn\.git"/,
    ],
  ])('refuses %s', async (_what, query, message) => {
    const { action } = setup();
    await expect(run(action, { repoUrl: `${host}${query}` })).rejects.toThrow(
      message,
    );
    expect(server.requests).toEqual([]);
  });

  it('refuses a symbolic link in the workspace, naming it', async () => {
    await fs.symlink('/etc/passwd', path.join(workspace, 'passwd'));
    const { action } = setup();
    await expect(
      run(action, { repoUrl: `${host}?owner=ml&repo=churn` }),
    ).rejects.toThrow(
      'sourcePath holds "passwd", a symbolic link, which may point outside the workspace',
    );
    expect(server.requests).toEqual([]);
  });

  it('has examples that name the action', () => {
    for (const example of publishRepositoryExamples) {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe('kitstage:git:publish');
      expect(step.input.repoUrl).toMatch(/^[a-z0-9.-]+\?owner=[^&]+&repo=/);
    }
  });
});
