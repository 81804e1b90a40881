import { InputError } from '@backstage/errors';
import { isOciDigest, isOciTag } from '@kitstage/plugin-modelkit-node';

/**
 * What a version reference in a request may be, for error messages.
 *
 * @internal
 */
export const REFERENCE_RULE =
  "a tag (letters, digits, '_', '.' and '-', at most 128 characters) or a digest (sha256: with 64 or sha512: with 128 lowercase hex digits)";

/**
 * Validates a version reference from a request: a tag or a digest.
 *
 * @param where - Where the value came from, for the message, e.g. `path: version`.
 * @throws InputError saying what the value must be.
 * @internal
 */
export function parseVersionReference(value: unknown, where: string): string {
  if (typeof value !== 'string' || !(isOciTag(value) || isOciDigest(value))) {
    throw new InputError(
      `Invalid ${where}: must be ${REFERENCE_RULE}, got ${JSON.stringify(
        String(value).slice(0, 140),
      )}`,
    );
  }
  return value;
}
