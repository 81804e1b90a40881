import {
  findPromotionLiveAt,
  PromotionEnvironment,
} from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import {
  overlayPatch,
  ScriptedRepository,
} from './__testUtils__/gitRepository';
import { readPromotionHistory } from './history';

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
      'Promote support-sentiment v3 to production\n\nhttps://git.example.com/nlp/support-sentiment/pull/13',
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
        subject: 'Promote support-sentiment v3 to production',
        committedAt: '2026-11-10T03:00:00.000Z',
        author: { name: 'Dave Direct', email: 'dave@example.com' },
        reference: `${REPO}@${digest('b')}`,
        digest: digest('b'),
        previousDigest: digest('a'),
        pullRequest: {
          number: 13,
          url: 'https://git.example.com/nlp/support-sentiment/pull/13',
        },
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

  it('fails clearly for a branch that does not exist', async () => {
    await expect(
      readPromotionHistory({
        remote: { url: `file://${repo.bare}`, branch: 'nope' },
        environments: ENVIRONMENTS,
      }),
    ).rejects.toThrow(/git clone failed: .*nope/);
  });
});
