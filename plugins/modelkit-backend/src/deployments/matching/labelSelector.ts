import { InputError } from '@backstage/errors';

/** One requirement of a label selector. @internal */
export type LabelRequirement =
  | { key: string; operator: 'in' | 'notin'; values: string[] }
  | { key: string; operator: 'exists' | 'doesnotexist' };

/**
 * A parsed Kubernetes label selector (the string form used by `kubectl -l` and the
 * `backstage.io/kubernetes-label-selector` annotation).
 *
 * @internal
 */
export interface LabelSelector {
  /** The selector as written, trimmed. */
  text: string;
  requirements: LabelRequirement[];
}

const KEY =
  /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** Splits on commas outside parentheses. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * Parses a label selector such as `app=api,tier in (web,worker),!canary`.
 *
 * @param source - What the selector comes from, named in errors (an annotation).
 * @throws InputError naming the requirement that is not valid.
 * @internal
 */
export function parseLabelSelector(
  text: string,
  source: string,
): LabelSelector {
  const trimmed = text.trim();
  if (!trimmed) {
    throw new InputError(`${source} is empty; it must be a label selector`);
  }
  const fail = (requirement: string, problem: string): never => {
    throw new InputError(
      `${source} is not a valid label selector: "${requirement.trim()}" ${problem}`,
    );
  };
  const checkKey = (requirement: string, key: string) => {
    if (!KEY.test(key)) {
      fail(requirement, `has an invalid label key "${key}"`);
    }
    return key;
  };
  const checkValue = (requirement: string, value: string) => {
    if (!VALUE.test(value)) {
      fail(requirement, `has an invalid label value "${value}"`);
    }
    return value;
  };

  const requirements = splitRequirements(trimmed).map(raw => {
    const part = raw.trim();
    if (!part) {
      return fail(raw, 'is empty');
    }
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
    if (set) {
      const values = set[3].split(',').map(v => checkValue(part, v.trim()));
      return {
        key: checkKey(part, set[1]),
        operator: set[2] as 'in' | 'notin',
        values,
      };
    }
    const equality = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (equality) {
      return {
        key: checkKey(part, equality[1]),
        operator: equality[2] === '!=' ? ('notin' as const) : ('in' as const),
        values: [checkValue(part, equality[3])],
      };
    }
    if (part.startsWith('!')) {
      return {
        key: checkKey(part, part.slice(1).trim()),
        operator: 'doesnotexist' as const,
      };
    }
    if (/^\S+$/.test(part)) {
      return { key: checkKey(part, part), operator: 'exists' as const };
    }
    return fail(
      part,
      'is not key=value, key!=value, key in (...), key notin (...), key or !key',
    );
  });
  return { text: trimmed, requirements };
}

/**
 * Whether labels satisfy every requirement of a selector, with Kubernetes semantics:
 * `!=` and `notin` also match objects without the label.
 *
 * @internal
 */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  return selector.requirements.every(requirement => {
    const value = labels?.[requirement.key];
    switch (requirement.operator) {
      case 'exists':
        return value !== undefined;
      case 'doesnotexist':
        return value === undefined;
      case 'in':
        return value !== undefined && requirement.values.includes(value);
      case 'notin':
        return value === undefined || !requirement.values.includes(value);
      default:
        return false;
    }
  });
}
