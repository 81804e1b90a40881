import { PathSegment } from './fieldPath';
import { copyPlainValue } from './plainValue';

const MAX_PROBLEMS = 10;

/**
 * Problems that keep a value from being stored as JSON, each with its path inside the value.
 *
 * @internal
 */
export function jsonValueProblems(
  value: unknown,
): { path: PathSegment[]; message: string }[] {
  const { issues } = copyPlainValue(value, {
    maxDepth: 1000,
    maxNodes: Number.POSITIVE_INFINITY,
  });
  return issues.slice(0, MAX_PROBLEMS);
}
