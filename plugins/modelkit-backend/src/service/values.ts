import { isError } from '@backstage/errors';

/**
 * The message of a thrown value, for warnings shown beside a partial answer.
 *
 * @internal
 */
export function messageOf(error: unknown): string {
  return isError(error) ? error.message : String(error);
}

/**
 * A non-empty string, or undefined for anything else.
 *
 * @internal
 */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * The object without its undefined members, so they are left out of a response rather than
 * sent as absent keys.
 *
 * @internal
 */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
