import { isValidOciDigest, isValidOciTag } from './components';

describe('tag and digest checks', () => {
  it('follows the tag grammar [\\w][\\w.-]{0,127}', () => {
    expect(isValidOciTag('latest')).toBe(true);
    expect(isValidOciTag('_private')).toBe(true);
    expect(isValidOciTag('8B-instruct-q4_0')).toBe(true);
    expect(isValidOciTag(`a${'b'.repeat(127)}`)).toBe(true);
    expect(isValidOciTag(`a${'b'.repeat(128)}`)).toBe(false);
    expect(isValidOciTag('.x')).toBe(false);
    expect(isValidOciTag('-x')).toBe(false);
    expect(isValidOciTag('a/b')).toBe(false);
    expect(isValidOciTag('')).toBe(false);
  });

  it('accepts sha256, sha384 and sha512 digests of the right length only', () => {
    expect(isValidOciDigest(`sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isValidOciDigest(`sha384:${'a'.repeat(96)}`)).toBe(true);
    expect(isValidOciDigest(`sha512:${'a'.repeat(128)}`)).toBe(true);
    expect(isValidOciDigest(`sha512:${'a'.repeat(64)}`)).toBe(false);
    expect(isValidOciDigest(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(isValidOciDigest(`blake3:${'a'.repeat(64)}`)).toBe(false);
    expect(isValidOciDigest('a'.repeat(64))).toBe(false);
  });
});
