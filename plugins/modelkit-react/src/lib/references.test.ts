import { versionSummaries, digests } from '../testUtils';
import { findVersion, isVersionReference } from './references';

describe('isVersionReference', () => {
  it('accepts tags and digests', () => {
    expect(isVersionReference('v1.2.0')).toBe(true);
    expect(isVersionReference('latest')).toBe(true);
    expect(isVersionReference(digests.v120)).toBe(true);
  });

  it('refuses text that names no version', () => {
    expect(isVersionReference('')).toBe(false);
    expect(isVersionReference('../../etc/passwd')).toBe(false);
    expect(isVersionReference('v1 && rm -rf ~')).toBe(false);
    expect(isVersionReference('sha256:1234')).toBe(false);
    expect(isVersionReference('-rf')).toBe(false);
  });
});

describe('findVersion', () => {
  it('finds a version by digest or by any of its tags', () => {
    expect(findVersion(versionSummaries, digests.v110)?.tags).toEqual([
      'v1.1.0',
    ]);
    expect(findVersion(versionSummaries, 'latest')?.digest).toBe(digests.v120);
    expect(findVersion(versionSummaries, 'stable')?.digest).toBe(digests.v100);
    expect(findVersion(versionSummaries, 'v9')).toBeUndefined();
    expect(findVersion(versionSummaries, undefined)).toBeUndefined();
  });
});
