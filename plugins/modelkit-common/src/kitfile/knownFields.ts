import { PathSegment } from './fieldPath';

// The fields of each object in a Kitfile, by shape (`model.parts[]` is any entry of
// model.parts), as defined by the KitOps CLI's KitFile struct (pkg/artifact/kitfile.go) plus
// the `prompts` section (kitops-ml/kitops pull request 1054). The string-typed ones are read as text even when YAML would read a
// number or boolean, as Go's YAML decoder does for string fields: `version: 1.0` is "1.0".
const layerInfo = ['digest', 'diffId'];
const stringFields = new Map<string, readonly string[]>(
  Object.entries({
    '': ['manifestVersion'],
    package: ['name', 'version', 'description', 'license'],
    model: [
      'name',
      'path',
      'license',
      'framework',
      'format',
      'version',
      'description',
      ...layerInfo,
    ],
    'model.parts[]': ['name', 'path', 'license', 'type', ...layerInfo],
    'code[]': ['path', 'description', 'license', ...layerInfo],
    'datasets[]': ['name', 'path', 'description', 'license', ...layerInfo],
    'docs[]': ['path', 'description', ...layerInfo],
    'prompts[]': ['path', 'description', ...layerInfo],
  }),
);

/**
 * The top-level sections of a Kitfile. A document with none of them is not a Kitfile.
 *
 * @internal
 */
export const KITFILE_SECTIONS: readonly string[] = Object.freeze([
  'package',
  'model',
  'code',
  'datasets',
  'docs',
  'prompts',
]);

const otherFields = new Map<string, readonly string[]>(
  Object.entries({
    '': KITFILE_SECTIONS,
    package: ['authors'],
    model: ['parts', 'parameters'],
    'datasets[]': ['parameters'],
  }),
);
const stringListFields = new Set(['package.authors']);

function shapeOf(path: readonly PathSegment[]): string {
  let shape = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      shape += '[]';
    } else {
      shape += shape === '' ? segment : `.${segment}`;
    }
  }
  return shape;
}

function isKnownField(shape: string, key: string): boolean {
  return Boolean(
    stringFields.get(shape)?.includes(key) ||
      otherFields.get(shape)?.includes(key),
  );
}

/**
 * Whether the value at a path is a Kitfile field of type string (or an item of `authors`).
 *
 * @internal
 */
export function isKnownStringField(path: readonly PathSegment[]): boolean {
  if (path.length === 0) {
    return false;
  }
  const last = path[path.length - 1];
  const parent = shapeOf(path.slice(0, -1));
  if (typeof last === 'number') {
    return stringListFields.has(parent);
  }
  return Boolean(stringFields.get(parent)?.includes(last));
}

/**
 * Removes known fields whose value is null, in place, as the KitOps CLI reads them as empty.
 * Unknown fields keep their nulls.
 *
 * @internal
 */
export function dropKnownNulls(value: unknown, shape = ''): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      dropKnownNulls(item, `${shape}[]`);
    }
    return;
  }
  if (!isRecord(value) || !stringFields.has(shape)) {
    return;
  }
  for (const key of Object.keys(value)) {
    if (!isKnownField(shape, key)) {
      continue;
    }
    if (value[key] === null) {
      delete value[key];
    } else {
      dropKnownNulls(value[key], shape === '' ? key : `${shape}.${key}`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
