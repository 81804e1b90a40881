import { InputError, NotAllowedError } from '@backstage/errors';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  Pair,
  parseAllDocuments,
  Scalar,
  visit,
} from 'yaml';
import { ANNOTATION_MODELKIT } from '../entity/annotations';
import { findExcessiveFlowNesting } from '../kitfile/flowDepth';
import { KIT_URI_PREFIX } from '../reference/kitUri';

/**
 * The largest overlay file read, in bytes. Overlay patches are a few hundred bytes; anything
 * this large is refused rather than parsed.
 *
 * @public
 */
export const OVERLAY_MAX_BYTES = 256 * 1024;

/**
 * Where a ModelKit reference sits in an overlay file:
 *
 * - `annotation`: a `kitstage.dev/modelkit` annotation.
 * - `env`: the value of a `MODELKIT_REF` environment variable.
 * - `storage-uri`: a KServe `storageUri` of the form `kit://…` (the value is without `kit://`).
 * - `unpack-arg`: the argument after `unpack` in a container's `command` or `args` (`kit unpack`).
 *
 * @public
 */
export type OverlayReferenceKind =
  | 'annotation'
  | 'env'
  | 'storage-uri'
  | 'unpack-arg';

/**
 * A ModelKit reference found in an overlay file.
 *
 * @public
 */
export interface OverlayModelKitReference {
  /** Where it sits. */
  kind: OverlayReferenceKind;
  /** The ModelKit reference, without any `kit://` prefix. */
  reference: string;
  /** The index of the YAML document in the file (0 for the first). */
  document: number;
  /** The 1-based line of the value. */
  line: number;
  /** The offsets of the value's text in the file, `[start, end)`. */
  range: [number, number];
  /** How the value is written: `PLAIN`, `QUOTE_DOUBLE` or `QUOTE_SINGLE`. */
  style: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';
}

function refuse(file: string, what: string): never {
  throw new NotAllowedError(`Overlay file ${file} is refused: ${what}`);
}

function scalarStyle(
  scalar: Scalar,
  file: string,
  line: number,
): OverlayModelKitReference['style'] {
  const type = scalar.type ?? 'PLAIN';
  if (type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    return type;
  }
  return refuse(
    file,
    `the ModelKit reference on line ${line} is a ${type} scalar; write it on one line`,
  );
}

/**
 * Finds every ModelKit reference in an overlay file (a Kustomize patch or manifest, possibly
 * several YAML documents).
 *
 * @remarks
 *
 * The file is parsed strictly and refused, with an error naming the file and what is wrong,
 * when it is larger than {@link OVERLAY_MAX_BYTES}, does not parse, or uses anchors, aliases,
 * merge keys or explicit tags: such YAML can make one edit change several places, or mean
 * something else to another reader.
 *
 * @throws NotAllowedError for a refused file, InputError when it is not valid YAML.
 * @public
 */
export function findOverlayModelKitReferences(
  text: string,
  file: string,
): OverlayModelKitReference[] {
  const bytes =
    typeof TextEncoder === 'undefined'
      ? text.length
      : new TextEncoder().encode(text).length;
  if (bytes > OVERLAY_MAX_BYTES) {
    refuse(
      file,
      `it is ${bytes} bytes, more than the ${OVERLAY_MAX_BYTES} bytes an overlay may have`,
    );
  }
  if (findExcessiveFlowNesting(text, 32) !== undefined) {
    refuse(file, 'its flow collections nest more than 32 levels deep');
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  if (!Array.isArray(documents)) {
    // An empty stream parses to an EmptyStream, with no documents.
    return [];
  }
  const found: OverlayModelKitReference[] = [];
  documents.forEach((doc, documentIndex) => {
    const [error] = doc.errors;
    if (error) {
      const { line } = lineCounter.linePos(error.pos[0]);
      throw new InputError(
        `Overlay file ${file} is not valid YAML (line ${line}): ${
          error.message.split('\n')[0]
        }`,
      );
    }
    const line = (node: Node) =>
      node.range ? lineCounter.linePos(node.range[0]).line : 0;
    visit(doc, {
      Alias(_key, node) {
        refuse(file, `it uses the alias *${node.source} (line ${line(node)})`);
      },
      Node(_key, node) {
        if ((node as Scalar).anchor) {
          refuse(
            file,
            `it declares the anchor &${(node as Scalar).anchor} (line ${line(
              node,
            )})`,
          );
        }
        if ((node as Scalar).tag) {
          refuse(
            file,
            `it uses the explicit tag ${(node as Scalar).tag} (line ${line(
              node,
            )})`,
          );
        }
      },
      Pair(_key, pair) {
        if (isScalar(pair.key) && pair.key.value === '<<') {
          refuse(
            file,
            `it uses a merge key "<<" (line ${line(pair.key as Node)})`,
          );
        }
      },
    });

    const add = (
      kind: OverlayReferenceKind,
      scalar: Scalar,
      prefix = '',
    ): void => {
      const at = line(scalar);
      const style = scalarStyle(scalar, file, at);
      const value = String(scalar.value);
      found.push({
        kind,
        reference: value.slice(prefix.length),
        document: documentIndex,
        line: at,
        range: [scalar.range![0], scalar.range![1]],
        style,
      });
    };

    visit(doc, {
      Pair(_key, pair: Pair, path) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        const value = pair.value;
        const parentPair = path[path.length - 2];
        const parentKey =
          parentPair && (parentPair as Pair).key !== undefined
            ? (parentPair as Pair).key
            : undefined;
        if (
          key === ANNOTATION_MODELKIT &&
          isScalar(parentKey) &&
          parentKey.value === 'annotations' &&
          isScalar(value)
        ) {
          add('annotation', value);
        } else if (
          key === 'storageUri' &&
          isScalar(value) &&
          typeof value.value === 'string' &&
          value.value.startsWith(KIT_URI_PREFIX)
        ) {
          add('storage-uri', value, KIT_URI_PREFIX);
        } else if (key === 'env' && isSeq(value)) {
          for (const item of value.items) {
            if (!isMap(item)) continue;
            const name = item.get('name', true);
            const envValue = item.get('value', true);
            if (
              isScalar(name) &&
              name.value === 'MODELKIT_REF' &&
              isScalar(envValue)
            ) {
              add('env', envValue);
            }
          }
        } else if ((key === 'args' || key === 'command') && isSeq(value)) {
          const items = value.items;
          const unpack = items.findIndex(
            item => isScalar(item) && item.value === 'unpack',
          );
          if (unpack >= 0) {
            const argument = items
              .slice(unpack + 1)
              .find(
                item =>
                  isScalar(item) &&
                  typeof item.value === 'string' &&
                  !item.value.startsWith('-'),
              );
            if (isScalar(argument)) {
              add('unpack-arg', argument);
            }
          }
        }
        return undefined;
      },
    });
  });
  return found;
}

function quote(value: string, style: OverlayModelKitReference['style']) {
  if (style === 'QUOTE_SINGLE') {
    return `'${value.replace(/'/g, "''")}'`;
  }
  if (style === 'PLAIN' && /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/.test(value)) {
    return value;
  }
  return JSON.stringify(value);
}

/**
 * Rewrites the ModelKit references of an overlay file in place: only the text of each value
 * changes, in its original quoting style; comments, order, indentation and every other byte
 * stay. The result is parsed again and checked to hold the new references.
 *
 * @param text - the file as read.
 * @param file - its path, for errors.
 * @param reference - the new ModelKit reference (for `storage-uri` values, `kit://` is added).
 * @returns the new text.
 * @public
 */
export function replaceOverlayModelKitReferences(
  text: string,
  file: string,
  reference: string,
): string {
  const references = findOverlayModelKitReferences(text, file);
  let result = text;
  for (const ref of [...references].sort((a, b) => b.range[0] - a.range[0])) {
    const value =
      ref.kind === 'storage-uri' ? `${KIT_URI_PREFIX}${reference}` : reference;
    result =
      result.slice(0, ref.range[0]) +
      quote(value, ref.style) +
      result.slice(ref.range[1]);
  }
  const check = findOverlayModelKitReferences(result, file);
  if (
    check.length !== references.length ||
    check.some(ref => ref.reference !== reference)
  ) {
    throw new InputError(
      `Overlay file ${file} could not be rewritten safely: the rewritten file does not hold the new reference at every place`,
    );
  }
  return result;
}
