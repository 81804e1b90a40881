import { PathSegment } from './fieldPath';

/**
 * A problem found while reading a value, at a path relative to where reading started.
 *
 * @internal
 */
export interface RawIssue {
  path: PathSegment[];
  message: string;
  /** Offset in the source text, when known. */
  offset?: number;
}

/**
 * Stops a walk once a limit is reached; the issue is already recorded.
 *
 * @internal
 */
export class LimitReached extends Error {}

/**
 * Bounds on a value's depth and size.
 *
 * @internal
 */
export interface CopyLimits {
  maxDepth: number;
  maxNodes: number;
}

/**
 * Copies a JavaScript value that should be JSON-compatible (plain objects, arrays, strings,
 * finite numbers, booleans, null), reporting anything else with its path. Properties whose value
 * is undefined are left out, as JSON does. Cycles, excessive depth and size are reported instead
 * of followed.
 *
 * @internal
 */
export function copyPlainValue(
  value: unknown,
  limits: CopyLimits,
): { value: unknown; issues: RawIssue[] } {
  const issues: RawIssue[] = [];
  const ancestors = new Set<object>();
  let nodes = 0;

  const copy = (current: unknown, path: PathSegment[]): unknown => {
    nodes += 1;
    if (nodes > limits.maxNodes) {
      issues.push({
        path,
        message: `the document has more than ${limits.maxNodes} values`,
      });
      throw new LimitReached();
    }
    if (
      path.length >= limits.maxDepth &&
      typeof current === 'object' &&
      current !== null
    ) {
      issues.push({
        path,
        message: `nests deeper than ${limits.maxDepth} levels`,
      });
      throw new LimitReached();
    }
    switch (typeof current) {
      case 'string':
      case 'boolean':
        return current;
      case 'number':
        if (!Number.isFinite(current)) {
          issues.push({
            path,
            message: `${current} is not a finite number, which JSON cannot hold`,
          });
        }
        return current;
      case 'object':
        break;
      default:
        issues.push({
          path,
          message: `expected a JSON-compatible value, got ${typeof current}`,
        });
        return undefined;
    }
    if (current === null) {
      return null;
    }
    if (ancestors.has(current)) {
      issues.push({ path, message: 'refers back to a value that contains it' });
      throw new LimitReached();
    }
    const isArray = Array.isArray(current);
    const prototype = Object.getPrototypeOf(current);
    if (!isArray && prototype !== Object.prototype && prototype !== null) {
      const name = (current as object).constructor?.name ?? 'object';
      issues.push({
        path,
        message: `expected a JSON-compatible value, got ${name}`,
      });
      return undefined;
    }
    ancestors.add(current);
    try {
      if (isArray) {
        const list = current as unknown[];
        const result: unknown[] = [];
        for (let index = 0; index < list.length; index++) {
          result.push(copy(list[index], [...path, index]));
        }
        return result;
      }
      const entries: [string, unknown][] = [];
      for (const [key, child] of Object.entries(current)) {
        if (child !== undefined) {
          entries.push([key, copy(child, [...path, key])]);
        }
      }
      // fromEntries defines own properties, so a "__proto__" key stays an ordinary key.
      return Object.fromEntries(entries);
    } finally {
      ancestors.delete(current);
    }
  };

  try {
    return { value: copy(value, []), issues };
  } catch (error) {
    if (error instanceof LimitReached) {
      return { value: undefined, issues };
    }
    throw error;
  }
}
