import {
  CacheService,
  CacheServiceOptions,
  CacheServiceSetOptions,
} from '@backstage/backend-plugin-api';
import {
  durationToMilliseconds,
  HumanDuration,
  JsonValue,
} from '@backstage/types';
import { DEFAULT_REGISTRY_CACHE } from './configTypes';

function toMillis(ttl: number | HumanDuration): number {
  return typeof ttl === 'number' ? ttl : durationToMilliseconds(ttl);
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
