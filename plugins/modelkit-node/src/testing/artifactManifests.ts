import { createHash } from 'node:crypto';
import { pack as tarPack } from 'tar-stream';
import { OciDescriptor } from '../registry/types';

/**
 * An artifact ready to push: its manifest text and the blobs it needs.
 *
 * @public
 */
export interface TestArtifact {
  /** The manifest media type. */
  mediaType: string;
  /** The exact manifest text. */
  raw: string;
  /** The sha256 digest of `raw`. */
  digest: string;
  /** The size of `raw` in bytes. */
  size: number;
  /** The manifest, parsed. */
  manifest: Record<string, unknown>;
  /** Config and layer blobs to upload before the manifest. */
  blobs: Buffer[];
  /** For an index: the manifests it lists, to push first. */
  children?: TestArtifact[];
  /** A descriptor of this manifest (with its artifact type, if any). */
  descriptor: OciDescriptor;
}

/**
 * Wraps an arbitrary manifest document (serialised with `JSON.stringify`, or given as text)
 * with the blobs it needs.
 *
 * @public
 */
export function buildTestManifest(
  manifest: Record<string, unknown> | string,
  mediaType: string,
  blobs: Buffer[] = [],
): TestArtifact {
  const raw =
    typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  const parsed = typeof manifest === 'string' ? JSON.parse(manifest) : manifest;
  return {
    mediaType,
    raw,
    digest: sha256(raw),
    size: Buffer.byteLength(raw),
    manifest: parsed,
    blobs,
    descriptor: {
      mediaType,
      digest: sha256(raw),
      size: Buffer.byteLength(raw),
      ...(typeof parsed.artifactType === 'string'
        ? { artifactType: parsed.artifactType }
        : {}),
      ...(parsed.annotations ? { annotations: parsed.annotations } : {}),
    },
  };
}

/**
 * Wraps a manifest object, whose `mediaType` field gives its media type, with its blobs.
 *
 * @internal
 */
export function manifestArtifact(
  manifest: Record<string, unknown>,
  blobs: Buffer[],
): TestArtifact {
  return buildTestManifest(manifest, String(manifest.mediaType), blobs);
}

/**
 * The `sha256:<hex>` digest of some bytes or text.
 *
 * @internal
 */
export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * A tar archive of files, with fixed modes, owners and times so that its digest is stable.
 *
 * @internal
 */
export async function tarOf(
  entries: Array<{ name: string; content: Buffer }>,
): Promise<Buffer> {
  const tar = tarPack();
  for (const entry of entries) {
    tar.entry(
      { name: entry.name, mtime: new Date(0), mode: 0o644, uid: 0, gid: 0 },
      entry.content,
    );
  }
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
