/**
 * A manifest the provider read, as it is stored: the text the registry served and, for an
 * image manifest, its config blob once read. Nothing in it is trusted: it is verified against
 * its digests whenever it is used (see `readStoredManifest` and `readStoredConfig`).
 *
 * @internal
 */
export interface StoredManifest {
  /** The digest the row is keyed by, which `manifest` must hash to. */
  digest: string;
  /** The media type of the manifest. */
  mediaType: string;
  /** The manifest text, exactly as served. */
  manifest: string;
  /** The digest of the config blob of an image manifest. */
  configDigest?: string;
  /** The config blob as UTF-8 text, once read. */
  config?: string;
}

/**
 * What the provider learned about one repository when it last read it.
 *
 * @internal
 */
export interface RepositoryState {
  /** The manifest digest each tag pointed at. */
  tags: ReadonlyMap<string, string>;
  /** The stored manifests those digests have, by digest. */
  manifests: ReadonlyMap<string, StoredManifest>;
}

/**
 * What reading a repository changed in its state.
 *
 * @internal
 */
export interface RepositoryStateChanges {
  /** Tags that are new or point at another digest now, with their digest. */
  tags: ReadonlyMap<string, string>;
  /** Tags that are gone; only given after a read of the whole repository succeeded. */
  removedTags: readonly string[];
  /** Manifests read from the registry (or completed with their config), to store. */
  manifests: readonly StoredManifest[];
}

/**
 * Where a registry entity provider keeps what it learned from its registry: the digest of each
 * tag and the manifests and configs of those digests. Every method is namespaced to one
 * provider and never rejects: a store that fails behaves as an empty one, so a sync then reads
 * the registry as if for the first time.
 *
 * @internal
 */
export interface ProviderStateStore {
  /** The state of a repository; empty when nothing is known (or the store fails). */
  readRepository(repository: string): Promise<RepositoryState>;

  /** A stored manifest by digest, whichever repository it was read in. */
  findManifest(digest: string): Promise<StoredManifest | undefined>;

  /** Records what reading a repository changed. */
  saveRepository(
    repository: string,
    changes: RepositoryStateChanges,
  ): Promise<void>;

  /**
   * Forgets the repositories a complete listing no longer includes, then the manifests no
   * tag points at any more.
   */
  keepRepositories(repositories: ReadonlySet<string>): Promise<void>;
}

/**
 * The state store of a provider without a database: it knows nothing and keeps nothing, so
 * every sync reads through the registry client (and its cache) alone.
 *
 * @internal
 */
export const noProviderState: ProviderStateStore = Object.freeze({
  readRepository: async () => ({ tags: new Map(), manifests: new Map() }),
  findManifest: async () => undefined,
  saveRepository: async () => {},
  keepRepositories: async () => {},
});
