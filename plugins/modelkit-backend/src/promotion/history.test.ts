import {
  findPromotionLiveAt,
  PromotionEnvironment,
} from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runGit } from '@kitstage/plugin-modelkit-node';
import {
  startTestGitServer,
  TestGitServer,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  overlayPatch,
  ScriptedRepository,
} from './__testUtils__/gitRepository';
import {
  HISTORY_DEPTH_PER_COMMIT,
  pullRequestOf,
  readPromotionHistory,
} from './history';

jest.setTimeout(60_000);

const REPO = 'registry.example.com/nlp/support-sentiment';
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const ENVIRONMENTS: PromotionEnvironment[] = [
  { name: 'staging', overlayPath: 'deploy/overlays/staging' },
  { name: 'production', overlayPath: 'deploy/overlays/production' },
];
const PROD = 'deploy/overlays/production/modelkit.yaml';
const STAGING = 'deploy/overlays/staging/modelkit.yaml';

describe('readPromotionHistory', () => {
  let repo: ScriptedRepository;
  const commits: Record<string, string> = {};

  beforeAll(async () => {
    repo = await ScriptedRepository.create();
    await repo.write(PROD, overlayPatch(`${REPO}:v1`));
    await repo.write(STAGING, overlayPatch(`${REPO}:v1`));
    await repo.write(
      'deploy/overlays/production/kustomization.yaml',
      'patches: [{path: modelkit.yaml}]\n',
    );
    commits.initial = await repo.commit(
      'Initial project',
      '2026-11-01T09:00:00Z',
    );
    await repo.write(STAGING, overlayPatch(`${REPO}@${digest('a')}`));
    commits.stagingA = await repo.commit(
      'Promote support-sentiment v2 to staging (#11)',
      '2026-11-03T10:00:00Z',
    );
    commits.prodA = await repo.mergePullRequest(
      'kitstage/promote-a',
      { [PROD]: overlayPatch(`${REPO}@${digest('a')}`) },
      'Merge pull request #12 from acme/kitstage/promote-a\n\nPromote support-sentiment v2 to production',
      '2026-11-05T14:00:00Z',
      ['Carol Merger', 'carol@example.com'],
    );
    // A comment-only change is not a promotion.
    await repo.write(
      PROD,
      overlayPatch(`${REPO}@${digest('a')}`, ' Reviewed.'),
    );
    commits.comment = await repo.commit(
      'Document the overlay',
      '2026-11-06T08:00:00Z',
    );
    await repo.write(PROD, overlayPatch(`${REPO}@${digest('b')}`));
    commits.prodB = await repo.commit(
      'Promote support-sentiment v3 to production (#13)\n\nReviewed in https://evil.example/phish/pull/666',
      '2026-11-10T03:00:00Z',
      ['Dave Direct', 'dave@example.com'],
    );
    // A rollback to a.
    commits.prodRollback = await repo.mergePullRequest(
      'kitstage/rollback',
      { [PROD]: overlayPatch(`${REPO}@${digest('a')}`) },
      "Merge branch 'kitstage/rollback' into 'main'\n\nSee merge request nlp/support-sentiment!14",
      '2026-11-12T16:30:00Z',
      ['Erin Ops', 'erin@example.com'],
    );
    await repo.push();
  });

  afterAll(async () => {
    await repo?.remove();
  });

  it('lists each change of the reference in effect, newest first, with time, author and pull request', async () => {
    const { branch, entries, truncated } = await readPromotionHistory({
      remote: { url: `file://${repo.bare}` },
      environments: [ENVIRONMENTS[1]],
    });
    expect(branch).toBe('main');
    expect(truncated).toBe(false);
    expect(entries).toEqual([
      {
        environment: 'production',
        commit: commits.prodRollback,
        subject: "Merge branch 'kitstage/rollback' into 'main'",
        committedAt: '2026-11-12T16:30:00.000Z',
        author: { name: 'Erin Ops', email: 'erin@example.com' },
        reference: `${REPO}@${digest('a')}`,
        digest: digest('a'),
        previousDigest: digest('b'),
        pullRequest: { number: 14 },
      },
      {
        environment: 'production',
        commit: commits.prodB,
        subject: 'Promote support-sentiment v3 to production (#13)',
        committedAt: '2026-11-10T03:00:00.000Z',
        author: { name: 'Dave Direct', email: 'dave@example.com' },
        reference: `${REPO}@${digest('b')}`,
        digest: digest('b'),
        previousDigest: digest('a'),
        // The URL in the message is on another host: not a link, and not the number.
        pullRequest: { number: 13 },
      },
      {
        environment: 'production',
        commit: commits.prodA,
        subject: 'Merge pull request #12 from acme/kitstage/promote-a',
        committedAt: '2026-11-05T14:00:00.000Z',
        author: { name: 'Carol Merger', email: 'carol@example.com' },
        reference: `${REPO}@${digest('a')}`,
        digest: digest('a'),
        pullRequest: { number: 12 },
      },
      {
        environment: 'production',
        commit: commits.initial,
        subject: 'Initial project',
        committedAt: '2026-11-01T09:00:00.000Z',
        author: { name: 'Test Author', email: 'author@example.com' },
        reference: `${REPO}:v1`,
      },
    ]);
  });

  it('answers which digest was live at a time', async () => {
    const { entries } = await readPromotionHistory({
      remote: { url: `file://${repo.bare}` },
      environments: ENVIRONMENTS,
    });
    const production = entries.filter(e => e.environment === 'production');
    // Tuesday 2026-11-10 at 3 a.m. UTC: the direct promotion of b had just landed.
    expect(
      findPromotionLiveAt(production, '2026-11-10T03:00:00Z')?.digest,
    ).toBe(digest('b'));
    expect(
      findPromotionLiveAt(production, '2026-11-10T02:59:59Z')?.digest,
    ).toBe(digest('a'));
    expect(
      findPromotionLiveAt(production, '2026-11-13T00:00:00Z')?.commit,
    ).toBe(commits.prodRollback);
    expect(
      findPromotionLiveAt(production, '2026-10-01T00:00:00Z'),
    ).toBeUndefined();
    const staging = entries.filter(e => e.environment === 'staging');
    expect(staging.map(e => e.pullRequest?.number)).toEqual([11, undefined]);
    expect(findPromotionLiveAt(staging, '2026-11-10T03:00:00Z')?.digest).toBe(
      digest('a'),
    );
  });

  it('says when the commit limit cut the history, and deletes its clone', async () => {
    const before = (await fs.readdir(os.tmpdir())).filter(n =>
      n.startsWith('kitstage-history-'),
    );
    const { entries, truncated } = await readPromotionHistory({
      remote: { url: `file://${repo.bare}` },
      environments: [ENVIRONMENTS[1]],
      maxCommits: 2,
    });
    expect(truncated).toBe(true);
    expect(entries.map(e => e.commit)).toEqual([
      commits.prodRollback,
      commits.prodB,
    ]);
    const after = (await fs.readdir(os.tmpdir())).filter(n =>
      n.startsWith('kitstage-history-'),
    );
    expect(after.sort()).toEqual(before.sort());
  });

  it('fetches at most maxBlobs overlay files and says the history was cut', async () => {
    const { entries, truncated } = await readPromotionHistory({
      remote: { url: `file://${repo.bare}` },
      environments: [ENVIRONMENTS[1]],
      maxBlobs: 4, // two YAML files per commit
    });
    expect(truncated).toBe(true);
    // The two newest commits only, without the older history.
    expect(entries.map(e => e.commit)).toEqual([
      commits.prodRollback,
      commits.prodB,
    ]);
  });

  it("reads the base branch (main) when the remote names none, whatever the remote's HEAD", async () => {
    // The branch that promotions check out and bind Components on is main; a HEAD that someone
    // with push access pointed elsewhere does not change which history is shown.
    const git = (...args: string[]) =>
      runGit(['--git-dir', repo.bare, ...args], {});
    await git('branch', 'elsewhere', commits.initial);
    await git('symbolic-ref', 'HEAD', 'refs/heads/elsewhere');
    try {
      const { branch, entries } = await readPromotionHistory({
        remote: { url: `file://${repo.bare}` },
        environments: [ENVIRONMENTS[1]],
      });
      expect(branch).toBe('main');
      expect(entries[0].commit).toBe(commits.prodRollback);
    } finally {
      await git('symbolic-ref', 'HEAD', 'refs/heads/main');
      await git('branch', '-D', 'elsewhere');
    }
  });

  it('fails clearly for a branch that does not exist', async () => {
    await expect(
      readPromotionHistory({
        remote: { url: `file://${repo.bare}`, branch: 'nope' },
        environments: ENVIRONMENTS,
      }),
    ).rejects.toThrow(/git clone failed: .*nope/);
  });
});

describe('readPromotionHistory depth', () => {
  // Two promotions, then more commits that leave the overlay alone than the clone reaches
  // back for maxCommits 2.
  const maxCommits = 2;
  const depth = maxCommits * HISTORY_DEPTH_PER_COMMIT;
  let repo: ScriptedRepository;
  let server: TestGitServer;
  const commits: Record<string, string> = {};

  beforeAll(async () => {
    repo = await ScriptedRepository.create();
    await repo.write(PROD, overlayPatch(`${REPO}:v1`));
    commits.initial = await repo.commit('Initial', '2026-11-01T09:00:00Z');
    await repo.write(PROD, overlayPatch(`${REPO}@${digest('a')}`));
    commits.prodA = await repo.commit('Promote a', '2026-11-02T09:00:00Z');
    for (let i = 0; i < depth + 2; i++) {
      await repo.write('README.md', `revision ${i}\n`);
      await repo.commit(`Document ${i}`, `2026-11-03T09:00:${10 + i}Z`);
    }
    await repo.write(PROD, overlayPatch(`${REPO}@${digest('b')}`));
    commits.prodB = await repo.commit('Promote b', '2026-11-04T09:00:00Z');
    await repo.push();
    server = await startTestGitServer(repo.root);
  });

  afterAll(async () => {
    await server?.stop();
    await repo?.remove();
  });

  it.each([
    ['file://', () => `file://${repo.bare}`],
    ['smart HTTP', () => `${server.url}/${path.basename(repo.bare)}`],
  ])(
    'clones over %s no deeper than the commit limit allows, and says the history was cut',
    async (_transport, url) => {
      const { entries, truncated } = await readPromotionHistory({
        remote: { url: url() },
        environments: [ENVIRONMENTS[1]],
        maxCommits,
      });
      // The commit where the clone stops is not a promotion: it is left out.
      expect(entries.map(e => e.commit)).toEqual([commits.prodB]);
      expect(truncated).toBe(true);
    },
  );

  it.each([
    ['file://', () => `file://${repo.bare}`],
    ['smart HTTP', () => `${server.url}/${path.basename(repo.bare)}`],
  ])(
    'reads the whole history over %s when it is within the depth',
    async (_transport, url) => {
      const { entries, truncated } = await readPromotionHistory({
        remote: { url: url() },
        environments: [ENVIRONMENTS[1]],
        maxCommits: 5,
      });
      expect(entries.map(e => e.commit)).toEqual([
        commits.prodB,
        commits.prodA,
        commits.initial,
      ]);
      expect(truncated).toBe(false);
    },
  );
});

describe('pullRequestOf', () => {
  const github = { url: 'https://github.example/acme/svc.git' };
  const gitlab = { url: 'https://gitlab.example/ml/team/svc.git' };

  it.each([
    [
      'a pull request URL of the remote itself',
      github,
      'Promote v2\n\nhttps://github.example/acme/svc/pull/12',
      { number: 12, url: 'https://github.example/acme/svc/pull/12' },
    ],
    [
      'the host in other case and a trailing dot',
      github,
      'See https://GitHub.Example./acme/svc/pull/12.',
      { number: 12, url: 'https://github.example/acme/svc/pull/12' },
    ],
    [
      'a GitLab merge request URL of the remote',
      gitlab,
      'https://gitlab.example/ml/team/svc/-/merge_requests/7',
      {
        number: 7,
        url: 'https://gitlab.example/ml/team/svc/-/merge_requests/7',
      },
    ],
    [
      'another host',
      github,
      'Promote v2 https://evil.example/acme/svc/pull/12',
      undefined,
    ],
    [
      'a host that starts with the remote host',
      github,
      'https://github.example.evil.net/acme/svc/pull/12',
      undefined,
    ],
    [
      'the remote host as user information',
      github,
      'https://github.example@evil.net/acme/svc/pull/12',
      undefined,
    ],
    [
      'another repository on the same host',
      github,
      'https://github.example/mallory/svc/pull/12',
      undefined,
    ],
    [
      'a repository whose name starts with the remote repository',
      github,
      'https://github.example/acme/svc-evil/pull/12',
      undefined,
    ],
    [
      'another scheme',
      github,
      'http://github.example/acme/svc/pull/12',
      undefined,
    ],
    [
      'a number after a foreign URL, with a merge commit message',
      github,
      'Merge pull request #5 from acme/x\n\nhttps://evil.example/pull/666',
      { number: 5 },
    ],
    [
      'a file remote: numbers only, never links',
      { url: 'file:///srv/git/svc.git' },
      'Promote (#9) file:///srv/git/svc/pull/9 https://srv/git/svc/pull/9',
      { number: 9 },
    ],
  ])('%s', (_what, remote, message, expected) => {
    expect(pullRequestOf(message, remote)).toEqual(expected);
  });
});
