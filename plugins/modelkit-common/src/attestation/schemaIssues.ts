import type { z } from 'zod';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Writes a zod issue path the way people read it: `predicate.findings[2].severity`.
 *
 * @internal
 */
export function formatIssuePath(
  prefix: string,
  path: readonly PropertyKey[],
): string {
  let text = prefix;
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (typeof segment === 'string' && IDENTIFIER.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(String(segment))}]`;
    }
  }
  return text === '' ? '(root)' : text;
}

/**
 * Turns zod issues into short `path: message` lines, at most `max` of them.
 *
 * @internal
 */
export function formatIssues(
  error: z.ZodError,
  prefix = '',
  max = 5,
): string[] {
  const lines = error.issues
    .slice(0, max)
    .map(issue => `${formatIssuePath(prefix, issue.path)}: ${issue.message}`);
  if (error.issues.length > max) {
    lines.push(`… and ${error.issues.length - max} more`);
  }
  return lines;
}

/**
 * A string that parses as an RFC 3339 / ISO 8601 date-time.
 *
 * @internal
 */
export function isDateTime(value: string): boolean {
  return !Number.isNaN(dateTimeMillis(value));
}

const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The time of an RFC 3339 / ISO 8601 date-time in milliseconds since the epoch (as
 * `Date.parse` gives it); `NaN` for any other string.
 *
 * @internal
 */
export function dateTimeMillis(value: string): number {
  const common = commonDateTimeMillis(value);
  if (common !== undefined) {
    return common;
  }
  return DATE_TIME.test(value) ? Date.parse(value) : NaN;
}

/** The value of the decimal digits of `text` from `start` to `end`; NaN for a non-digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) {
      return NaN;
    }
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The time of the usual spelling, `2026-03-01T10:04:30Z` or `2026-03-01T10:04:30.123Z` (UTC,
 * years from 1970, every field in its range), read digit by digit: what `Date.parse` gives
 * for it. Undefined for any other string, which `dateTimeMillis` reads as before.
 */
function commonDateTimeMillis(value: string): number | undefined {
  const length = value.length;
  if (
    (length !== 20 && length !== 24) ||
    value.charCodeAt(4) !== 0x2d || // -
    value.charCodeAt(7) !== 0x2d ||
    value.charCodeAt(10) !== 0x54 || // T
    value.charCodeAt(13) !== 0x3a || // :
    value.charCodeAt(16) !== 0x3a ||
    value.charCodeAt(length - 1) !== 0x5a || // Z
    (length === 24 && value.charCodeAt(19) !== 0x2e) // .
  ) {
    return undefined;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  const hour = digits(value, 11, 13);
  const minute = digits(value, 14, 16);
  const second = digits(value, 17, 19);
  const millisecond = length === 24 ? digits(value, 20, 23) : 0;
  // NaN (a non-digit) fails every comparison.
  if (
    !(year >= 1970) ||
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= 31) ||
    !(hour <= 23) ||
    !(minute <= 59) ||
    !(second <= 59) ||
    !(millisecond >= 0)
  ) {
    return undefined;
  }
  // Date.parse rolls a day past the end of its month over exactly as Date.UTC does.
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}
