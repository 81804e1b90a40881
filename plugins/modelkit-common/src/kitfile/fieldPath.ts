/**
 * One step into a document: a mapping key or a sequence index.
 *
 * @internal
 */
export type PathSegment = string | number;

const ROOT = '(root)';
const identifier = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Writes a field path the way people read it: `model.parts[1].path`, `package["odd key"]`, or
 * `(root)` for the document itself.
 *
 * @internal
 */
export function formatFieldPath(path: readonly PathSegment[]): string {
  if (path.length === 0) {
    return ROOT;
  }
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (identifier.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(segment)}]`;
    }
  }
  return text;
}

/**
 * A stable key for a path, for lookups.
 *
 * @internal
 */
export function pathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path);
}
