import { CachedTag } from './cache';
import {
  decodeManifest,
  DecodedManifest,
  toManifestResult,
} from './decodeManifest';
import { digestMatches, isOciDigest, sha256Digest } from './digest';
import { MANIFEST_ACCEPT, OciMediaTypes, parseManifest } from './manifest';
import { pullScope, RegistryClientContext } from './registryClientContext';
import { RequestSubject, TransportResponse } from './transportTypes';
import { OciDescriptor, OciManifestResult } from './types';

/**
 * Resolves a tag to its manifest descriptor: from a fresh cache entry, else with a `HEAD`
 * request, else by fetching the manifest.
 *
 * @internal
 */
export async function resolveRegistryTag(
  ctx: RegistryClientContext,
  repository: string,
  tag: string,
  signal: AbortSignal | undefined,
): Promise<OciDescriptor> {
  ctx.checkRepository(repository);
  ctx.checkTag(repository, tag);
  const cached = await ctx.cache.getTag(repository, tag);
  if (cached && ctx.cache.isFresh(cached)) {
    return toDescriptor(cached);
  }
  const head = await headTag(ctx, repository, tag, signal);
  if (head) {
    await ctx.cache.setTag(repository, tag, head);
    return toDescriptor(head);
  }
  const manifest = await fetchManifest(ctx, repository, tag, signal);
  return {
    mediaType: manifest.mediaType,
    digest: manifest.digest,
    size: manifest.size,
  };
}

/**
 * Reads a manifest by tag or digest. Content by digest comes from the cache when it is there;
 * a cached tag whose entry is no longer fresh is checked with a `HEAD` request before its
 * cached content is used.
 *
 * @internal
 */
export async function getRegistryManifest(
  ctx: RegistryClientContext,
  repository: string,
  reference: string,
  signal: AbortSignal | undefined,
): Promise<OciManifestResult> {
  ctx.checkRepository(repository);
  if (isOciDigest(reference)) {
    return manifestByDigest(ctx, repository, reference, signal);
  }
  ctx.checkTag(repository, reference);
  const entry = await ctx.cache.getTag(repository, reference);
  if (entry) {
    const cached = await fromCache(ctx, repository, reference, entry.digest);
    if (cached && ctx.cache.isFresh(entry)) {
      return cached;
    }
    if (cached) {
      // Known content: a HEAD request tells whether the tag still points at it.
      const head = await headTag(ctx, repository, reference, signal);
      if (head) {
        await ctx.cache.setTag(repository, reference, head);
        if (head.digest === entry.digest) {
          return cached;
        }
        const moved = await manifestByDigest(
          ctx,
          repository,
          head.digest,
          signal,
        );
        return { ...moved, reference };
      }
    }
  }
  return fetchManifest(ctx, repository, reference, signal);
}

/**
 * Decodes and parses a manifest or index response, turning failures into `RegistryError`s
 * on the host that answered.
 *
 * @param what - The document, for messages, e.g. `manifest` or `referrers list`.
 * @internal
 */
export function parseManifestResponse(
  ctx: RegistryClientContext,
  response: TransportResponse,
  context: RequestSubject,
  what: string,
): DecodedManifest {
  return decodeManifest(
    response.body,
    response.headers.get('content-type') ?? undefined,
    what,
    (reason, detail) => ctx.error(context, reason, detail, response.url.host),
  );
}

/** HEAD a tag. Returns undefined when the registry sends no usable digest header. */
async function headTag(
  ctx: RegistryClientContext,
  repository: string,
  tag: string,
  signal: AbortSignal | undefined,
): Promise<CachedTag | undefined> {
  const context = { repository, reference: tag };
  const response = await ctx.transport.request({
    kind: 'manifest-head',
    method: 'HEAD',
    url: ctx.transport.url(`/v2/${repository}/manifests/${tag}`),
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
    throw ctx.responseError(response, context, 'manifest');
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

async function manifestByDigest(
  ctx: RegistryClientContext,
  repository: string,
  digest: string,
  signal: AbortSignal | undefined,
): Promise<OciManifestResult> {
  return (
    (await fromCache(ctx, repository, digest, digest)) ??
    fetchManifest(ctx, repository, digest, signal)
  );
}

/** GET a manifest by tag or digest, verify it and cache it. */
async function fetchManifest(
  ctx: RegistryClientContext,
  repository: string,
  reference: string,
  signal: AbortSignal | undefined,
): Promise<OciManifestResult> {
  const context = { repository, reference };
  const response = await ctx.transport.request({
    kind: 'manifest',
    method: 'GET',
    url: ctx.transport.url(`/v2/${repository}/manifests/${reference}`),
    scope: pullScope(repository),
    accept: MANIFEST_ACCEPT,
    maxBytes: ctx.transport.registry.limits.maxManifestBytes,
    signal,
    ...context,
  });
  if (response.status !== 200) {
    throw ctx.responseError(response, context, 'manifest');
  }
  const computed = sha256Digest(response.body);
  const byDigest = isOciDigest(reference);
  if (byDigest && !digestMatches(response.body, reference)) {
    throw ctx.error(
      context,
      'digest-mismatch',
      `the manifest received hashes to ${computed}, not to the digest it was fetched by`,
      response.url.host,
    );
  }
  const header = response.headers.get('docker-content-digest')?.trim();
  if (!byDigest && header) {
    if (!isOciDigest(header) || !digestMatches(response.body, header)) {
      throw ctx.error(
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
  const parsed = parseManifestResponse(ctx, response, context, 'manifest');
  await ctx.cache.setManifest(repository, digest, {
    mediaType: parsed.mediaType,
    raw: parsed.raw,
  });
  if (!byDigest) {
    await ctx.cache.setTag(repository, reference, {
      digest,
      mediaType: parsed.mediaType,
      size: response.body.byteLength,
      checkedAt: Date.now(),
    });
  }
  return result(ctx, repository, reference, digest, parsed);
}

/** A result from cached content, or undefined when the content is not cached (or unusable). */
async function fromCache(
  ctx: RegistryClientContext,
  repository: string,
  reference: string,
  digest: string,
): Promise<OciManifestResult | undefined> {
  const content = await ctx.cache.getManifest(repository, digest);
  if (!content) {
    return undefined;
  }
  try {
    const parsed = parseManifest(content.raw, content.mediaType);
    return result(ctx, repository, reference, digest, {
      ...parsed,
      raw: content.raw,
    });
  } catch {
    return undefined;
  }
}

function result(
  ctx: RegistryClientContext,
  repository: string,
  reference: string,
  digest: string,
  parsed: DecodedManifest,
): OciManifestResult {
  return toManifestResult(
    {
      source: ctx.name,
      repository,
      reference,
      digest,
      size: Buffer.byteLength(parsed.raw, 'utf8'),
    },
    parsed,
  );
}

function toDescriptor(entry: CachedTag): OciDescriptor {
  return { mediaType: entry.mediaType, digest: entry.digest, size: entry.size };
}
