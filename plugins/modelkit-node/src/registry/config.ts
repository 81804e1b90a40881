import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

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

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const HOST_PATTERN = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/**
 * The kinds of `kitstage.registries` entries. `registry` entries are read by the registry
 * client; `oci-layout` entries describe an OCI image layout directory and are left to the
 * image-layout source.
 *
 * @public
 */
export const REGISTRY_ENTRY_TYPES = ['registry', 'oci-layout'] as const;

/**
 * Reads the registry client settings of every `kitstage.registries` entry whose `type` is
 * `registry` (the default). Entries of type `oci-layout` are skipped, and keys that other
 * modules add to the entries (repository filters, owners, schedules) are ignored. Names
 * must be unique across all entries.
 *
 * @throws Error naming the config key when an entry is invalid.
 * @public
 */
export function readRegistryConfigs(config: Config): RegistryConfig[] {
  const entries = config.getOptionalConfigArray('kitstage.registries') ?? [];
  const seen = new Set<string>();
  const registries: RegistryConfig[] = [];
  entries.forEach((entry, index) => {
    const path = `kitstage.registries[${index}]`;
    const type = entry.getOptionalString('type') ?? 'registry';
    if (!(REGISTRY_ENTRY_TYPES as readonly string[]).includes(type)) {
      throw new Error(
        `${path}.type: "${type}" is not one of ${REGISTRY_ENTRY_TYPES.join(
          ', ',
        )}`,
      );
    }
    const name = entry.getString('name');
    if (seen.has(name)) {
      throw new Error(
        `${path}.name: the name "${name}" is used by more than one entry`,
      );
    }
    seen.add(name);
    if (type === 'registry') {
      registries.push(readRegistryConfig(entry, path));
    }
  });
  return registries;
}

/**
 * Reads the registry client settings of one `kitstage.registries` entry.
 *
 * @param path - The key path of the entry, used in error messages.
 * @public
 */
export function readRegistryConfig(
  config: Config,
  path = 'registry',
): RegistryConfig {
  const name = config.getString('name');
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `${path}.name: "${name}" is not a valid registry name; use letters, digits, '.', '_' and '-' (at most 63 characters)`,
    );
  }
  const { url, host } = readUrl(config.getString('url'), `${path}.url`);
  return {
    name,
    url,
    host,
    auth: readAuth(config.getOptionalConfig('auth'), `${path}.auth`),
    tls: { ca: config.getOptionalString('tls.ca') },
    limits: readLimits(config.getOptionalConfig('limits'), `${path}.limits`),
    cache: readCache(config.getOptionalConfig('cache'), `${path}.cache`),
  };
}

function readUrl(value: string, path: string): { url: string; host: string } {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${path}: "${value}" is not a valid URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(
      `${path}: the URL must use https or http, not ${parsed.protocol}`,
    );
  }
  // The value is not echoed from here on: it may contain credentials.
  if (parsed.username || parsed.password) {
    throw new Error(
      `${path}: the URL must not contain credentials; set them under auth instead`,
    );
  }
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search) {
    throw new Error(
      `${path}: the URL must be the registry root (the Distribution API lives under /v2/), without a path or query`,
    );
  }
  return { url: parsed.origin, host: parsed.host };
}

function readAuth(
  config: Config | undefined,
  path: string,
): RegistryAuthConfig {
  if (!config) {
    return { type: 'anonymous' };
  }
  const username = config.getOptionalString('username');
  const password = config.getOptionalString('password');
  const token = config.getOptionalString('token');
  const declared = config.getOptionalString('type');
  let type = declared;
  if (!type) {
    if (token) {
      type = 'bearer';
    } else if (username || password) {
      type = 'basic';
    } else {
      type = 'anonymous';
    }
  }
  switch (type) {
    case 'anonymous':
      if (username || password || token) {
        throw new Error(
          `${path}: credentials are set but type is "anonymous"; remove them or set type to basic or bearer`,
        );
      }
      return { type: 'anonymous' };
    case 'basic': {
      if (!username || !password) {
        throw new Error(
          `${path}: type "basic" needs both username and password`,
        );
      }
      if (token) {
        throw new Error(`${path}: type "basic" does not take a token`);
      }
      const tokenRealmHosts = (
        config.getOptionalStringArray('tokenRealmHosts') ?? []
      ).map((host, i) => {
        if (!HOST_PATTERN.test(host)) {
          throw new Error(
            `${path}.tokenRealmHosts[${i}]: "${host}" is not a host name with an optional port`,
          );
        }
        return host.toLowerCase();
      });
      return { type: 'basic', username, password, tokenRealmHosts };
    }
    case 'bearer':
      if (!token) {
        throw new Error(`${path}: type "bearer" needs a token`);
      }
      if (username || password) {
        throw new Error(
          `${path}: type "bearer" does not take a username or password`,
        );
      }
      return { type: 'bearer', token };
    default:
      throw new Error(
        `${path}.type: "${type}" is not one of anonymous, basic, bearer`,
      );
  }
}

function readLimits(config: Config | undefined, path: string): RegistryLimits {
  const d = DEFAULT_REGISTRY_LIMITS;
  if (!config) {
    return { ...d };
  }
  const int = (key: keyof RegistryLimits & string, min: number) =>
    readInteger(config, key, `${path}.${key}`, d[key], min);
  return {
    maxManifestBytes: int('maxManifestBytes', 1024),
    maxBlobBytes: int('maxBlobBytes', 1),
    pageSize: int('pageSize', 1),
    maxPages: int('maxPages', 1),
    maxTagsPerRepository: int('maxTagsPerRepository', 1),
    maxRepositories: int('maxRepositories', 1),
    maxReferrers: int('maxReferrers', 1),
    concurrency: int('concurrency', 1),
    maxRetries: int('maxRetries', 0),
    maxRedirects: int('maxRedirects', 0),
    connectTimeoutMs: readDuration(
      config,
      'connectTimeout',
      path,
      d.connectTimeoutMs,
    ),
    requestTimeoutMs: readDuration(
      config,
      'requestTimeout',
      path,
      d.requestTimeoutMs,
    ),
    retryBaseDelayMs: readDuration(
      config,
      'retryBaseDelay',
      path,
      d.retryBaseDelayMs,
    ),
    maxRetryDelayMs: readDuration(
      config,
      'maxRetryDelay',
      path,
      d.maxRetryDelayMs,
    ),
  };
}

function readCache(
  config: Config | undefined,
  path: string,
): RegistryCacheConfig {
  const d = DEFAULT_REGISTRY_CACHE;
  if (!config) {
    return { ...d };
  }
  return {
    digestTtlMs: readDuration(config, 'digestTtl', path, d.digestTtlMs),
    tagTtlMs: readDuration(config, 'tagTtl', path, d.tagTtlMs),
    maxCachedBlobBytes: readInteger(
      config,
      'maxCachedBlobBytes',
      `${path}.maxCachedBlobBytes`,
      d.maxCachedBlobBytes,
      0,
    ),
    maxMemoryEntries: readInteger(
      config,
      'maxMemoryEntries',
      `${path}.maxMemoryEntries`,
      d.maxMemoryEntries,
      1,
    ),
    maxMemoryBytes: readInteger(
      config,
      'maxMemoryBytes',
      `${path}.maxMemoryBytes`,
      d.maxMemoryBytes,
      1024,
    ),
    maxTokens: readInteger(
      config,
      'maxTokens',
      `${path}.maxTokens`,
      d.maxTokens,
      1,
    ),
  };
}

function readInteger(
  config: Config,
  key: string,
  path: string,
  fallback: number,
  min: number,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${path}: must be an integer of at least ${min}`);
  }
  return value;
}

function readDuration(
  config: Config,
  key: string,
  path: string,
  fallbackMs: number,
): number {
  if (!config.has(key)) {
    return fallbackMs;
  }
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key });
  } catch (error) {
    throw new Error(
      `${path}.${key}: not a duration (${(error as Error).message})`,
    );
  }
  const ms = durationToMilliseconds(duration);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`${path}.${key}: must be a positive duration`);
  }
  return ms;
}
