import { OciReference, tryParseModelKitReference } from '../reference';
import { Kitfile } from './types';

/**
 * Whether a Kitfile `model.path` refers to another ModelKit (such as the base model of a
 * fine-tune, `jozu.ml/jozu/llama3-8b:8B-instruct-q4_0`) rather than to a file or directory.
 *
 * @remarks
 * Follows the KitOps CLI: a path is a reference when it contains `:` or `@` and parses as a
 * ModelKit reference (see {@link parseModelKitReference}). Paths starting with `./`, `../` or `/`
 * never are (`./models/film_slm:champion` is a file), and neither are Windows drive paths.
 *
 * @public
 */
export function isModelKitReference(path: string): boolean {
  return getModelKitReference(path) !== undefined;
}

/**
 * Parses a Kitfile `model.path` that refers to another ModelKit, or returns `undefined` when the
 * path is a file or directory. See {@link isModelKitReference}.
 *
 * @public
 */
export function getModelKitReference(path: string): OciReference | undefined {
  if (typeof path !== 'string' || !/[:@]/.test(path)) {
    return undefined;
  }
  return tryParseModelKitReference(path);
}

/**
 * The ModelKit that a Kitfile's model builds on, when `model.path` is a ModelKit reference; for
 * a fine-tune this is the base model.
 *
 * @public
 */
export function getKitfileBaseModelReference(
  kitfile: Kitfile,
): OciReference | undefined {
  const path = kitfile.model?.path;
  return path === undefined ? undefined : getModelKitReference(path);
}
