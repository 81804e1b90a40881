import { DecodedManifest, decodeManifest } from '../registry/decodeManifest';
import { digestMatches, sha256Digest } from '../registry/digest';
import { OciMediaTypes } from '../registry/manifest';
import { OciDescriptor } from '../registry/types';
import { OciLayoutLimits } from './config';
import {
  checkLayoutDigest,
  layoutError,
  LayoutSourceIdentity,
  toLayoutError,
} from './layoutErrors';
import { LayoutFiles } from './layoutFiles';
import { LayoutRepository } from './layoutRepositories';

/**
 * A manifest read from a layout, with its size in bytes.
 *
 * @internal
 */
export type StoredManifest = DecodedManifest & { size: number };

/**
 * The media types of manifests and indexes, image and Docker.
 *
 * @internal
 */
export const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set<string>([
  OciMediaTypes.imageManifest,
  OciMediaTypes.imageIndex,
  OciMediaTypes.dockerManifest,
  OciMediaTypes.dockerManifestList,
]);

const MAX_CACHED_MANIFESTS = 2000;

type Context = { repository: string; reference: string };

/**
 * The blobs and manifests of a layout: each blob read within a cap and verified against its
 * size and digest, and parsed manifests kept by digest (at most 2000).
 *
 * @internal
 */
export class LayoutContent {
  readonly #source: LayoutSourceIdentity;
  readonly #files: LayoutFiles;
  readonly #limits: OciLayoutLimits;
  readonly #manifests = new Map<string, StoredManifest>();

  constructor(options: {
    source: LayoutSourceIdentity;
    files: LayoutFiles;
    limits: OciLayoutLimits;
  }) {
    this.#source = options.source;
    this.#files = options.files;
    this.#limits = options.limits;
  }

  /** Reads a blob of a repository's layout and verifies its size and digest. */
  async readBlob(
    entry: LayoutRepository,
    digest: string,
    size: number | undefined,
    maxBytes: number,
    context: Context,
  ): Promise<Buffer> {
    checkLayoutDigest(this.#source, digest, context);
    const [algorithm, hex] = digest.split(':');
    const components = [...entry.dir, 'blobs', algorithm, hex];
    let data: Buffer;
    try {
      data = await this.#files.read(components, maxBytes);
    } catch (error) {
      throw toLayoutError(this.#source, error, context);
    }
    const file = components.join('/');
    if (size !== undefined && data.byteLength !== size) {
      throw layoutError(
        this.#source,
        context,
        'size-mismatch',
        `${file}: the file has ${data.byteLength} bytes but its descriptor says ${size}`,
      );
    }
    if (!digestMatches(data, digest)) {
      throw layoutError(
        this.#source,
        context,
        'digest-mismatch',
        `${file}: the file hashes to ${sha256Digest(
          data,
        )}, not to the digest it is stored under`,
      );
    }
    return data;
  }

  /** Reads and parses the manifest a descriptor points at, or returns it from memory. */
  async loadManifest(
    entry: LayoutRepository,
    descriptor: OciDescriptor,
    context: Context,
  ): Promise<StoredManifest> {
    const cached = this.#manifests.get(descriptor.digest);
    if (cached) {
      return cached;
    }
    const data = await this.readBlob(
      entry,
      descriptor.digest,
      descriptor.size,
      this.#limits.maxManifestBytes,
      context,
    );
    const file = [...entry.dir, 'blobs', ...descriptor.digest.split(':')].join(
      '/',
    );
    const parsed = decodeManifest(
      data,
      MANIFEST_MEDIA_TYPES.has(descriptor.mediaType)
        ? descriptor.mediaType
        : undefined,
      'manifest',
      (reason, detail) =>
        layoutError(this.#source, context, reason, `${file}: ${detail}`),
    );
    const stored = { ...parsed, size: data.byteLength };
    if (this.#manifests.size >= MAX_CACHED_MANIFESTS) {
      this.#manifests.delete(this.#manifests.keys().next().value!);
    }
    this.#manifests.set(descriptor.digest, stored);
    return stored;
  }

  /**
   * Finds the descriptor of a manifest that a repository may serve by digest: one it lists,
   * or one of a multi-platform image or other index it lists.
   *
   * @param listed - The manifests the repository lists.
   */
  async findManifest(
    entry: LayoutRepository,
    listed: OciDescriptor[],
    digest: string,
    context: Context,
  ): Promise<OciDescriptor> {
    const found = listed.find(d => d.digest === digest);
    if (found) {
      return found;
    }
    for (const descriptor of listed) {
      if (
        descriptor.mediaType !== OciMediaTypes.imageIndex &&
        descriptor.mediaType !== OciMediaTypes.dockerManifestList
      ) {
        continue;
      }
      const parent = await this.loadManifest(entry, descriptor, {
        repository: entry.name,
        reference: descriptor.digest,
      });
      if (parent.kind === 'index') {
        const child = parent.manifest.manifests.find(m => m.digest === digest);
        if (child) {
          return child;
        }
      }
    }
    throw layoutError(
      this.#source,
      context,
      'not-found',
      'the layout lists no manifest with this digest for the repository',
    );
  }
}
