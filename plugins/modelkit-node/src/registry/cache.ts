import { createHash } from 'node:crypto';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { RegistryConfig } from './configTypes';
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

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string');
}
