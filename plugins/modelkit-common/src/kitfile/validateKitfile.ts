import { z } from 'zod';
import { formatFieldPath, PathSegment } from './fieldPath';
import { InvalidKitfileError, KitfileIssue } from './InvalidKitfileError';
import { kitfileSchema, lenientKitfileSchema } from './kitfileSchema';
import { dropKnownNulls, KITFILE_SECTIONS } from './knownFields';
import { KitfileLimits, resolveLimits } from './limits';
import { copyPlainValue } from './plainValue';
import { Kitfile } from './types';

/**
 * Options for {@link validateKitfile}.
 *
 * @public
 */
export interface ValidateKitfileOptions {
  /** As for {@link ParseKitfileOptions.strict}; default `true`. */
  strict?: boolean;
  /** Bounds on the value's size; `maxLength` does not apply. */
  limits?: KitfileLimits;
}

/**
 * Finds the line and column of a field, when the value came from text.
 *
 * @internal
 */
export type Locate = (
  path: PathSegment[],
) => { line: number; column: number } | undefined;

/**
 * Validates a Kitfile that is already a JavaScript value, such as a ModelKit config blob read
 * with `response.json()`, and returns a clean copy.
 *
 * @remarks
 * The same rules as {@link parseKitfile} apply, except for YAML-specific reading: known fields
 * set to `null` or `undefined` are left out, unknown fields are kept in order, and values JSON
 * cannot hold (functions, class instances, `NaN`, cycles) are refused with their field path.
 *
 * @throws {@link InvalidKitfileError} listing every problem with its field path.
 * @public
 */
export function validateKitfile(
  value: unknown,
  options?: ValidateKitfileOptions,
): Kitfile {
  const limits = resolveLimits(options?.limits);
  const copied = copyPlainValue(value, limits);
  if (copied.issues.length > 0) {
    throw new InvalidKitfileError(
      copied.issues.map(issue => ({
        path: formatFieldPath(issue.path),
        message: issue.message,
      })),
    );
  }
  return checkKitfileValue(
    copied.value,
    options?.strict ?? true,
    () => undefined,
  );
}

/**
 * Validates a fresh, JSON-compatible copy of a Kitfile in place and returns it.
 *
 * @internal
 */
export function checkKitfileValue(
  value: unknown,
  strict: boolean,
  locate: Locate,
): Kitfile {
  let candidate = value;
  dropKnownNulls(candidate);
  if (!strict && isRecord(candidate)) {
    const record = candidate;
    // Every section is optional, so without this check any JSON object would read as an
    // empty ModelKit.
    if (!KITFILE_SECTIONS.some(section => Object.hasOwn(record, section))) {
      throw new InvalidKitfileError([
        {
          path: formatFieldPath([]),
          message: `not a Kitfile: it has none of ${KITFILE_SECTIONS.join(
            ', ',
          )}; ${describeKeys(Object.keys(record))}`,
          ...locate([]),
        },
      ]);
    }
    if (record.manifestVersion === undefined) {
      const { manifestVersion: _missing, ...rest } = record;
      candidate = { manifestVersion: '', ...rest };
    }
  }
  const schema = strict ? kitfileSchema : lenientKitfileSchema;
  const result = schema.safeParse(candidate);
  if (!result.success) {
    throw new InvalidKitfileError(
      result.error.issues.map(issue =>
        toKitfileIssue(issue, candidate, locate),
      ),
    );
  }
  return candidate as Kitfile;
}

function toKitfileIssue(
  issue: z.core.$ZodIssue,
  root: unknown,
  locate: Locate,
): KitfileIssue {
  const path = issue.path.filter(
    (segment): segment is PathSegment => typeof segment !== 'symbol',
  );
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    const actual = valueAt(root, path);
    message =
      actual === undefined
        ? 'is required'
        : `expected ${issue.expected}, got ${describeType(actual)}`;
  }
  return { path: formatFieldPath(path), message, ...locate(path) };
}

const MAX_KEYS_SHOWN = 10;
const MAX_KEY_LENGTH_SHOWN = 40;

function describeKeys(keys: string[]): string {
  if (keys.length === 0) {
    return 'found no keys';
  }
  const shown = keys.slice(0, MAX_KEYS_SHOWN).map(key => {
    const short =
      key.length > MAX_KEY_LENGTH_SHOWN
        ? `${key.slice(0, MAX_KEY_LENGTH_SHOWN)}…`
        : key;
    return /^[\w.-]+…?$/.test(short) ? short : JSON.stringify(short);
  });
  const more = keys.length - shown.length;
  return `found keys: ${shown.join(', ')}${
    more > 0 ? ` and ${more} more` : ''
  }`;
}

function valueAt(root: unknown, path: PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = Object.hasOwn(current, segment)
      ? (current as Record<PathSegment, unknown>)[segment]
      : undefined;
  }
  return current;
}

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'object') {
    return 'object';
  }
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
