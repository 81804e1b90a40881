import {
  Alias,
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Node,
  visit,
} from 'yaml';
import { PathSegment } from './fieldPath';
import { isKnownStringField } from './knownFields';
import { CopyLimits, LimitReached, RawIssue } from './plainValue';

/**
 * Where a value sits in the source text.
 *
 * @internal
 */
export interface Span {
  path: PathSegment[];
  start: number;
  end: number;
}

/**
 * The result of reading a YAML document: its value, problems found, and where values sit.
 *
 * @internal
 */
export interface YamlConversion {
  value: unknown;
  issues: RawIssue[];
  spans: Span[];
}

/**
 * Turns a parsed YAML (or JSON) document into plain JavaScript values, as the KitOps CLI would
 * read it, while recording where each value came from.
 *
 * - With `keepScalarText`, a number or boolean written where the Kitfile expects a string is read
 *   as the text written (`version: 1.0` is "1.0"), as Go's YAML decoder does.
 * - Aliases are expanded into fresh copies; the expanded size and depth are bounded, and an alias
 *   inside the collection it refers to is refused. Values that come from an alias are located at
 *   the outermost alias being expanded, where the user wrote it.
 * - Values JSON cannot hold (.nan, .inf) and non-scalar mapping keys are reported.
 *
 * @internal
 */
export function yamlToValue(
  doc: Document,
  options: CopyLimits & { keepScalarText: boolean },
): YamlConversion {
  const issues: RawIssue[] = [];
  const spans: Span[] = [];
  const aliasTargets = resolveAliases(doc);
  const ancestors = new Set<unknown>();
  let nodes = 0;

  const convertScalar = (
    value: unknown,
    source: string | undefined,
    path: PathSegment[],
    at: number,
  ): unknown => {
    if (
      options.keepScalarText &&
      (typeof value === 'number' || typeof value === 'boolean') &&
      isKnownStringField(path)
    ) {
      return source ?? String(value);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      issues.push({
        path,
        offset: at,
        message: `${
          source ?? value
        } is not a finite number, which JSON cannot hold`,
      });
    } else if (
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean'
    ) {
      issues.push({
        path,
        offset: at,
        message: `expected a JSON-compatible value, got ${typeof value}`,
      });
    }
    return value;
  };

  // `start` is where the value is written; `origin` is where the outermost alias being
  // expanded is written, if any.
  const convert = (
    node: unknown,
    path: PathSegment[],
    start: number,
    origin: number | undefined,
  ): unknown => {
    const at = origin ?? start;
    if (isAlias(node)) {
      const target = aliasTargets.get(node);
      if (!target) {
        issues.push({
          path,
          offset: at,
          message: `alias *${node.source} refers to no anchor`,
        });
        return null;
      }
      if (ancestors.has(target)) {
        issues.push({
          path,
          offset: at,
          message: `alias *${node.source} refers to a collection that contains it`,
        });
        throw new LimitReached();
      }
      return convert(target, path, start, at);
    }

    nodes += 1;
    if (nodes > options.maxNodes) {
      issues.push({
        path,
        offset: at,
        message:
          origin === undefined
            ? `the document has more than ${options.maxNodes} values`
            : `YAML aliases expand the document to more than ${options.maxNodes} values`,
      });
      throw new LimitReached();
    }
    spans.push({ path, start: at, end: origin ?? rangeOf(node)?.[1] ?? start });

    if (node === null || node === undefined) {
      return null;
    }
    if (isScalar(node)) {
      return convertScalar(node.value, node.source, path, at);
    }
    if (path.length >= options.maxDepth) {
      issues.push({
        path,
        offset: at,
        message: `nests deeper than ${options.maxDepth} levels`,
      });
      throw new LimitReached();
    }
    ancestors.add(node);
    try {
      if (isSeq(node)) {
        return node.items.map((item, index) =>
          convert(item, [...path, index], rangeOf(item)?.[0] ?? start, origin),
        );
      }
      if (isMap(node)) {
        const entries: [string, unknown][] = [];
        for (const pair of node.items) {
          const key = pair.key;
          const keyStart = rangeOf(key)?.[0] ?? start;
          if (
            !isScalar(key) ||
            (key.value !== null && typeof key.value === 'object')
          ) {
            issues.push({
              path,
              offset: origin ?? keyStart,
              message: 'has a mapping key that is not a plain value',
            });
            continue;
          }
          const name =
            key.value === null || key.value === undefined
              ? ''
              : String(key.value);
          entries.push([
            name,
            convert(pair.value, [...path, name], keyStart, origin),
          ]);
        }
        // fromEntries defines own properties, so a "__proto__" key stays an ordinary key.
        return Object.fromEntries(entries);
      }
    } finally {
      ancestors.delete(node);
    }
    issues.push({
      path,
      offset: at,
      message: 'is not a YAML value Kitstage can read',
    });
    return null;
  };

  try {
    const start = rangeOf(doc.contents)?.[0] ?? 0;
    const value = convert(doc.contents, [], start, undefined);
    return { value, issues, spans };
  } catch (error) {
    if (error instanceof LimitReached) {
      return { value: undefined, issues, spans };
    }
    throw error;
  }
}

/** Maps each alias to the node it names: the last anchor of that name before it. */
function resolveAliases(doc: Document): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) {
          targets.set(node, target);
        }
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return targets;
}

function rangeOf(node: unknown): readonly number[] | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    return range ?? undefined;
  }
  return undefined;
}
