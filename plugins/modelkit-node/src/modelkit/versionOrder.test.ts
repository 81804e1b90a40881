import {
  compareTagsNewestFirst,
  compareVersionsNewestFirst,
} from './versionOrder';

describe('compareTagsNewestFirst', () => {
  it('puts latest first, then versions from the highest, then other tags', () => {
    expect(
      [
        'v1.0.0',
        'stable',
        'v1.10.0',
        'latest',
        '1.9.0',
        'v2.0.0-rc.1',
        'v2.0.0',
        'v2.0.0-rc.10',
        'v2.0.0-beta',
        '2026-01-02',
        '2026-03-01',
      ].sort(compareTagsNewestFirst),
    ).toEqual([
      'latest',
      'v2.0.0',
      'v2.0.0-rc.10',
      'v2.0.0-rc.1',
      'v2.0.0-beta',
      'v1.10.0',
      '1.9.0',
      'v1.0.0',
      'stable',
      '2026-03-01',
      '2026-01-02',
    ]);
  });
});

describe('compareVersionsNewestFirst', () => {
  const v = (
    digest: string,
    created: string | undefined,
    tags: string[],
    version?: string,
  ) => ({
    digest: `sha256:${digest.repeat(64)}`,
    created,
    tags,
    version,
  });
  it('orders by creation time, then version, then digest', () => {
    const sorted = [
      v('1', undefined, ['dev']),
      v('2', '2026-01-01T00:00:00Z', ['v1.0.0']),
      v('3', undefined, ['nightly'], '0.3.0'),
      v('4', '2026-02-01T00:00:00Z', ['v0.1.0']),
      v('5', undefined, ['v0.2.0']),
      v('6', undefined, ['other']),
    ].sort(compareVersionsNewestFirst);
    expect(sorted.map(s => s.digest[7])).toEqual([
      '4',
      '2',
      '3',
      '5',
      '1',
      '6',
    ]);
  });
});
