import { LoggerService } from '@backstage/backend-plugin-api';
import { CachedTag, RegistryContentCache } from './cache';
import {
  digestMatches,
  isOciDigest,
  isOciRepositoryName,
  isOciTag,
  referrersTagFor,
  sha256Digest,
} from './digest';
import { RegistryError, RegistryErrorReason } from './errors';
import {
  MANIFEST_ACCEPT,
  ManifestParseError,
  OciMediaTypes,
  ParsedManifest,
  parseManifest,
} from './manifest';
import { nextPageUrl, walkPages } from './pagination';
import { errorForResponse } from './responses';
import {
  TransportRequest,
  TransportResponse,
  RegistryTransport,
} from './transport';
import {
  OciBlobOptions,
  OciDescriptor,
  OciManifestResult,
  OciReferrers,
  OciReferrersOptions,
  OciRequestOptions,
  OciSource,
  OciTagList,
  RegistryRequestKind,
} from './types';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const REFERRERS_UNSUPPORTED = new Set([404, 405, 501]);

type Context = Pick<TransportRequest, 'repository' | 'reference'>;

/**
 * An {@link OciSource} for a registry that speaks the OCI Distribution API. Instances of one
 * registry share a {@link RegistryTransport} (connections, tokens, concurrency, counters);
 * each has its own content cache.
 *
 * @internal
 */
export class RegistryClient implements OciSource {
  readonly kind = 'registry';
  readonly name: string;
  readonly host: string;
  readonly #transport: RegistryTransport;
  readonly #cache: RegistryContentCache;
  readonly #logger: LoggerService;

  constructor(options: {
    transport: RegistryTransport;
    cache: RegistryContentCache;
    logger: LoggerService;
  }) {
    this.#transport = options.transport;
    this.#cache = options.cache;
    this.#logger = options.logger;
    this.name = options.transport.registry.name;
    this.host = options.transport.registry.host;
  }

  async listRepositories(options?: OciRequestOptions): Promise<string[]> {
    const limits = this.#transport.registry.limits;
    const cached = await this.#cache.getRepositories();
    // The cache may be shared and is not trusted to respect the limits.
    if (cached && cached.length <= limits.maxRepositories) {
      return cached;
    }
    const { items } = await this.#list({
      kind: 'catalog',
      path: '/v2/_catalog',
      scope: 'registry:catalog:*',
      field: 'repositories',
      what: 'the repository list (_catalog)',
      isValid: isOciRepositoryName,
      cap: limits.maxRepositories,
      beyondCap: 'fail',
      limitKey: 'limits.maxRepositories',
      context: {},
      signal: options?.signal,
    });
    await this.#cache.setRepositories(items);
    return items;
  }

  async listTags(
    repository: string,
    options?: OciRequestOptions,
  ): Promise<OciTagList> {
    this.#checkRepository(repository);
    const limits = this.#transport.registry.limits;
    const cached = await this.#cache.getTagList(repository);
    if (cached && cached.tags.length <= limits.maxTagsPerRepository) {
      return { repository, ...cached };
    }
    const { items, truncated } = await this.#list({
      kind: 'tags',
      path: `/v2/${repository}/tags/list`,
      scope: pullScope(repository),
      field: 'tags',
      what: 'the tag list',
      isValid: isOciTag,
      cap: limits.maxTagsPerRepository,
      beyondCap: 'truncate',
      limitKey: 'limits.maxTagsPerRepository',
      context: { repository },
      signal: options?.signal,
    });
    if (truncated) {
      this.#logger.warn(
        `Registry "${this.name}" (${this.host}), repository "${repository}": more than ${items.length} tags; only the first ${items.length} are used (limits.maxTagsPerRepository)`,
      );
    }
    await this.#cache.setTagList(repository, { tags: items, truncated });
    return { repository, tags: items, truncated };
  }

  async resolveTag(
    repository: string,
    tag: string,
    options?: OciRequestOptions,
  ): Promise<OciDescriptor> {
    this.#checkRepository(repository);
    this.#checkTag(repository, tag);
    const cached = await this.#cache.getTag(repository, tag);
    if (cached && this.#cache.isFresh(cached)) {
      return toDescriptor(cached);
    }
    const head = await this.#head(repository, tag, options?.signal);
    if (head) {
      await this.#cache.setTag(repository, tag, head);
      return toDescriptor(head);
    }
    const manifest = await this.#fetchManifest(
      repository,
      tag,
      options?.signal,
    );
    return {
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.size,
    };
  }

  async getManifest(
    repository: string,
    reference: string,
    options?: OciRequestOptions,
  ): Promise<OciManifestResult> {
    this.#checkRepository(repository);
    if (isOciDigest(reference)) {
      return this.#manifestByDigest(repository, reference, options?.signal);
    }
    this.#checkTag(repository, reference);
    const signal = options?.signal;
    const entry = await this.#cache.getTag(repository, reference);
    if (entry) {
      const cached = await this.#fromCache(repository, reference, entry.digest);
      if (cached && this.#cache.isFresh(entry)) {
        return cached;
      }
      if (cached) {
        // Known content: a HEAD request tells whether the tag still points at it.
        const head = await this.#head(repository, reference, signal);
        if (head) {
          await this.#cache.setTag(repository, reference, head);
          if (head.digest === entry.digest) {
            return cached;
          }
          const moved = await this.#manifestByDigest(
            repository,
            head.digest,
            signal,
          );
          return { ...moved, reference };
        }
      }
    }
    return this.#fetchManifest(repository, reference, signal);
  }

  async getBlob(
    repository: string,
    blob: string | OciDescriptor,
    options?: OciBlobOptions,
  ): Promise<Buffer> {
    this.#checkRepository(repository);
    const digest = typeof blob === 'string' ? blob : blob.digest;
    const size = typeof blob === 'string' ? undefined : blob.size;
    this.#checkDigest(repository, digest);
    const context = { repository, reference: digest };
    const maxBytes =
      options?.maxBytes ?? this.#transport.registry.limits.maxBlobBytes;
    if (size !== undefined && size > maxBytes) {
      throw this.#error(
        context,
        'too-large',
        `the blob is ${size} bytes, more than the ${maxBytes} allowed`,
      );
    }
    const cached = await this.#cache.getBlob(repository, digest);
    if (cached && (size === undefined || cached.byteLength === size)) {
      return cached;
    }
    const response = await this.#transport.request({
      kind: 'blob',
      method: 'GET',
      url: this.#transport.url(`/v2/${repository}/blobs/${digest}`),
      scope: pullScope(repository),
      maxBytes,
      signal: options?.signal,
      ...context,
    });
    if (response.status !== 200) {
      throw this.#responseError(response, context, 'blob');
    }
    const data = response.body;
    if (size !== undefined && data.byteLength !== size) {
      throw this.#error(
        context,
        'size-mismatch',
        `the blob has ${data.byteLength} bytes but its descriptor says ${size}`,
        response.url.host,
      );
    }
    if (!digestMatches(data, digest)) {
      throw this.#error(
        context,
        'digest-mismatch',
        `the blob received hashes to ${sha256Digest(
          data,
        )}, not to the digest it was fetched by`,
        response.url.host,
      );
    }
    await this.#cache.setBlob(repository, digest, data);
    return data;
  }

  async getReferrers(
    repository: string,
    digest: string,
    options?: OciReferrersOptions,
  ): Promise<OciReferrers> {
    this.#checkRepository(repository);
    this.#checkDigest(repository, digest);
    const artifactType = options?.artifactType;
    const cached = await this.#cache.getReferrers(
      repository,
      digest,
      artifactType,
    );
    if (
      cached &&
      cached.descriptors.length <= this.#transport.registry.limits.maxReferrers
    ) {
      return { subject: digest, ...cached };
    }
    let result:
      | { via: 'referrers-api' | 'tag-schema'; descriptors: OciDescriptor[] }
      | undefined = await this.#referrersFromApi(
      repository,
      digest,
      artifactType,
      options?.signal,
    );
    if (!result) {
      result = {
        via: 'tag-schema',
        descriptors: await this.#referrersFromTag(
          repository,
          digest,
          options?.signal,
        ),
      };
    }
    const descriptors = artifactType
      ? result.descriptors.filter(d => d.artifactType === artifactType)
      : result.descriptors;
    this.#checkReferrerCount(descriptors.length, {
      repository,
      reference: digest,
    });
    await this.#cache.setReferrers(repository, digest, artifactType, {
      descriptors,
      via: result.via,
    });
    return { subject: digest, descriptors, via: result.via };
  }

  async #referrersFromApi(
    repository: string,
    digest: string,
    artifactType: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<
    { via: 'referrers-api'; descriptors: OciDescriptor[] } | undefined
  > {
    const context = { repository, reference: digest };
    const first = this.#transport.url(`/v2/${repository}/referrers/${digest}`);
    if (artifactType) {
      first.searchParams.set('artifactType', artifactType);
    }
    const descriptors: OciDescriptor[] = [];
    let firstPage = true;
    for await (const response of this.#pages(
      'referrers',
      first,
      pullScope(repository),
      OciMediaTypes.imageIndex,
      context,
      'the referrers list',
      signal,
    )) {
      if (firstPage && REFERRERS_UNSUPPORTED.has(response.status)) {
        return undefined;
      }
      firstPage = false;
      if (response.status !== 200) {
        throw this.#responseError(response, context, 'referrers list');
      }
      const parsed = this.#parse(response, context, 'referrers list');
      if (parsed.kind !== 'index') {
        throw this.#error(
          context,
          'invalid-response',
          `the referrers API answered with an image manifest instead of an index`,
        );
      }
      for (const descriptor of parsed.manifest.manifests) {
        // A registry may ignore the filter; only matching referrers are kept and counted.
        if (!artifactType || descriptor.artifactType === artifactType) {
          descriptors.push(descriptor);
          this.#checkReferrerCount(descriptors.length, context);
        }
      }
    }
    return { via: 'referrers-api', descriptors };
  }

  async #referrersFromTag(
    repository: string,
    digest: string,
    signal: AbortSignal | undefined,
  ): Promise<OciDescriptor[]> {
    const tag = referrersTagFor(digest);
    let index: OciManifestResult;
    try {
      index = await this.getManifest(repository, tag, { signal });
    } catch (error) {
      if (RegistryError.is(error, 'not-found')) {
        return [];
      }
      throw error;
    }
    if (index.kind !== 'index') {
      throw this.#error(
        { repository, reference: tag },
        'invalid-response',
        `the referrers tag holds an image manifest, not an index`,
      );
    }
    return index.manifest.manifests;
  }

  /** Refuses a referrers list longer than `limits.maxReferrers`, rather than cut it. */
  #checkReferrerCount(count: number, context: Context) {
    const max = this.#transport.registry.limits.maxReferrers;
    if (count > max) {
      throw this.#error(
        context,
        'too-large',
        `the referrers list has more than ${max} entries (limits.maxReferrers); refusing to use an incomplete list, which could leave out signatures and attestations`,
      );
    }
  }

  /** HEAD a tag. Returns undefined when the registry sends no usable digest header. */
  async #head(
    repository: string,
    tag: string,
    signal: AbortSignal | undefined,
  ): Promise<CachedTag | undefined> {
    const context = { repository, reference: tag };
    const response = await this.#transport.request({
      kind: 'manifest-head',
      method: 'HEAD',
      url: this.#transport.url(`/v2/${repository}/manifests/${tag}`),
      scope: pullScope(repository),
      accept: MANIFEST_ACCEPT,
      maxBytes: 0,
      signal,
      ...context,
    });
    if (response.status === 405 || response.status === 501) {
      // The registry does not answer HEAD; the caller falls back to GET.
      return undefined;
    }
    if (response.status !== 200) {
      throw this.#responseError(response, context, 'manifest');
    }
    const digest = response.headers.get('docker-content-digest')?.trim();
    if (!digest || !isOciDigest(digest)) {
      return undefined;
    }
    const length = Number(response.headers.get('content-length'));
    return {
      digest,
      mediaType:
        response.headers.get('content-type')?.split(';')[0].trim() ||
        OciMediaTypes.imageManifest,
      size: Number.isSafeInteger(length) && length >= 0 ? length : 0,
      checkedAt: Date.now(),
    };
  }

  async #manifestByDigest(
    repository: string,
    digest: string,
    signal: AbortSignal | undefined,
  ): Promise<OciManifestResult> {
    return (
      (await this.#fromCache(repository, digest, digest)) ??
      this.#fetchManifest(repository, digest, signal)
    );
  }

  /** GET a manifest by tag or digest, verify it and cache it. */
  async #fetchManifest(
    repository: string,
    reference: string,
    signal: AbortSignal | undefined,
  ): Promise<OciManifestResult> {
    const context = { repository, reference };
    const response = await this.#transport.request({
      kind: 'manifest',
      method: 'GET',
      url: this.#transport.url(`/v2/${repository}/manifests/${reference}`),
      scope: pullScope(repository),
      accept: MANIFEST_ACCEPT,
      maxBytes: this.#transport.registry.limits.maxManifestBytes,
      signal,
      ...context,
    });
    if (response.status !== 200) {
      throw this.#responseError(response, context, 'manifest');
    }
    const computed = sha256Digest(response.body);
    const byDigest = isOciDigest(reference);
    if (byDigest && !digestMatches(response.body, reference)) {
      throw this.#error(
        context,
        'digest-mismatch',
        `the manifest received hashes to ${computed}, not to the digest it was fetched by`,
        response.url.host,
      );
    }
    const header = response.headers.get('docker-content-digest')?.trim();
    if (!byDigest && header) {
      if (!isOciDigest(header) || !digestMatches(response.body, header)) {
        throw this.#error(
          context,
          'digest-mismatch',
          `the manifest received hashes to ${computed}, but the registry announced ${header.slice(
            0,
            140,
          )} (Docker-Content-Digest)`,
          response.url.host,
        );
      }
    }
    const digest = byDigest ? reference : computed;
    const parsed = this.#parse(response, context, 'manifest');
    await this.#cache.setManifest(repository, digest, {
      mediaType: parsed.mediaType,
      raw: parsed.raw,
    });
    if (!byDigest) {
      await this.#cache.setTag(repository, reference, {
        digest,
        mediaType: parsed.mediaType,
        size: response.body.byteLength,
        checkedAt: Date.now(),
      });
    }
    return this.#result(repository, reference, digest, parsed);
  }

  #parse(
    response: TransportResponse,
    context: Context,
    what: string,
  ): ParsedManifest & { raw: string } {
    let raw: string;
    try {
      raw = UTF8.decode(response.body);
    } catch {
      throw this.#error(
        context,
        'invalid-response',
        `the ${what} is not valid UTF-8`,
        response.url.host,
      );
    }
    try {
      return {
        ...parseManifest(
          raw,
          response.headers.get('content-type') ?? undefined,
        ),
        raw,
      };
    } catch (error) {
      if (error instanceof ManifestParseError) {
        throw this.#error(
          context,
          error.reason,
          `the ${what} is unusable: ${error.message}`,
          response.url.host,
        );
      }
      throw error;
    }
  }

  /** A result from cached content, or undefined when the content is not cached (or unusable). */
  async #fromCache(
    repository: string,
    reference: string,
    digest: string,
  ): Promise<OciManifestResult | undefined> {
    const content = await this.#cache.getManifest(repository, digest);
    if (!content) {
      return undefined;
    }
    try {
      const parsed = parseManifest(content.raw, content.mediaType);
      return this.#result(repository, reference, digest, {
        ...parsed,
        raw: content.raw,
      });
    } catch {
      return undefined;
    }
  }

  #result(
    repository: string,
    reference: string,
    digest: string,
    parsed: ParsedManifest & { raw: string },
  ): OciManifestResult {
    const base = {
      source: this.name,
      repository,
      reference,
      digest,
      mediaType: parsed.mediaType,
      size: Buffer.byteLength(parsed.raw, 'utf8'),
      raw: parsed.raw,
    };
    return parsed.kind === 'image'
      ? { ...base, kind: 'image', manifest: parsed.manifest }
      : { ...base, kind: 'index', manifest: parsed.manifest };
  }

  async #list(options: {
    kind: RegistryRequestKind;
    path: string;
    scope: string;
    field: 'repositories' | 'tags';
    what: string;
    isValid: (value: string) => boolean;
    /** Most items kept. */
    cap: number;
    /**
     * What a listing longer than `cap` gives: its first `cap` items marked `truncated`, or a
     * `too-large` error when an incomplete listing would be taken for a complete one.
     */
    beyondCap: 'truncate' | 'fail';
    /** The config key of the cap, for messages. */
    limitKey: string;
    context: Context;
    signal?: AbortSignal;
  }): Promise<{ items: string[]; truncated: boolean }> {
    const { context } = options;
    const first = this.#transport.url(options.path);
    first.searchParams.set(
      'n',
      String(this.#transport.registry.limits.pageSize),
    );
    const items: string[] = [];
    let dropped = 0;
    let truncated = false;
    for await (const response of this.#pages(
      options.kind,
      first,
      options.scope,
      'application/json',
      context,
      options.what,
      options.signal,
    )) {
      if (response.status !== 200) {
        throw this.#responseError(response, context, options.what);
      }
      let overflow = false;
      for (const value of this.#listField(response, options)) {
        if (typeof value !== 'string' || !options.isValid(value)) {
          dropped += 1;
        } else if (items.length < options.cap) {
          items.push(value);
        } else {
          overflow = true;
          break;
        }
      }
      if (overflow && options.beyondCap === 'fail') {
        throw this.#error(
          context,
          'too-large',
          `${options.what} has more than ${options.cap} entries (${options.limitKey}); refusing to use an incomplete listing`,
          response.url.host,
        );
      }
      if (overflow) {
        truncated = true;
        break;
      }
      if (items.length >= options.cap && options.beyondCap === 'truncate') {
        truncated = this.#hasNextPage(response, context);
        break;
      }
    }
    if (dropped > 0) {
      this.#logger.warn(
        `Registry "${this.name}" (${this.host}): ignored ${dropped} malformed entries in ${options.what}`,
      );
    }
    return { items, truncated };
  }

  #hasNextPage(response: TransportResponse, context: Context): boolean {
    try {
      return (
        nextPageUrl(response.headers.get('link'), response.url) !== undefined
      );
    } catch (error) {
      throw this.#error(
        context,
        'invalid-response',
        (error as Error).message,
        response.url.host,
      );
    }
  }

  #listField(
    response: TransportResponse,
    options: { field: string; what: string; context: Context },
  ): unknown[] {
    let json: unknown;
    try {
      json = JSON.parse(decode(response.body));
    } catch {
      throw this.#error(
        options.context,
        'invalid-response',
        `${options.what} is not valid JSON`,
        response.url.host,
      );
    }
    const values =
      typeof json === 'object' && json !== null
        ? (json as Record<string, unknown>)[options.field]
        : undefined;
    if (values === null || values === undefined) {
      return [];
    }
    if (!Array.isArray(values)) {
      throw this.#error(
        options.context,
        'invalid-response',
        `${options.what} has no "${options.field}" array`,
        response.url.host,
      );
    }
    return values;
  }

  #pages(
    kind: RegistryRequestKind,
    first: URL,
    scope: string,
    accept: string,
    context: Context,
    what: string,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<TransportResponse> {
    const limits = this.#transport.registry.limits;
    return walkPages({
      first,
      maxPages: limits.maxPages,
      what,
      fetch: url =>
        this.#transport.request({
          kind,
          method: 'GET',
          url,
          scope,
          accept,
          maxBytes: limits.maxManifestBytes,
          signal,
          ...context,
        }),
      fail: (reason, detail, host) =>
        this.#error(context, reason, detail, host),
    });
  }

  #responseError(
    response: TransportResponse,
    context: Context,
    what: string,
  ): RegistryError {
    return errorForResponse(this.#transport.registry, response, context, what);
  }

  #error(
    context: Context,
    reason: RegistryErrorReason,
    detail: string,
    host = this.host,
  ): RegistryError {
    return new RegistryError({
      reason,
      registry: this.name,
      host,
      detail,
      ...context,
    });
  }

  #checkRepository(repository: string) {
    if (typeof repository !== 'string' || !isOciRepositoryName(repository)) {
      throw this.#error(
        {},
        'invalid-argument',
        `"${String(repository).slice(
          0,
          300,
        )}" is not a valid repository name (lowercase path components separated by '/')`,
      );
    }
  }

  #checkTag(repository: string, tag: string) {
    if (typeof tag !== 'string' || !isOciTag(tag)) {
      throw this.#error(
        { repository },
        'invalid-argument',
        `"${String(tag).slice(
          0,
          200,
        )}" is neither a valid tag nor a sha256/sha512 digest`,
      );
    }
  }

  #checkDigest(repository: string, digest: string) {
    if (typeof digest !== 'string' || !isOciDigest(digest)) {
      throw this.#error(
        { repository },
        'invalid-argument',
        `"${String(digest).slice(0, 200)}" is not a sha256 or sha512 digest`,
      );
    }
  }
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function toDescriptor(entry: CachedTag): OciDescriptor {
  return { mediaType: entry.mediaType, digest: entry.digest, size: entry.size };
}

function decode(body: Buffer): string {
  return UTF8.decode(body);
}
