import { RegistryErrorReason } from './errors';
import { ManifestParseError, ParsedManifest, parseManifest } from './manifest';
import { OciManifestResult } from './types';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A parsed manifest with the text it was parsed from.
 *
 * @internal
 */
export type DecodedManifest = ParsedManifest & { raw: string };

/**
 * Decodes verified manifest bytes as UTF-8 (a byte-order mark is kept, so the text hashes
 * like the bytes) and parses them.
 *
 * @param mediaType - The media type announced for the bytes, if any.
 * @param what - The document, for messages, e.g. `manifest` or `referrers list`.
 * @param fail - Builds the error thrown when the bytes are not UTF-8 or not a usable
 *   manifest, from a reason and a sentence such as `the manifest is not valid UTF-8`.
 * @internal
 */
export function decodeManifest(
  data: Buffer,
  mediaType: string | undefined,
  what: string,
  fail: (reason: RegistryErrorReason, detail: string) => Error,
): DecodedManifest {
  let raw: string;
  try {
    raw = UTF8.decode(data);
  } catch {
    throw fail('invalid-response', `the ${what} is not valid UTF-8`);
  }
  try {
    return { ...parseManifest(raw, mediaType), raw };
  } catch (error) {
    if (error instanceof ManifestParseError) {
      throw fail(error.reason, `the ${what} is unusable: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The {@link OciManifestResult} of a parsed manifest.
 *
 * @internal
 */
export function toManifestResult(
  fields: {
    source: string;
    repository: string;
    reference: string;
    digest: string;
    size: number;
  },
  parsed: DecodedManifest,
): OciManifestResult {
  const base = {
    source: fields.source,
    repository: fields.repository,
    reference: fields.reference,
    digest: fields.digest,
    mediaType: parsed.mediaType,
    size: fields.size,
    raw: parsed.raw,
  };
  return parsed.kind === 'image'
    ? { ...base, kind: 'image', manifest: parsed.manifest }
    : { ...base, kind: 'index', manifest: parsed.manifest };
}
