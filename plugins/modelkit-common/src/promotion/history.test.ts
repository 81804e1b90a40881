import {
  findPromotionLiveAt,
  parsePullRequestFromCommitMessage,
} from './history';
import { PromotionHistoryEntry } from './types';

const entry = (commit: string, committedAt: string, digest: string) =>
  ({
    environment: 'production',
    commit,
    subject: commit,
    committedAt,
    author: { name: 'a', email: 'a@x' },
    digest,
  } as PromotionHistoryEntry);

describe('findPromotionLiveAt', () => {
  const entries = [
    entry('c3', '2026-11-20T10:00:00Z', 'sha256:3'),
    entry('c1', '2026-11-10T10:00:00Z', 'sha256:1'),
    entry('c2', '2026-11-15T10:00:00Z', 'sha256:2'),
  ];
  it('answers with the newest promotion at or before the time', () => {
    expect(findPromotionLiveAt(entries, '2026-11-17T03:00:00Z')?.digest).toBe(
      'sha256:2',
    );
    expect(
      findPromotionLiveAt(entries, new Date('2026-11-15T10:00:00Z'))?.digest,
    ).toBe('sha256:2');
    expect(findPromotionLiveAt(entries, '2026-12-01T00:00:00Z')?.digest).toBe(
      'sha256:3',
    );
    expect(
      findPromotionLiveAt(entries, '2026-11-01T00:00:00Z'),
    ).toBeUndefined();
  });
  it('refuses a text that is not a time', () => {
    expect(() => findPromotionLiveAt(entries, 'last tuesday')).toThrow(
      /not a time/,
    );
  });
});

describe('parsePullRequestFromCommitMessage', () => {
  it.each([
    ['Merge pull request #12 from acme/promote-x\n\nPromote', { number: 12 }],
    ['Promote v2 to production (#34)', { number: 34 }],
    [
      "Merge branch 'p' into 'main'\n\nSee merge request nlp/svc!56",
      { number: 56 },
    ],
    [
      'Promote\n\nhttps://github.com/acme/svc/pull/78',
      { number: 78, url: 'https://github.com/acme/svc/pull/78' },
    ],
    [
      'x\n\nhttps://gitlab.example.com/nlp/svc/-/merge_requests/9',
      {
        number: 9,
        url: 'https://gitlab.example.com/nlp/svc/-/merge_requests/9',
      },
    ],
  ])('reads %j', (message, expected) => {
    expect(parsePullRequestFromCommitMessage(message)).toEqual(expected);
  });
  it('answers undefined for a direct commit', () => {
    expect(parsePullRequestFromCommitMessage('Fix #12 typo')).toBeUndefined();
  });
});
