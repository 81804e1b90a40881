import {
  isOciDigest,
  OciBlobOptions,
  OciDescriptor,
  OciManifestResult,
  OciReferrers,
  OciReferrersOptions,
  OciRequestOptions,
  OciSource,
  OciTagList,
} from '@kitstage/plugin-modelkit-node';
import {
  ProviderStateStore,
  RepositoryState,
  RepositoryStateChanges,
  StoredManifest,
} from './ProviderStateStore';
import {
  readStoredConfig,
  readStoredManifest,
  toStorableText,
} from './storedContent';

/**
 * Reads one repository of a source for a sync, answering from the provider's stored state
 * whatever the registry confirms unchanged, and collecting what it learned to store.
 *
 * @remarks
 *
 * - A tag the state knows is resolved with the source's `resolveTag` (a `HEAD` request, or
 *   the registry client's fresh tag cache); its manifest then comes from the state when the
 *   stored one is keyed by the digest the registry reports and hashes to it. A tag the state
 *   does not know is read with the source's `getManifest`, as without a state, so a first
 *   sync makes no more requests than before; when another tag of the repository has the same
 *   manifest, the stored one (and its config) is used from there on.
 * - A manifest's config blob comes from the state when the stored blob hashes to the
 *   digest (and has the size) the manifest names.
 * - Stored content that fails any check is reported and read from the registry again, and
 *   the fresh copy replaces it.
 *
 * Everything else goes to the source unchanged. Only the repository it was made for is
 * answered from the state.
 *
 * @internal
 */
export class StatefulRepositorySource implements OciSource {
  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.name} */
  readonly name: string;
  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.kind} */
  readonly kind: string;
  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.host} */
  readonly host: string;
  readonly #source: OciSource;
  readonly #repository: string;
  readonly #known: RepositoryState;
  readonly #store: ProviderStateStore;
  readonly #onIgnored: (digest: string, problem: string) => void;
  /** Manifests of this read (checked stored ones, else fresh ones), by digest. */
  readonly #manifests = new Map<string, Promise<OciManifestResult>>();
  /** Config blobs usable in this read, by digest. */
  readonly #configs = new Map<string, Buffer>();
  /** Manifests to store, by digest. */
  readonly #changed = new Map<string, StoredManifest>();
  /** Manifests (stored or fresh) that still need their config, by config digest. */
  readonly #needConfig = new Map<string, StoredManifest[]>();
  /** The digest of each tag read. */
  readonly #seen = new Map<string, string>();

  constructor(options: {
    source: OciSource;
    repository: string;
    known: RepositoryState;
    store: ProviderStateStore;
    /** Called for stored content that failed a check and is read again. */
    onIgnored: (digest: string, problem: string) => void;
  }) {
    this.#source = options.source;
    this.name = options.source.name;
    this.kind = options.source.kind;
    this.host = options.source.host;
    this.#repository = options.repository;
    this.#known = options.known;
    this.#store = options.store;
    this.#onIgnored = options.onIgnored;
  }

  /** What this read changed in the repository's state. */
  changes(options: { complete: boolean }): RepositoryStateChanges {
    const tags = new Map(
      [...this.#seen].filter(
        ([tag, digest]) => this.#known.tags.get(tag) !== digest,
      ),
    );
    // A known tag that was not read is gone, when the read went through every tag.
    const removedTags = options.complete
      ? [...this.#known.tags.keys()].filter(tag => !this.#seen.has(tag))
      : [];
    return { tags, removedTags, manifests: [...this.#changed.values()] };
  }

  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.listRepositories} */
  listRepositories(options?: OciRequestOptions): Promise<string[]> {
    return this.#source.listRepositories(options);
  }

  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.listTags} */
  listTags(
    repository: string,
    options?: OciRequestOptions,
  ): Promise<OciTagList> {
    return this.#source.listTags(repository, options);
  }

  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.resolveTag} */
  resolveTag(
    repository: string,
    tag: string,
    options?: OciRequestOptions,
  ): Promise<OciDescriptor> {
    return this.#source.resolveTag(repository, tag, options);
  }

  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.getReferrers} */
  getReferrers(
    repository: string,
    digest: string,
    options?: OciReferrersOptions,
  ): Promise<OciReferrers> {
    return this.#source.getReferrers(repository, digest, options);
  }

  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.getManifest} */
  async getManifest(
    repository: string,
    reference: string,
    options?: OciRequestOptions,
  ): Promise<OciManifestResult> {
    if (repository !== this.#repository) {
      return this.#source.getManifest(repository, reference, options);
    }
    if (isOciDigest(reference)) {
      return {
        ...(await this.#usable(reference, undefined, options)),
        reference,
      };
    }
    let digest: string;
    let fetched: OciManifestResult | undefined;
    if (this.#known.tags.has(reference)) {
      ({ digest } = await this.#source.resolveTag(
        repository,
        reference,
        options,
      ));
    } else {
      fetched = await this.#source.getManifest(repository, reference, options);
      digest = fetched.digest;
    }
    const manifest = await this.#usable(digest, fetched, options);
    this.#seen.set(reference, digest);
    return { ...manifest, reference };
  }

  /** {@inheritdoc @kitstage/plugin-modelkit-node#OciSource.getBlob} */
  async getBlob(
    repository: string,
    blob: string | OciDescriptor,
    options?: OciBlobOptions,
  ): Promise<Buffer> {
    if (repository !== this.#repository) {
      return this.#source.getBlob(repository, blob, options);
    }
    const digest = typeof blob === 'string' ? blob : blob.digest;
    const known = this.#configs.get(digest);
    const data =
      known &&
      (typeof blob === 'string' || blob.size === known.byteLength) &&
      known.byteLength <= (options?.maxBytes ?? Infinity)
        ? known
        : await this.#source.getBlob(repository, blob, options);
    // The config of manifests this read keeps: for the rest of the read, and to store.
    const waiting = this.#needConfig.get(digest);
    if (waiting) {
      this.#needConfig.delete(digest);
      this.#configs.set(digest, data);
      const config = toStorableText(data);
      for (const row of config === undefined ? [] : waiting) {
        this.#changed.set(row.digest, { ...row, config });
      }
    }
    return data;
  }

  /**
   * The manifest of a digest for this read, settled once however many tags point at it: the
   * stored one when it passes every check, else the one just fetched by tag, else one fetched
   * by digest now. A manifest fetched by tag is only compared with the rows of this
   * repository, so that a new tag costs no more database queries than the repository's one.
   */
  #usable(
    digest: string,
    fetched: OciManifestResult | undefined,
    options: OciRequestOptions | undefined,
  ): Promise<OciManifestResult> {
    let usable = this.#manifests.get(digest);
    if (!usable) {
      usable = this.#load(digest, fetched, options);
      this.#manifests.set(digest, usable);
    }
    return usable;
  }

  async #load(
    digest: string,
    fetched: OciManifestResult | undefined,
    options: OciRequestOptions | undefined,
  ): Promise<OciManifestResult> {
    const row =
      this.#known.manifests.get(digest) ??
      (fetched ? undefined : await this.#store.findManifest(digest));
    const stored = row && this.#fromState(row, digest);
    if (stored) {
      return stored;
    }
    const manifest =
      fetched ??
      (await this.#source.getManifest(this.#repository, digest, options));
    this.#remember(manifest);
    return manifest;
  }

  /** The stored manifest of a digest (and its config), when it passes every check. */
  #fromState(
    row: StoredManifest,
    digest: string,
  ): OciManifestResult | undefined {
    const manifest = readStoredManifest(row, digest, {
      source: this.name,
      repository: this.#repository,
    });
    if ('problem' in manifest) {
      this.#onIgnored(digest, manifest.problem);
      return undefined;
    }
    if (manifest.kind === 'image') {
      const descriptor = manifest.manifest.config;
      const config =
        row.config === undefined && row.configDigest === descriptor.digest
          ? undefined
          : readStoredConfig(row, descriptor);
      if (Buffer.isBuffer(config)) {
        this.#configs.set(descriptor.digest, config);
      } else {
        if (config) {
          this.#onIgnored(digest, config.problem);
        }
        this.#awaitConfig(descriptor.digest, {
          digest,
          mediaType: manifest.mediaType,
          manifest: manifest.raw,
          configDigest: descriptor.digest,
        });
      }
    }
    return manifest;
  }

  /** Records a manifest read from the source, to store (with its config once read). */
  #remember(manifest: OciManifestResult) {
    const row: StoredManifest = {
      digest: manifest.digest,
      mediaType: manifest.mediaType,
      manifest: manifest.raw,
    };
    if (manifest.kind === 'image') {
      row.configDigest = manifest.manifest.config.digest;
      this.#awaitConfig(row.configDigest, row);
    }
    this.#changed.set(row.digest, row);
  }

  #awaitConfig(configDigest: string, row: StoredManifest) {
    const waiting = this.#needConfig.get(configDigest) ?? [];
    waiting.push(row);
    this.#needConfig.set(configDigest, waiting);
  }
}
