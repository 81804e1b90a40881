import { InputError } from '@backstage/errors';

/**
 * The Kitfile manifest version that Kitstage reads, in its normalised spelling.
 *
 * @public
 */
export const KITFILE_MANIFEST_VERSION = '1.0.0';

// Spellings found in the KitOps documentation and in public Kitfiles: `1.0.0` (what `kit init`
// writes), `v1.0.0` (the Kitfile overview), `1.0` (the format reference and PyKitOps examples).
const supportedSpelling = /^v?1(?:\.0){0,2}$/;

/**
 * Whether a Kitfile `manifestVersion` is one Kitstage reads.
 *
 * @public
 */
export function isSupportedKitfileManifestVersion(value: string): boolean {
  return typeof value === 'string' && supportedSpelling.test(value);
}

/**
 * Returns the normalised form of a Kitfile `manifestVersion`: `1.0.0` for any of its spellings
 * (`1.0.0`, `v1.0.0`, `1.0`, `v1.0`, `1`).
 *
 * @throws `InputError` when the version is not one Kitstage reads.
 * @public
 */
export function normalizeKitfileManifestVersion(value: string): string {
  if (!isSupportedKitfileManifestVersion(value)) {
    throw new InputError(unsupportedManifestVersionMessage(value));
  }
  return KITFILE_MANIFEST_VERSION;
}

/** @internal */
export function unsupportedManifestVersionMessage(value: unknown): string {
  return `unsupported manifest version ${JSON.stringify(
    value,
  )}; Kitstage reads ${KITFILE_MANIFEST_VERSION} (also written v1.0.0 or 1.0)`;
}
