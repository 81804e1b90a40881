/**
 * Label and field selectors with the grammar and semantics of the Kubernetes API server
 * (`k8s.io/apimachinery/pkg/labels` and `pkg/fields`).
 */

/** One requirement of a label selector. */
export type LabelRequirement =
  | { key: string; operator: 'exists' | 'not-exists' }
  | { key: string; operator: '=' | '!='; value: string }
  | { key: string; operator: 'in' | 'notin'; values: string[] }
  | { key: string; operator: '<' | '>'; value: number };

/** A selector that could not be parsed; the API server answers 400. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkKey(key: string): void {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    throw new SelectorError(
      `invalid label key "${key}": prefix part must be a DNS-1123 subdomain`,
    );
  }
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name)) {
    throw new SelectorError(
      `invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

function checkValue(value: string): void {
  if (value.length > 63 || (value.length > 0 && !NAME_PART.test(value))) {
    throw new SelectorError(
      `invalid label value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

type Token =
  | { type: 'identifier'; text: string }
  | { type: 'operator'; text: string };

const SPECIAL = new Set([' ', '\t', '\n', ',', '=', '!', '(', ')', '<', '>']);

function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < selector.length) {
    const char = selector[i];
    if (char === ' ' || char === '\t' || char === '\n') {
      i += 1;
    } else if (char === '=' && selector[i + 1] === '=') {
      tokens.push({ type: 'operator', text: '==' });
      i += 2;
    } else if (char === '!' && selector[i + 1] === '=') {
      tokens.push({ type: 'operator', text: '!=' });
      i += 2;
    } else if (SPECIAL.has(char)) {
      tokens.push({ type: 'operator', text: char });
      i += 1;
    } else {
      let end = i;
      while (end < selector.length && !SPECIAL.has(selector[end])) {
        end += 1;
      }
      tokens.push({ type: 'identifier', text: selector.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

/**
 * Parses a label selector such as
 * `app.kubernetes.io/instance=shop,tier!=cache,env in (prod,staging),track notin (canary),release,!legacy`.
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  const tokens = tokenize(selector);
  const requirements: LabelRequirement[] = [];
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const expectIdentifier = (what: string): string => {
    const token = next();
    if (!token || token.type !== 'identifier') {
      throw new SelectorError(
        `unable to parse requirement: found '${
          token?.text ?? 'end of string'
        }', expected: ${what}`,
      );
    }
    return token.text;
  };

  while (position < tokens.length) {
    let requirement: LabelRequirement;
    if (peek().text === '!' && peek().type === 'operator') {
      next();
      const key = expectIdentifier("identifier after '!'");
      checkKey(key);
      requirement = { key, operator: 'not-exists' };
    } else {
      const key = expectIdentifier('identifier');
      checkKey(key);
      const operator = peek();
      if (!operator || operator.text === ',') {
        requirement = { key, operator: 'exists' };
      } else if (
        ['=', '==', '!='].includes(operator.text) &&
        operator.type === 'operator'
      ) {
        next();
        const valueToken = peek();
        let value = '';
        if (valueToken && valueToken.type === 'identifier') {
          value = next().text;
        } else if (valueToken && valueToken.text !== ',') {
          throw new SelectorError(
            `unable to parse requirement: found '${valueToken.text}', expected: identifier`,
          );
        }
        checkValue(value);
        requirement = {
          key,
          operator: operator.text === '!=' ? '!=' : '=',
          value,
        };
      } else if (
        operator.type === 'identifier' &&
        (operator.text === 'in' || operator.text === 'notin')
      ) {
        next();
        if (next()?.text !== '(') {
          throw new SelectorError(
            `unable to parse requirement: expected '(' after '${operator.text}'`,
          );
        }
        const values: string[] = [];
        while (peek() && peek().text !== ')') {
          if (peek().text === ',') {
            next();
            continue;
          }
          const value = expectIdentifier('identifier in set');
          checkValue(value);
          values.push(value);
        }
        if (next()?.text !== ')') {
          throw new SelectorError(
            "unable to parse requirement: found 'end of string', expected: ')'",
          );
        }
        if (values.length === 0) {
          throw new SelectorError(
            `unable to parse requirement: for '${operator.text}' operator, values set can't be empty`,
          );
        }
        requirement = { key, operator: operator.text, values };
      } else if (operator.text === '<' || operator.text === '>') {
        next();
        const text = expectIdentifier('integer');
        if (!/^-?\d+$/.test(text)) {
          throw new SelectorError(
            `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        }
        requirement = { key, operator: operator.text, value: Number(text) };
      } else {
        throw new SelectorError(
          `unable to parse requirement: found '${operator.text}', expected: in, notin, =, ==, !=, gt, lt`,
        );
      }
    }
    requirements.push(requirement);
    const separator = next();
    if (separator && separator.text !== ',') {
      throw new SelectorError(
        `found '${separator.text}', expected: ',' or 'end of string'`,
      );
    }
    if (separator && position >= tokens.length) {
      throw new SelectorError(
        "found 'end of string', expected: identifier after ','",
      );
    }
  }
  return requirements;
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(
  requirements: readonly LabelRequirement[],
  labels: Record<string, unknown> | undefined,
): boolean {
  const get = (key: string) =>
    labels && Object.prototype.hasOwnProperty.call(labels, key)
      ? String(labels[key])
      : undefined;
  return requirements.every(requirement => {
    const value = get(requirement.key);
    switch (requirement.operator) {
      case 'exists':
        return value !== undefined;
      case 'not-exists':
        return value === undefined;
      case '=':
        return value === requirement.value;
      case '!=':
        return value !== requirement.value;
      case 'in':
        return value !== undefined && requirement.values.includes(value);
      case 'notin':
        return value === undefined || !requirement.values.includes(value);
      case '<':
      case '>': {
        if (value === undefined || !/^-?\d+$/.test(value)) {
          return false;
        }
        return requirement.operator === '<'
          ? Number(value) < requirement.value
          : Number(value) > requirement.value;
      }
      default:
        return false;
    }
  });
}

/** One requirement of a field selector. */
export interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  operator: '=' | '!=';
  value: string;
}

const SUPPORTED_FIELDS = new Set(['metadata.name', 'metadata.namespace']);

/** Splits on unescaped commas and reads `\,` `\=` `\\` escapes, as the API server does. */
function splitEscaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      current += text[i] + text[i + 1];
      i += 1;
    } else if (text[i] === separator) {
      parts.push(current);
      current = '';
    } else {
      current += text[i];
    }
  }
  parts.push(current);
  return parts;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/**
 * Parses a field selector over `metadata.name` and `metadata.namespace`, the fields every
 * resource (including custom resources) supports.
 */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  if (selector.trim() === '') {
    return [];
  }
  return splitEscaped(selector, ',').map(part => {
    const match = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
    if (!match) {
      throw new SelectorError(
        `invalid selector: '${part}'; can't understand '${part}'`,
      );
    }
    const field = match[1].trim();
    if (!SUPPORTED_FIELDS.has(field)) {
      throw new SelectorError(
        `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    }
    return {
      field: field as FieldRequirement['field'],
      operator: match[2] === '!=' ? '!=' : '=',
      value: unescape(match[3]),
    };
  });
}

/** Whether an object's name and namespace satisfy every requirement. */
export function matchesFields(
  requirements: readonly FieldRequirement[],
  metadata: { name?: unknown; namespace?: unknown },
): boolean {
  return requirements.every(requirement => {
    const actual = String(
      (requirement.field === 'metadata.name'
        ? metadata.name
        : metadata.namespace) ?? '',
    );
    return requirement.operator === '='
      ? actual === requirement.value
      : actual !== requirement.value;
  });
}
