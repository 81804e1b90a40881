import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_AUTHORS, DEMO_DEPLOY_REPOSITORIES } from './demoDeployHistory';
import { mergePromotionBranches } from './mergePromotionBranches';
import {
  readLayoutDigests,
  seedDeployRepositories,
} from './seedDeployRepositories';
import { DemoGitServer, startDemoGitServer } from './startDemoGitServer';

const exec = promisify(execFile);
const TOKEN = 'test-demo-token';
const LAYOUT = path.resolve(__dirname, '../../../../../examples/oci-layout');

describe('the demo Git host', () => {
  let root: string;
  let server: DemoGitServer;
  let digests: Map<string, string>;
  let seeded: string[];

  const git = async (cwd: string, ...args: string[]) =>
    (
      await exec(
        'git',
        [
          '-c',
          `http.extraHeader=Authorization: Basic ${Buffer.from(
            `oauth2:${TOKEN}`,
          ).toString('base64')}`,
          ...args,
        ],
        {
          cwd,
          env: {
            PATH: process.env.PATH,
            HOME: root,
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_GLOBAL: '/dev/null',
            GIT_AUTHOR_NAME: 'Kitstage',
            GIT_AUTHOR_EMAIL: 'kitstage@example.com',
            GIT_COMMITTER_NAME: 'Kitstage',
            GIT_COMMITTER_EMAIL: 'kitstage@example.com',
          },
        },
      )
    ).stdout;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-demo-git-'));
    digests = await readLayoutDigests(LAYOUT);
    seeded = await seedDeployRepositories({
      directory: path.join(root, 'repos'),
      repositories: DEMO_DEPLOY_REPOSITORIES,
      digests,
      reseed: false,
    });
    server = await startDemoGitServer({
      root: path.join(root, 'repos'),
      port: 0,
      token: TOKEN,
      createGroups: ['projects'],
      afterPush: async gitDir => {
        await mergePromotionBranches(gitDir, DEMO_AUTHORS.ada);
      },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('serves the seeded history: demo users, spread over weeks, pinned by digest', async () => {
    expect(seeded).toEqual(DEMO_DEPLOY_REPOSITORIES.map(r => r.name));
    const work = path.join(root, 'clone');
    await git(
      root,
      'clone',
      '-q',
      `${server.url}/support-sentiment-api.git`,
      work,
    );
    const log = (
      await git(work, 'log', '--format=%an|%ad|%s', '--date=unix', 'main')
    )
      .trim()
      .split('\n')
      .map(line => line.split('|'));
    expect(log.map(([, , subject]) => subject)).toEqual([
      'Promote support-sentiment v2.0.0 to staging (#6)',
      'Roll back support-sentiment in production to v1.1.0 (#5)',
      'Promote support-sentiment v2.0.0 to production (#4)',
      'Promote support-sentiment v1.1.0 to production (#3)',
      'Promote support-sentiment v1.1.0 to staging (#2)',
      'Add the support-sentiment-api deploy overlays (#1)',
    ]);
    expect(new Set(log.map(([author]) => author)).size).toBeGreaterThan(2);
    const days =
      (Number(log[0][1]) - Number(log[log.length - 1][1])) / (24 * 3600);
    expect(days).toBeGreaterThan(28);
    const production = await fs.readFile(
      path.join(work, 'deploy/overlays/production/modelkit.yaml'),
      'utf8',
    );
    expect(production).toContain(
      `value: registry.example.com/kitstage-demo/support-sentiment@${digests.get(
        'registry.example.com/kitstage-demo/support-sentiment:v1.1.0',
      )}\n`,
    );
    expect(await git(work, 'log', '-1', '--format=%B', 'HEAD~2')).toContain(
      '**Gate overridden** by user:default/linus',
    );
  });

  it('refuses requests without its token', async () => {
    const res = await fetch(
      `${server.url}/fraud-scoring.git/info/refs?service=git-upload-pack`,
    );
    expect(res.status).toBe(401);
    const other = await fetch(`${server.url}/../etc/passwd`);
    expect(other.status).toBe(404);
  });

  it('accepts a pushed promotion branch, keeps it and merges it into main', async () => {
    const work = path.join(root, 'push');
    await git(root, 'clone', '-q', `${server.url}/fraud-scoring.git`, work);
    const file = path.join(work, 'deploy/overlays/staging/modelkit.yaml');
    const before = await fs.readFile(file, 'utf8');
    await fs.writeFile(
      file,
      before.replace(
        /@sha256:[a-f0-9]{64}/,
        `@${digests.get(
          'registry.example.com/kitstage-demo/fraud-detector:v1.0.0',
        )}`,
      ),
    );
    const branch = 'kitstage/promote-fraud-scoring-staging-a1cbe160c2b4';
    await git(work, 'checkout', '-q', '-b', branch);
    await git(
      work,
      'commit',
      '-q',
      '-am',
      'Promote fraud-detector v1.0.0 to staging',
    );
    await git(work, 'push', '-q', 'origin', branch);
    const heads = await git(work, 'ls-remote', '--heads', 'origin');
    expect(heads).toContain(`refs/heads/${branch}`);
    await git(work, 'fetch', '-q', 'origin', 'main');
    expect(await git(work, 'log', '-1', '--format=%an|%s', 'FETCH_HEAD')).toBe(
      `Ada Lovelace|Merge pull request #4 from ${branch}\n`,
    );
    expect(
      await git(
        work,
        'show',
        'FETCH_HEAD:deploy/overlays/staging/modelkit.yaml',
      ),
    ).toBe(await fs.readFile(file, 'utf8'));
  });

  it('keeps the repositories at the next start, and seeds them again when asked', async () => {
    const directory = path.join(root, 'repos');
    expect(
      await seedDeployRepositories({
        directory,
        repositories: DEMO_DEPLOY_REPOSITORIES,
        digests,
        reseed: false,
      }),
    ).toEqual([]);
    expect(
      await seedDeployRepositories({
        directory,
        repositories: DEMO_DEPLOY_REPOSITORIES.slice(0, 1),
        digests,
        reseed: true,
      }),
    ).toEqual(['support-sentiment-api']);
  });

  it('creates a repository of a configured group at its first push, and only there', async () => {
    const work = path.join(root, 'new-project');
    await fs.mkdir(work);
    await git(work, 'init', '-q', '-b', 'main');
    await fs.writeFile(
      path.join(work, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    await git(work, 'add', '.');
    await git(work, 'commit', '-q', '-m', 'Create churn');
    await git(work, 'push', '-q', `${server.url}/projects/churn.git`, 'main');
    expect(
      await git(
        root,
        'ls-remote',
        '--heads',
        `${server.url}/projects/churn.git`,
      ),
    ).toMatch(/\trefs\/heads\/main\n$/);
    // Not in another group, nor at the top level, nor without the token.
    for (const target of ['other/churn', 'churn-top']) {
      await expect(
        git(work, 'push', '-q', `${server.url}/${target}.git`, 'main'),
      ).rejects.toThrow(/not found|404/);
    }
    const anonymous = await fetch(
      `${server.url}/projects/anonymous.git/info/refs?service=git-receive-pack`,
    );
    expect(anonymous.status).toBe(401);
    await expect(
      fs.stat(path.join(root, 'repos/projects/anonymous.git')),
    ).rejects.toThrow(/ENOENT/);
  });

  it("answers the GitLab file API that Backstage's GitLab URL reader calls, with the token only", async () => {
    const fileUrl = `${server.url}/api/v4/projects/${encodeURIComponent(
      'projects/churn',
    )}/repository/files/${encodeURIComponent(
      'catalog-info.yaml',
    )}/raw?ref=main`;
    const res = await fetch(fileUrl, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('kind: Component\n');
    expect((await fetch(fileUrl)).status).toBe(401);
    for (const missing of [
      fileUrl.replace('catalog-info.yaml', 'nothing.yaml'),
      fileUrl.replace('ref=main', 'ref=..%2Fmain'),
      fileUrl.replace(
        encodeURIComponent('catalog-info.yaml'),
        encodeURIComponent('../catalog-info.yaml'),
      ),
    ]) {
      const answer = await fetch(missing, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(answer.status).toBe(404);
    }
  });

  it('shows read-only pages of a repository at the addresses GitLab uses, marked as simulated', async () => {
    const tree = await fetch(`${server.url}/projects/churn`);
    expect(tree.status).toBe(200);
    const html = await tree.text();
    expect(html).toContain('SIMULATED');
    expect(html).toContain(
      '<a href="/projects/churn/-/blob/main/catalog-info.yaml">catalog-info.yaml</a>',
    );
    const blob = await fetch(
      `${server.url}/projects/churn/-/blob/main/catalog-info.yaml`,
    );
    expect(await blob.text()).toContain('<pre>kind: Component\n</pre>');
    expect((await fetch(`${server.url}/projects/none`)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/projects/churn/-/blob/main/../../x`)).status,
    ).toBe(404);
  });
});
