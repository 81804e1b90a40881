import { createHash } from 'node:crypto';
import {
  CacheService,
  CacheServiceOptions,
  CacheServiceSetOptions,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  durationToMilliseconds,
  HumanDuration,
  JsonValue,
} from '@backstage/types';
import { DEFAULT_REGISTRY_CACHE, RegistryConfig } from './config';
import {
  digestMatches,
  isOciDigest,
  isOciRepositoryName,
  isOciTag,
} from './digest';
import { OciDescriptor } from './types';

const PREFIX = 'kitstage:oci:v1';
const MAX_KEY_LENGTH = 200;

/**
 * What the cache remembers about a tag.
 *
 * @internal
 */
export interface CachedTag {
  digest: string;
  mediaType: string;
  size: number;
  /** When the registry last confirmed the digest, in epoch milliseconds. */
  checkedAt: number;
}

/**
 * Registry content in a `CacheService`, as JSON values (so Redis, Valkey and memcache
 * work). Digest-addressed content lives for `cache.digestTtl` and is verified again when
 * read, so a tampered shared cache cannot inject content; listings live for `cache.tagTtl`.
 * A tag entry lives as long as digest content (its digest lets a later sync revalidate
 * with a `HEAD` request), but is trusted without asking the registry only for `cache.tagTtl`.
 * Cache failures are logged and treated as misses.
 *
 * @internal
 */
export class RegistryContentCache {
  readonly #cache: CacheService;
  readonly #registry: RegistryConfig;
  readonly #logger: LoggerService;
  #warned = false;

  constructor(
    cache: CacheService,
    registry: RegistryConfig,
    logger: LoggerService,
  ) {
    this.#cache = cache;
    this.#registry = registry;
    this.#logger = logger;
  }

  /** Whether a tag entry may be used without asking the registry. */
  isFresh(entry: CachedTag, now = Date.now()): boolean {
    return now - entry.checkedAt < this.#registry.cache.tagTtlMs;
  }

  async getManifest(
    repository: string,
    digest: string,
  ): Promise<{ mediaType: string; raw: string } | undefined> {
    const value = await this.#get(this.#key('manifest', repository, digest));
    if (
      !isObject(value) ||
      typeof value.mediaType !== 'string' ||
      typeof value.raw !== 'string' ||
      !digestMatches(Buffer.from(value.raw, 'utf8'), digest)
    ) {
      return undefined;
    }
    return { mediaType: value.mediaType, raw: value.raw };
  }

  async setManifest(
    repository: string,
    digest: string,
    value: { mediaType: string; raw: string },
  ) {
    await this.#set(
      this.#key('manifest', repository, digest),
      value,
      this.#registry.cache.digestTtlMs,
    );
  }

  async getBlob(
    repository: string,
    digest: string,
  ): Promise<Buffer | undefined> {
    const value = await this.#get(this.#key('blob', repository, digest));
    if (typeof value !== 'string') {
      return undefined;
    }
    const data = Buffer.from(value, 'base64');
    return digestMatches(data, digest) ? data : undefined;
  }

  async setBlob(repository: string, digest: string, data: Buffer) {
    if (data.byteLength > this.#registry.cache.maxCachedBlobBytes) {
      return;
    }
    await this.#set(
      this.#key('blob', repository, digest),
      data.toString('base64'),
      this.#registry.cache.digestTtlMs,
    );
  }

  async getTag(
    repository: string,
    tag: string,
  ): Promise<CachedTag | undefined> {
    const value = await this.#get(this.#key('tag', repository, tag));
    if (
      !isObject(value) ||
      typeof value.digest !== 'string' ||
      !isOciDigest(value.digest) ||
      typeof value.mediaType !== 'string' ||
      typeof value.size !== 'number' ||
      typeof value.checkedAt !== 'number'
    ) {
      return undefined;
    }
    return value as unknown as CachedTag;
  }

  async setTag(repository: string, tag: string, entry: CachedTag) {
    await this.#set(
      this.#key('tag', repository, tag),
      { ...entry },
      this.#registry.cache.digestTtlMs,
    );
  }

  async getTagList(
    repository: string,
  ): Promise<{ tags: string[]; truncated: boolean } | undefined> {
    const value = await this.#get(this.#key('tags', repository));
    if (
      !isObject(value) ||
      !isStringArray(value.tags) ||
      !value.tags.every(isOciTag) ||
      typeof value.truncated !== 'boolean'
    ) {
      return undefined;
    }
    return { tags: value.tags, truncated: value.truncated };
  }

  async setTagList(
    repository: string,
    value: { tags: string[]; truncated: boolean },
  ) {
    await this.#set(
      this.#key('tags', repository),
      value,
      this.#registry.cache.tagTtlMs,
    );
  }

  async getRepositories(): Promise<string[] | undefined> {
    const value = await this.#get(this.#key('catalog'));
    return isStringArray(value) && value.every(isOciRepositoryName)
      ? value
      : undefined;
  }

  async setRepositories(repositories: string[]) {
    await this.#set(
      this.#key('catalog'),
      repositories,
      this.#registry.cache.tagTtlMs,
    );
  }

  async getReferrers(
    repository: string,
    digest: string,
    artifactType: string | undefined,
  ): Promise<
    | { descriptors: OciDescriptor[]; via: 'referrers-api' | 'tag-schema' }
    | undefined
  > {
    const value = await this.#get(
      this.#key('referrers', repository, digest, artifactType ?? '*'),
    );
    if (
      !isObject(value) ||
      !Array.isArray(value.descriptors) ||
      !value.descriptors.every(
        d =>
          isObject(d) && typeof d.digest === 'string' && isOciDigest(d.digest),
      ) ||
      (value.via !== 'referrers-api' && value.via !== 'tag-schema')
    ) {
      return undefined;
    }
    return value as unknown as {
      descriptors: OciDescriptor[];
      via: 'referrers-api' | 'tag-schema';
    };
  }

  async setReferrers(
    repository: string,
    digest: string,
    artifactType: string | undefined,
    value: {
      descriptors: OciDescriptor[];
      via: 'referrers-api' | 'tag-schema';
    },
  ) {
    await this.#set(
      this.#key('referrers', repository, digest, artifactType ?? '*'),
      value as unknown as JsonValue,
      this.#registry.cache.tagTtlMs,
    );
  }

  #key(kind: string, ...parts: string[]): string {
    const key = [PREFIX, kind, this.#registry.name, ...parts].join(':');
    if (key.length <= MAX_KEY_LENGTH) {
      return key;
    }
    // memcache keys are limited to 250 bytes; long repository names are hashed.
    const hash = createHash('sha256').update(key).digest('hex');
    return `${PREFIX}:${kind}:${this.#registry.name}:#${hash}`;
  }

  async #get(key: string): Promise<JsonValue | undefined> {
    try {
      return await this.#cache.get(key);
    } catch (error) {
      this.#warn(error);
      return undefined;
    }
  }

  async #set(key: string, value: JsonValue, ttl: number) {
    if (ttl <= 0) {
      return;
    }
    try {
      await this.#cache.set(key, value, { ttl });
    } catch (error) {
      this.#warn(error);
    }
  }

  #warn(error: unknown) {
    if (!this.#warned) {
      this.#warned = true;
      this.#logger.warn(
        `The cache failed for registry "${
          this.#registry.name
        }"; continuing without it: ${error}`,
      );
    }
  }
}

function toMillis(ttl: number | HumanDuration): number {
  return typeof ttl === 'number' ? ttl : durationToMilliseconds(ttl);
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string');
}

/** The state of a {@link MemoryCacheService}, shared with caches derived by `withOptions`. */
interface MemoryCacheState {
  /** Entries in least to most recently used order. */
  readonly entries: Map<
    string,
    { json: string; bytes: number; expiresAt: number }
  >;
  bytes: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/**
 * An in-process `CacheService` bounded in entries and bytes. Values are kept as JSON text,
 * so the bytes counted (JSON text plus key) are the memory they hold, and every read returns a
 * fresh copy. When a bound is passed, the least recently used entries are evicted first; a
 * value larger than the whole cache is not kept. The registry client uses one per registry
 * when the backend's cache store is `memory`, and outside a backend (scripts, benchmarks).
 *
 * @internal
 */
export class MemoryCacheService implements CacheService {
  readonly #state: MemoryCacheState;
  readonly #defaultTtl?: number;

  constructor(
    options: {
      defaultTtl?: number;
      /** Most entries kept; default `cache.maxMemoryEntries` (10 000). */
      maxEntries?: number;
      /** Most bytes of JSON text and keys kept; default `cache.maxMemoryBytes` (32 MiB). */
      maxBytes?: number;
    } = {},
    state?: MemoryCacheState,
  ) {
    this.#defaultTtl = options.defaultTtl;
    this.#state = state ?? {
      entries: new Map(),
      bytes: 0,
      maxEntries: options.maxEntries ?? DEFAULT_REGISTRY_CACHE.maxMemoryEntries,
      maxBytes: options.maxBytes ?? DEFAULT_REGISTRY_CACHE.maxMemoryBytes,
    };
  }

  /** How many entries, and how many bytes of JSON text and keys, the cache holds. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#state.entries.size, bytes: this.#state.bytes };
  }

  async get<TValue extends JsonValue>(
    key: string,
  ): Promise<TValue | undefined> {
    const entry = this.#state.entries.get(key);
    if (!entry) {
      return undefined;
    }
    this.#remove(key);
    if (entry.expiresAt <= Date.now()) {
      return undefined;
    }
    // Re-inserted last: the most recently used.
    this.#state.entries.set(key, entry);
    this.#state.bytes += entry.bytes;
    return JSON.parse(entry.json) as TValue;
  }

  async set(
    key: string,
    value: JsonValue,
    options?: CacheServiceSetOptions,
  ): Promise<void> {
    const ttl =
      options?.ttl === undefined ? this.#defaultTtl : toMillis(options.ttl);
    this.#remove(key);
    const json = JSON.stringify(value);
    if (json === undefined) {
      return;
    }
    const bytes = Buffer.byteLength(json, 'utf8') + Buffer.byteLength(key);
    const state = this.#state;
    if (bytes > state.maxBytes) {
      return;
    }
    while (
      state.entries.size > 0 &&
      (state.entries.size >= state.maxEntries ||
        state.bytes + bytes > state.maxBytes)
    ) {
      this.#remove(state.entries.keys().next().value as string);
    }
    state.entries.set(key, {
      json,
      bytes,
      expiresAt: ttl === undefined ? Infinity : Date.now() + ttl,
    });
    state.bytes += bytes;
  }

  async delete(key: string): Promise<void> {
    this.#remove(key);
  }

  withOptions(options: CacheServiceOptions): CacheService {
    const defaultTtl =
      options.defaultTtl === undefined
        ? undefined
        : toMillis(options.defaultTtl);
    return new MemoryCacheService({ defaultTtl }, this.#state);
  }

  #remove(key: string) {
    const entry = this.#state.entries.get(key);
    if (entry) {
      this.#state.entries.delete(key);
      this.#state.bytes -= entry.bytes;
    }
  }
}
