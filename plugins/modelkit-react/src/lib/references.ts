import {
  isValidOciDigest,
  isValidOciTag,
  ModelKitVersionSummary,
} from '@kitstage/plugin-modelkit-common';

/**
 * Whether text can name a version of a ModelKit: a tag or a manifest digest.
 * Values from the address are checked before they reach the backend.
 *
 * @public
 */
export function isVersionReference(value: string): boolean {
  return isValidOciTag(value) || isValidOciDigest(value);
}

/**
 * Finds the listed version that a tag or digest names.
 *
 * @public
 */
export function findVersion(
  versions: ModelKitVersionSummary[],
  reference: string | undefined,
): ModelKitVersionSummary | undefined {
  if (reference === undefined) {
    return undefined;
  }
  return versions.find(
    v => v.digest === reference || v.tags.includes(reference),
  );
}
