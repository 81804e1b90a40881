/**
 * How the client authenticates to a registry.
 *
 * @remarks
 *
 * With `anonymous` and `basic`, a registry that answers with a
 * `WWW-Authenticate: Bearer` challenge gets the token flow: the client asks the named realm
 * for a token (with the basic credentials when the realm may receive them) and caches it
 * until it expires.
 *
 * @public
 */
export type RegistryAuthConfig =
  | { type: 'anonymous' }
  | {
      type: 'basic';
      username: string;
      password: string;
      /** Hosts other than the registry's own whose token realm may receive the credentials. */
      tokenRealmHosts: string[];
    }
  | { type: 'bearer'; token: string };

/**
 * Safety limits for one registry. Sizes are bytes, durations milliseconds.
 *
 * @public
 */
export interface RegistryLimits {
  /** Largest manifest or index accepted. */
  maxManifestBytes: number;
  /** Largest blob read into memory by `getBlob` unless the caller passes `maxBytes`. */
  maxBlobBytes: number;
  /** Entries asked for per page of `_catalog`, `tags/list` and referrers listings. */
  pageSize: number;
  /** Most pages followed in one listing. */
  maxPages: number;
  /** Most tags kept per repository; a longer tag list is cut and marked `truncated`. */
  maxTagsPerRepository: number;
  /** Most repositories a `_catalog` listing may hold; a longer one is refused (`too-large`). */
  maxRepositories: number;
  /**
   * Most referrers of one manifest, across all pages; a longer list is refused (`too-large`)
   * rather than cut, so that no signature or attestation goes unseen.
   */
  maxReferrers: number;
  /** Most requests in flight to the registry at once, across the whole backend. */
  concurrency: number;
  /** Time allowed to open a connection. */
  connectTimeoutMs: number;
  /** Time allowed for one request, from sending it to the end of its body. */
  requestTimeoutMs: number;
  /** How often a failed request is repeated (429, 5xx, reset connections). */
  maxRetries: number;
  /** First backoff delay; it doubles with each retry and gets random jitter. */
  retryBaseDelayMs: number;
  /** Longest wait before a retry; a longer `Retry-After` fails the request instead. */
  maxRetryDelayMs: number;
  /** Most redirects followed for one request. */
  maxRedirects: number;
}

/**
 * Cache lifetimes and bounds for one registry. Durations are milliseconds, sizes bytes.
 *
 * @public
 */
export interface RegistryCacheConfig {
  /** How long content addressed by digest (manifests, configs, small blobs) is cached. */
  digestTtlMs: number;
  /** How long repository lists, tag lists, tag to digest answers and referrers are trusted. */
  tagTtlMs: number;
  /** Largest blob kept in the cache. */
  maxCachedBlobBytes: number;
  /**
   * Most entries in the registry's in-process cache, used when the backend's cache store is
   * `memory` (or when no cache service is given); the least recently used go first.
   */
  maxMemoryEntries: number;
  /** Most bytes (of JSON text) in the registry's in-process cache. */
  maxMemoryBytes: number;
  /**
   * Most bearer tokens cached for the registry (one per scope), shared by every plugin of
   * the process. Expired tokens are dropped first, then the least recently used.
   */
  maxTokens: number;
}

/**
 * The registry client settings of one `kitstage.registries` entry, with defaults applied.
 *
 * @public
 */
export interface RegistryConfig {
  /** Unique name of the registry. */
  name: string;
  /** The base URL, normalised to its origin, e.g. `https://registry.example.com`. */
  url: string;
  /** The host and port used in references, e.g. `registry.example.com` or `localhost:5000`. */
  host: string;
  /** How to authenticate. */
  auth: RegistryAuthConfig;
  /** TLS settings. */
  tls: {
    /** PEM certificates trusted in addition to the system ones. */
    ca?: string;
  };
  /** Safety limits. */
  limits: RegistryLimits;
  /** Cache lifetimes. */
  cache: RegistryCacheConfig;
}

const MiB = 1024 * 1024;

/**
 * Default limits for registries.
 *
 * @public
 */
export const DEFAULT_REGISTRY_LIMITS: Readonly<RegistryLimits> = Object.freeze({
  maxManifestBytes: 4 * MiB,
  maxBlobBytes: 1 * MiB,
  pageSize: 100,
  maxPages: 500,
  maxTagsPerRepository: 1000,
  maxRepositories: 10_000,
  maxReferrers: 1000,
  concurrency: 4,
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxRetries: 3,
  retryBaseDelayMs: 250,
  maxRetryDelayMs: 30_000,
  maxRedirects: 5,
});

/**
 * Default cache lifetimes for registries.
 *
 * @public
 */
export const DEFAULT_REGISTRY_CACHE: Readonly<RegistryCacheConfig> =
  Object.freeze({
    digestTtlMs: 7 * 24 * 60 * 60 * 1000,
    tagTtlMs: 60 * 1000,
    maxCachedBlobBytes: 512 * 1024,
    maxMemoryEntries: 10_000,
    maxMemoryBytes: 32 * MiB,
    maxTokens: 256,
  });
