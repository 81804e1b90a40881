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
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(
      value,
    ) && !Number.isNaN(Date.parse(value))
  );
}
