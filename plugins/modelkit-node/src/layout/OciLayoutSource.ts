import { LoggerService } from '@backstage/backend-plugin-api';
import {
  digestMatches,
  isOciDigest,
  isOciRepositoryName,
  isOciTag,
  sha256Digest,
} from '../registry/digest';
import { RegistryError, RegistryErrorReason } from '../registry/errors';
import {
  ManifestParseError,
  OciMediaTypes,
  ParsedManifest,
  parseManifest,
} from '../registry/manifest';
import {
  OciBlobOptions,
  OciDescriptor,
  OciManifestResult,
  OciReferrers,
  OciReferrersOptions,
  OciRequestOptions,
  OciSource,
  OciTagList,
} from '../registry/types';
import {
  DEFAULT_OCI_LAYOUT_HOST,
  DEFAULT_OCI_LAYOUT_LIMITS,
  OciLayoutConfig,
  OciLayoutLimits,
} from './config';
import { LayoutFileError, LayoutFiles } from './layoutFiles';
import { LayoutIndex, LayoutRepository, readLayoutIndex } from './layoutIndex';

/**
 * Options for {@link OciLayoutSource}.
 *
 * @public
 */
export interface OciLayoutSourceOptions {
  /** Unique name of the source. */
  name: string;
  /** Absolute path of the layout directory. */
  path: string;
  /** The registry host the layout stands for. Defaults to `localhost`, as for KitOps. */
  host?: string;
  /** The repository that reference names made of a bare tag belong to. */
  repository?: string;
  /** Size caps; each defaults to {@link DEFAULT_OCI_LAYOUT_LIMITS}. */
  limits?: Partial<OciLayoutLimits>;
  /** Where left-out index entries are reported. */
  logger?: LoggerService;
  /** How long the index files are trusted before they are read again. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

type StoredManifest = ParsedManifest & { raw: string; size: number };

const MANIFEST_MEDIA_TYPES = new Set<string>([
  OciMediaTypes.imageManifest,
  OciMediaTypes.imageIndex,
  OciMediaTypes.dockerManifest,
  OciMediaTypes.dockerManifestList,
]);
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MAX_CACHED_MANIFESTS = 2000;

/**
 * An {@link OciSource} over an OCI image layout directory, such as the local storage of the
 * KitOps CLI or a layout written by `skopeo copy ... oci:<dir>`.
 *
 * @remarks
 *
 * Repositories and tags come from the `org.opencontainers.image.ref.name` annotations of the
 * root `index.json` (`<host>/<repository>:<tag>`, `<repository>:<tag>` on the configured host,
 * or a bare tag of the configured `repository`), from the per-repository index and tag files
 * of the KitOps local storage, and from nested per-repository layouts
 * (`<host>/<repository>/index.json`). Blobs are read from `blobs/<algorithm>/<hex>` after the
 * digest grammar has been checked, without following symbolic links, within size caps, and are
 * verified against their digest. Referrers are found by reading the repository's manifests
 * and keeping those whose `subject` is the digest asked for.
 *
 * @public
 */
export class OciLayoutSource implements OciSource {
  /** Always `oci-layout`. */
  readonly kind = 'oci-layout';
  /** {@inheritdoc OciSource.name} */
  readonly name: string;
  /** {@inheritdoc OciSource.host} */
  readonly host: string;
  /** The absolute path of the layout directory. */
  readonly path: string;
  readonly #files: LayoutFiles;
  readonly #repository?: string;
  readonly #limits: OciLayoutLimits;
  readonly #logger?: LoggerService;
  readonly #refreshIntervalMs: number;
  readonly #manifests = new Map<string, StoredManifest>();
  #index?: { value: Promise<LayoutIndex>; readAt: number };
  #reported = new Set<string>();

  /** Creates a source from a `kitstage.registries` entry of type `oci-layout`. */
  static fromConfig(
    config: OciLayoutConfig,
    options?: { logger?: LoggerService },
  ): OciLayoutSource {
    return new OciLayoutSource({ ...config, logger: options?.logger });
  }

  constructor(options: OciLayoutSourceOptions) {
    this.name = options.name;
    this.path = options.path;
    this.host = (options.host ?? DEFAULT_OCI_LAYOUT_HOST).toLowerCase();
    this.#repository = options.repository;
    this.#limits = { ...DEFAULT_OCI_LAYOUT_LIMITS, ...options.limits };
    this.#logger = options.logger;
    this.#refreshIntervalMs = options.refreshIntervalMs ?? 10_000;
    this.#files = new LayoutFiles(options.path);
  }

  /** {@inheritdoc OciSource.listRepositories} */
  async listRepositories(_options?: OciRequestOptions): Promise<string[]> {
    const index = await this.#readIndex({});
    return [...index.repositories.keys()].sort();
  }

  /** {@inheritdoc OciSource.listTags} */
  async listTags(
    repository: string,
    _options?: OciRequestOptions,
  ): Promise<OciTagList> {
    const entry = await this.#repositoryEntry(repository);
    return {
      repository,
      tags: [...entry.tags.keys()].sort(),
      truncated: false,
    };
  }

  /** {@inheritdoc OciSource.resolveTag} */
  async resolveTag(
    repository: string,
    tag: string,
    _options?: OciRequestOptions,
  ): Promise<OciDescriptor> {
    const entry = await this.#repositoryEntry(repository);
    return { ...this.#tagDescriptor(entry, tag) };
  }

  /** {@inheritdoc OciSource.getManifest} */
  async getManifest(
    repository: string,
    reference: string,
    _options?: OciRequestOptions,
  ): Promise<OciManifestResult> {
    const entry = await this.#repositoryEntry(repository);
    const context = { repository, reference };
    let descriptor: OciDescriptor;
    if (isOciDigest(reference)) {
      descriptor = await this.#findManifest(entry, reference, context);
    } else {
      descriptor = this.#tagDescriptor(entry, reference);
    }
    const stored = await this.#loadManifest(entry, descriptor, context);
    const base = {
      source: this.name,
      repository,
      reference,
      digest: descriptor.digest,
      mediaType: stored.mediaType,
      size: stored.size,
      raw: stored.raw,
    };
    return stored.kind === 'image'
      ? { ...base, kind: 'image', manifest: stored.manifest }
      : { ...base, kind: 'index', manifest: stored.manifest };
  }

  /** {@inheritdoc OciSource.getBlob} */
  async getBlob(
    repository: string,
    blob: string | OciDescriptor,
    options?: OciBlobOptions,
  ): Promise<Buffer> {
    const entry = await this.#repositoryEntry(repository);
    const digest = typeof blob === 'string' ? blob : blob.digest;
    const size = typeof blob === 'string' ? undefined : blob.size;
    const context = { repository, reference: digest };
    this.#checkDigest(digest, context);
    const maxBytes = options?.maxBytes ?? this.#limits.maxBlobBytes;
    if (size !== undefined && size > maxBytes) {
      throw this.#error(
        context,
        'too-large',
        `the blob is ${size} bytes, more than the ${maxBytes} allowed`,
      );
    }
    return this.#readBlob(entry, digest, size, maxBytes, context);
  }

  /** {@inheritdoc OciSource.getReferrers} */
  async getReferrers(
    repository: string,
    digest: string,
    options?: OciReferrersOptions,
  ): Promise<OciReferrers> {
    const entry = await this.#repositoryEntry(repository);
    const context = { repository, reference: digest };
    this.#checkDigest(digest, context);
    const index = await this.#readIndex(context);
    const candidates = new Map<string, OciDescriptor>();
    for (const descriptor of [
      ...entry.manifests,
      ...(entry.dir.length === 0 ? index.untagged : []),
    ]) {
      if (
        descriptor.digest !== digest &&
        (descriptor.mediaType === OciMediaTypes.imageManifest ||
          descriptor.mediaType === OciMediaTypes.imageIndex ||
          !MANIFEST_MEDIA_TYPES.has(descriptor.mediaType))
      ) {
        candidates.set(descriptor.digest, descriptor);
      }
    }
    const descriptors: OciDescriptor[] = [];
    for (const candidate of candidates.values()) {
      let stored: StoredManifest;
      try {
        stored = await this.#loadManifest(entry, candidate, {
          repository,
          reference: candidate.digest,
        });
      } catch (error) {
        this.#report(
          `skipped ${
            candidate.digest
          } while looking for referrers of ${digest}: ${
            (error as Error).message
          }`,
        );
        continue;
      }
      const manifest = stored.manifest;
      if (manifest.subject?.digest !== digest) {
        continue;
      }
      const artifactType =
        manifest.artifactType ??
        (stored.kind === 'image'
          ? stored.manifest.config.mediaType
          : undefined);
      if (options?.artifactType && artifactType !== options.artifactType) {
        continue;
      }
      descriptors.push({
        mediaType: stored.mediaType,
        digest: candidate.digest,
        size: stored.size,
        ...(artifactType ? { artifactType } : {}),
        ...(manifest.annotations ? { annotations: manifest.annotations } : {}),
      });
    }
    descriptors.sort((a, b) => a.digest.localeCompare(b.digest));
    return { subject: digest, descriptors, via: 'layout' };
  }

  async #repositoryEntry(repository: string): Promise<LayoutRepository> {
    if (typeof repository !== 'string' || !isOciRepositoryName(repository)) {
      throw this.#error(
        { repository: String(repository).slice(0, 300) },
        'invalid-argument',
        'not a valid repository name (lowercase path components separated by "/")',
      );
    }
    const index = await this.#readIndex({ repository });
    const entry = index.repositories.get(repository);
    if (!entry) {
      throw this.#error(
        { repository },
        'not-found',
        `the image layout at ${this.path} has no repository of this name on ${this.host}`,
      );
    }
    return entry;
  }

  #tagDescriptor(entry: LayoutRepository, tag: string): OciDescriptor {
    const context = { repository: entry.name, reference: tag };
    if (typeof tag !== 'string' || !isOciTag(tag)) {
      throw this.#error(
        { repository: entry.name, reference: String(tag).slice(0, 140) },
        'invalid-argument',
        'not a valid tag or digest',
      );
    }
    const descriptor = entry.tags.get(tag);
    if (!descriptor) {
      throw this.#error(context, 'not-found', 'the layout has no such tag');
    }
    return descriptor;
  }

  /** Finds the descriptor of a manifest that the repository may serve by digest. */
  async #findManifest(
    entry: LayoutRepository,
    digest: string,
    context: { repository: string; reference: string },
  ): Promise<OciDescriptor> {
    const index = await this.#readIndex(context);
    const listed = [
      ...entry.manifests,
      ...(entry.dir.length === 0 ? index.untagged : []),
    ];
    const found = listed.find(d => d.digest === digest);
    if (found) {
      return found;
    }
    // A manifest of a multi-platform image or other index the repository lists.
    for (const descriptor of listed) {
      if (
        descriptor.mediaType !== OciMediaTypes.imageIndex &&
        descriptor.mediaType !== OciMediaTypes.dockerManifestList
      ) {
        continue;
      }
      const parent = await this.#loadManifest(entry, descriptor, {
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
    throw this.#error(
      context,
      'not-found',
      'the layout lists no manifest with this digest for the repository',
    );
  }

  async #loadManifest(
    entry: LayoutRepository,
    descriptor: OciDescriptor,
    context: { repository: string; reference: string },
  ): Promise<StoredManifest> {
    const cached = this.#manifests.get(descriptor.digest);
    if (cached) {
      return cached;
    }
    const data = await this.#readBlob(
      entry,
      descriptor.digest,
      descriptor.size,
      this.#limits.maxManifestBytes,
      context,
    );
    const file = [...entry.dir, 'blobs', ...descriptor.digest.split(':')].join(
      '/',
    );
    let raw: string;
    try {
      raw = UTF8.decode(data);
    } catch {
      throw this.#error(
        context,
        'invalid-response',
        `${file}: the manifest is not valid UTF-8`,
      );
    }
    let parsed: ParsedManifest;
    try {
      parsed = parseManifest(
        raw,
        MANIFEST_MEDIA_TYPES.has(descriptor.mediaType)
          ? descriptor.mediaType
          : undefined,
      );
    } catch (error) {
      if (error instanceof ManifestParseError) {
        throw this.#error(
          context,
          error.reason,
          `${file}: the manifest is unusable: ${error.message}`,
        );
      }
      throw error;
    }
    const stored = { ...parsed, raw, size: data.byteLength };
    if (this.#manifests.size >= MAX_CACHED_MANIFESTS) {
      this.#manifests.delete(this.#manifests.keys().next().value!);
    }
    this.#manifests.set(descriptor.digest, stored);
    return stored;
  }

  async #readBlob(
    entry: LayoutRepository,
    digest: string,
    size: number | undefined,
    maxBytes: number,
    context: { repository: string; reference: string },
  ): Promise<Buffer> {
    this.#checkDigest(digest, context);
    const [algorithm, hex] = digest.split(':');
    const components = [...entry.dir, 'blobs', algorithm, hex];
    let data: Buffer;
    try {
      data = await this.#files.read(components, maxBytes);
    } catch (error) {
      throw this.#fileError(error, context);
    }
    const file = components.join('/');
    if (size !== undefined && data.byteLength !== size) {
      throw this.#error(
        context,
        'size-mismatch',
        `${file}: the file has ${data.byteLength} bytes but its descriptor says ${size}`,
      );
    }
    if (!digestMatches(data, digest)) {
      throw this.#error(
        context,
        'digest-mismatch',
        `${file}: the file hashes to ${sha256Digest(
          data,
        )}, not to the digest it is stored under`,
      );
    }
    return data;
  }

  async #readIndex(context: {
    repository?: string;
    reference?: string;
  }): Promise<LayoutIndex> {
    const now = Date.now();
    if (!this.#index || now - this.#index.readAt > this.#refreshIntervalMs) {
      const value = readLayoutIndex(this.#files, {
        host: this.host,
        repository: this.#repository,
        maxIndexBytes: this.#limits.maxIndexBytes,
      });
      const current = { value, readAt: now };
      this.#index = current;
      value.then(
        index => index.ignored.forEach(message => this.#report(message)),
        () => {
          // A broken layout is read again on the next call, once it may have been fixed.
          if (this.#index === current) {
            this.#index = undefined;
          }
        },
      );
    }
    try {
      return await this.#index.value;
    } catch (error) {
      throw this.#fileError(error, context);
    }
  }

  #checkDigest(
    digest: string,
    context: { repository?: string; reference?: string },
  ) {
    if (typeof digest !== 'string' || !isOciDigest(digest)) {
      throw this.#error(
        { ...context, reference: String(digest).slice(0, 140) },
        'invalid-argument',
        'not a valid digest (sha256:<64 hex> or sha512:<128 hex>)',
      );
    }
  }

  #fileError(
    error: unknown,
    context: { repository?: string; reference?: string },
  ): Error {
    if (error instanceof LayoutFileError) {
      // The message already says everything; a cause would repeat it.
      return this.#error(context, error.reason, error.message);
    }
    if (RegistryError.is(error)) {
      return error;
    }
    return this.#error(
      context,
      'invalid-response',
      `the image layout cannot be read: ${(error as Error).message}`,
      error,
    );
  }

  #error(
    context: { repository?: string; reference?: string },
    reason: RegistryErrorReason,
    detail: string,
    cause?: unknown,
  ): RegistryError {
    return new RegistryError({
      reason,
      registry: this.name,
      host: this.host,
      repository: context.repository,
      reference: context.reference,
      detail: `image layout: ${detail}`,
      cause,
    });
  }

  #report(message: string) {
    if (!this.#reported.has(message) && this.#reported.size < 1000) {
      this.#reported.add(message);
      this.#logger?.warn(`Image layout "${this.name}": ${message}`);
    }
  }
}
