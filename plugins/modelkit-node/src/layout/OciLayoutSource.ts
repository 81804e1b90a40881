import { LoggerService } from '@backstage/backend-plugin-api';
import { toManifestResult } from '../registry/decodeManifest';
import { isOciDigest, isOciRepositoryName, isOciTag } from '../registry/digest';
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
import { LayoutContent } from './layoutContent';
import {
  checkLayoutDigest,
  layoutError,
  LayoutErrorContext,
  toLayoutError,
} from './layoutErrors';
import { LayoutFiles } from './layoutFiles';
import { readLayoutIndex } from './layoutIndex';
import { findLayoutReferrers } from './layoutReferrers';
import { LayoutIndex, LayoutRepository } from './layoutRepositories';

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
  readonly #content: LayoutContent;
  readonly #repository?: string;
  readonly #limits: OciLayoutLimits;
  readonly #logger?: LoggerService;
  readonly #refreshIntervalMs: number;
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
    this.#content = new LayoutContent({
      source: this,
      files: this.#files,
      limits: this.#limits,
    });
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
      descriptor = await this.#content.findManifest(
        entry,
        await this.#listedManifests(entry, context),
        reference,
        context,
      );
    } else {
      descriptor = this.#tagDescriptor(entry, reference);
    }
    const stored = await this.#content.loadManifest(entry, descriptor, context);
    return toManifestResult(
      {
        source: this.name,
        repository,
        reference,
        digest: descriptor.digest,
        size: stored.size,
      },
      stored,
    );
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
    checkLayoutDigest(this, digest, context);
    const maxBytes = options?.maxBytes ?? this.#limits.maxBlobBytes;
    if (size !== undefined && size > maxBytes) {
      throw layoutError(
        this,
        context,
        'too-large',
        `the blob is ${size} bytes, more than the ${maxBytes} allowed`,
      );
    }
    return this.#content.readBlob(entry, digest, size, maxBytes, context);
  }

  /** {@inheritdoc OciSource.getReferrers} */
  async getReferrers(
    repository: string,
    digest: string,
    options?: OciReferrersOptions,
  ): Promise<OciReferrers> {
    const entry = await this.#repositoryEntry(repository);
    const context = { repository, reference: digest };
    checkLayoutDigest(this, digest, context);
    const descriptors = await findLayoutReferrers({
      content: this.#content,
      entry,
      listed: await this.#listedManifests(entry, context),
      digest,
      artifactType: options?.artifactType,
      report: message => this.#report(message),
    });
    return { subject: digest, descriptors, via: 'layout' };
  }

  async #repositoryEntry(repository: string): Promise<LayoutRepository> {
    if (typeof repository !== 'string' || !isOciRepositoryName(repository)) {
      throw layoutError(
        this,
        { repository: String(repository).slice(0, 300) },
        'invalid-argument',
        'not a valid repository name (lowercase path components separated by "/")',
      );
    }
    const index = await this.#readIndex({ repository });
    const entry = index.repositories.get(repository);
    if (!entry) {
      throw layoutError(
        this,
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
      throw layoutError(
        this,
        { repository: entry.name, reference: String(tag).slice(0, 140) },
        'invalid-argument',
        'not a valid tag or digest',
      );
    }
    const descriptor = entry.tags.get(tag);
    if (!descriptor) {
      throw layoutError(
        this,
        context,
        'not-found',
        'the layout has no such tag',
      );
    }
    return descriptor;
  }

  /**
   * The manifests a repository lists: its own, and for a repository of the root index, the
   * manifests the root `index.json` lists without a reference name.
   */
  async #listedManifests(
    entry: LayoutRepository,
    context: LayoutErrorContext,
  ): Promise<OciDescriptor[]> {
    const index = await this.#readIndex(context);
    return [
      ...entry.manifests,
      ...(entry.dir.length === 0 ? index.untagged : []),
    ];
  }

  async #readIndex(context: LayoutErrorContext): Promise<LayoutIndex> {
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
      throw toLayoutError(this, error, context);
    }
  }

  #report(message: string) {
    if (!this.#reported.has(message) && this.#reported.size < 1000) {
      this.#reported.add(message);
      this.#logger?.warn(`Image layout "${this.name}": ${message}`);
    }
  }
}
