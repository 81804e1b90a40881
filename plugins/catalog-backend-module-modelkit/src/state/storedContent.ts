import { createHash } from 'node:crypto';
import {
  isOciDigest,
  OciDescriptor,
  OciManifestResult,
  OciMediaTypes,
} from '@kitstage/plugin-modelkit-node';
import { parseStoredManifestDocument } from './manifestDocument';
import { StoredManifest } from './ProviderStateStore';

/**
 * Longest stored manifest or config read back, in UTF-16 code units: far above the registry
 * client's manifest and blob limits, so only a corrupt row is refused by it.
 */
const MAX_STORED_LENGTH = 16 * 1024 * 1024;

const MANIFEST_TYPES = new Set<string>([
  OciMediaTypes.imageManifest,
  OciMediaTypes.imageIndex,
  OciMediaTypes.dockerManifest,
  OciMediaTypes.dockerManifestList,
]);

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether some bytes hash to a digest, with the digest's algorithm (sha256 or sha512). */
function hashesTo(data: Buffer, digest: string): boolean {
  if (!isOciDigest(digest)) {
    return false;
  }
  const [algorithm, hex] = digest.split(':', 2);
  return createHash(algorithm).update(data).digest('hex') === hex;
}

/**
 * Turns a stored manifest back into the manifest the registry served, checked like registry
 * content: the row must be keyed by the digest asked for, its text must hash to that digest,
 * and the document must be an OCI image manifest or index of the shape the registry client
 * accepts. Anything else gives the problem, and the manifest is read from the registry again.
 *
 * @param digest - The digest the registry reports for the tag (or that was asked for).
 * @param where - The source name and repository the manifest is read for.
 * @internal
 */
export function readStoredManifest(
  row: StoredManifest,
  digest: string,
  where: { source: string; repository: string },
): OciManifestResult | { problem: string } {
  if (row.digest !== digest) {
    return { problem: `the row is keyed by another digest` };
  }
  if (
    typeof row.manifest !== 'string' ||
    row.manifest.length > MAX_STORED_LENGTH ||
    typeof row.mediaType !== 'string'
  ) {
    return { problem: 'the row has no usable manifest text' };
  }
  const bytes = Buffer.from(row.manifest, 'utf8');
  if (!hashesTo(bytes, digest)) {
    return { problem: 'the stored manifest does not hash to its digest' };
  }
  const parsed = parseStoredManifestDocument(
    row.manifest,
    MANIFEST_TYPES.has(row.mediaType) ? row.mediaType : undefined,
  );
  if ('problem' in parsed) {
    return parsed;
  }
  const base = {
    source: where.source,
    repository: where.repository,
    reference: digest,
    digest,
    mediaType: parsed.mediaType,
    size: bytes.byteLength,
    raw: row.manifest,
  };
  return parsed.kind === 'image'
    ? { ...base, kind: 'image', manifest: parsed.manifest }
    : { ...base, kind: 'index', manifest: parsed.manifest };
}

/**
 * The stored config blob of an image manifest, when the row holds the blob its config
 * descriptor names: the same digest, and bytes of that size that hash to it.
 *
 * @internal
 */
export function readStoredConfig(
  row: StoredManifest,
  descriptor: OciDescriptor,
): Buffer | { problem: string } {
  if (
    row.configDigest !== descriptor.digest ||
    typeof row.config !== 'string' ||
    row.config.length > MAX_STORED_LENGTH
  ) {
    return { problem: 'the row holds no config for its manifest' };
  }
  const data = Buffer.from(row.config, 'utf8');
  if (
    data.byteLength !== descriptor.size ||
    !hashesTo(data, descriptor.digest)
  ) {
    return { problem: 'the stored config does not hash to its digest' };
  }
  return data;
}

/**
 * A config blob as text that gives back the same bytes, or undefined when the blob cannot be
 * stored as text (not UTF-8, or holding a NUL, which PostgreSQL text refuses). Such a blob is
 * not a valid ModelKit config anyway, and is read from the registry when needed.
 *
 * @internal
 */
export function toStorableText(data: Buffer): string | undefined {
  let text: string;
  try {
    text = UTF8.decode(data);
  } catch {
    return undefined;
  }
  return text.includes('\u0000') ? undefined : text;
}
