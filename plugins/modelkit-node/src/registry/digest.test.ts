import {
  digestMatches,
  isOciDigest,
  isOciRepositoryName,
  isOciTag,
  referrersTagFor,
  sha256Digest,
} from './digest';

describe('digest and name helpers', () => {
  it('validates repository names per the distribution grammar', () => {
    for (const name of [
      'a',
      'team/model',
      'a.b_c__d--e/f-1',
      'x'.repeat(255),
    ]) {
      expect(isOciRepositoryName(name)).toBe(true);
    }
    for (const name of [
      '',
      'Team/model',
      '/a',
      'a/',
      'a//b',
      '../a',
      'a/..',
      'a:b',
      'x'.repeat(256),
      'a b',
    ]) {
      expect(isOciRepositoryName(name)).toBe(false);
    }
  });

  it('validates tags and digests', () => {
    expect(isOciTag('v1.0.0-rc_1')).toBe(true);
    expect(isOciTag('.hidden')).toBe(false);
    expect(isOciTag('a'.repeat(129))).toBe(false);
    expect(isOciTag('sha256:abc')).toBe(false);
    expect(isOciDigest(`sha256:${'0'.repeat(64)}`)).toBe(true);
    expect(isOciDigest(`sha512:${'0'.repeat(128)}`)).toBe(true);
    expect(isOciDigest(`sha256:${'0'.repeat(63)}`)).toBe(false);
    expect(isOciDigest(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(isOciDigest(`md5:${'0'.repeat(32)}`)).toBe(false);
  });

  it('computes and checks digests', () => {
    expect(sha256Digest('')).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(digestMatches(Buffer.from(''), sha256Digest(''))).toBe(true);
    expect(digestMatches(Buffer.from('x'), sha256Digest(''))).toBe(false);
    expect(
      digestMatches(
        Buffer.from(''),
        'sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
      ),
    ).toBe(true);
  });

  it('names the referrers tag of a digest', () => {
    expect(referrersTagFor(`sha256:${'ab'.repeat(32)}`)).toBe(
      `sha256-${'ab'.repeat(32)}`,
    );
    expect(referrersTagFor(`sha512:${'c'.repeat(128)}`)).toHaveLength(128);
  });
});
