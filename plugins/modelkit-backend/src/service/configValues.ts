import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * Reads an optional positive integer setting, or the fallback when it is not set.
 *
 * @throws InputError naming the key when the value is not a positive integer.
 * @internal
 */
export function readPositiveInteger(
  config: Config,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `${key} must be a positive integer, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
