import { digestMatches, sha256Digest } from './digest';
import { pullScope, RegistryClientContext } from './registryClientContext';
import { OciBlobOptions, OciDescriptor } from './types';

/**
 * Reads a blob into memory within its size cap, from the cache when it is there, and
 * verifies its size (when a descriptor is given) and digest before caching it.
 *
 * @internal
 */
export async function getRegistryBlob(
  ctx: RegistryClientContext,
  repository: string,
  blob: string | OciDescriptor,
  options?: OciBlobOptions,
): Promise<Buffer> {
  ctx.checkRepository(repository);
  const digest = typeof blob === 'string' ? blob : blob.digest;
  const size = typeof blob === 'string' ? undefined : blob.size;
  ctx.checkDigest(repository, digest);
  const context = { repository, reference: digest };
  const maxBytes =
    options?.maxBytes ?? ctx.transport.registry.limits.maxBlobBytes;
  if (size !== undefined && size > maxBytes) {
    throw ctx.error(
      context,
      'too-large',
      `the blob is ${size} bytes, more than the ${maxBytes} allowed`,
    );
  }
  const cached = await ctx.cache.getBlob(repository, digest);
  if (cached && (size === undefined || cached.byteLength === size)) {
    return cached;
  }
  const response = await ctx.transport.request({
    kind: 'blob',
    method: 'GET',
    url: ctx.transport.url(`/v2/${repository}/blobs/${digest}`),
    scope: pullScope(repository),
    maxBytes,
    signal: options?.signal,
    ...context,
  });
  if (response.status !== 200) {
    throw ctx.responseError(response, context, 'blob');
  }
  const data = response.body;
  if (size !== undefined && data.byteLength !== size) {
    throw ctx.error(
      context,
      'size-mismatch',
      `the blob has ${data.byteLength} bytes but its descriptor says ${size}`,
      response.url.host,
    );
  }
  if (!digestMatches(data, digest)) {
    throw ctx.error(
      context,
      'digest-mismatch',
      `the blob received hashes to ${sha256Digest(
        data,
      )}, not to the digest it was fetched by`,
      response.url.host,
    );
  }
  await ctx.cache.setBlob(repository, digest, data);
  return data;
}
