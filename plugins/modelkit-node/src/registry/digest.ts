import { createHash } from 'node:crypto';

const DIGEST_PATTERN = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
// The path component and tag grammars of the OCI distribution specification.
const REPOSITORY_PATTERN =
  /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG_PATTERN = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
const MAX_REPOSITORY_LENGTH = 255;

/**
 * Checks that a string is a digest the client can verify (`sha256:` with 64 or `sha512:`
 * with 128 lowercase hex characters).
 *
 * @public
 */
export function isOciDigest(value: string): boolean {
  return DIGEST_PATTERN.test(value);
}

/**
 * Checks that a string is a valid repository name per the OCI distribution specification.
 *
 * @public
 */
export function isOciRepositoryName(value: string): boolean {
  return (
    value.length <= MAX_REPOSITORY_LENGTH && REPOSITORY_PATTERN.test(value)
  );
}

/**
 * Checks that a string is a valid tag per the OCI distribution specification.
 *
 * @public
 */
export function isOciTag(value: string): boolean {
  return TAG_PATTERN.test(value);
}

/**
 * Computes the `sha256:` digest of some bytes.
 *
 * @public
 */
export function sha256Digest(data: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * Computes the digest of some bytes with the algorithm of `expected`, and tells whether they
 * match. `expected` must satisfy {@link isOciDigest}.
 *
 * @internal
 */
export function digestMatches(data: Uint8Array, expected: string): boolean {
  const [algorithm, hex] = expected.split(':', 2);
  return createHash(algorithm).update(data).digest('hex') === hex;
}

/**
 * The tag under which the referrers tag schema stores the referrers of a digest
 * (`sha256:abc…` becomes `sha256-abc…`, cut to 128 characters).
 *
 * @public
 */
export function referrersTagFor(digest: string): string {
  return digest.replace(':', '-').slice(0, 128);
}
