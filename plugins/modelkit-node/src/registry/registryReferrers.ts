import { referrersTagFor } from './digest';
import { RegistryError } from './errors';
import { OciMediaTypes } from './manifest';
import { pullScope, RegistryClientContext } from './registryClientContext';
import {
  getRegistryManifest,
  parseManifestResponse,
} from './registryManifests';
import { RequestSubject } from './transportTypes';
import {
  OciDescriptor,
  OciManifestResult,
  OciReferrers,
  OciReferrersOptions,
} from './types';

const REFERRERS_UNSUPPORTED = new Set([404, 405, 501]);

/**
 * Lists the referrers of a manifest: from the cache, else from the OCI 1.1 referrers API,
 * else from the referrers tag schema. Refuses (rather than cuts) a list longer than
 * `limits.maxReferrers` after the artifact type filter.
 *
 * @internal
 */
export async function getRegistryReferrers(
  ctx: RegistryClientContext,
  repository: string,
  digest: string,
  options?: OciReferrersOptions,
): Promise<OciReferrers> {
  ctx.checkRepository(repository);
  ctx.checkDigest(repository, digest);
  const artifactType = options?.artifactType;
  const cached = await ctx.cache.getReferrers(repository, digest, artifactType);
  if (
    cached &&
    cached.descriptors.length <= ctx.transport.registry.limits.maxReferrers
  ) {
    return { subject: digest, ...cached };
  }
  let result:
    | { via: 'referrers-api' | 'tag-schema'; descriptors: OciDescriptor[] }
    | undefined = await referrersFromApi(
    ctx,
    repository,
    digest,
    artifactType,
    options?.signal,
  );
  if (!result) {
    result = {
      via: 'tag-schema',
      descriptors: await referrersFromTag(
        ctx,
        repository,
        digest,
        options?.signal,
      ),
    };
  }
  const descriptors = artifactType
    ? result.descriptors.filter(d => d.artifactType === artifactType)
    : result.descriptors;
  checkReferrerCount(ctx, descriptors.length, {
    repository,
    reference: digest,
  });
  await ctx.cache.setReferrers(repository, digest, artifactType, {
    descriptors,
    via: result.via,
  });
  return { subject: digest, descriptors, via: result.via };
}

async function referrersFromApi(
  ctx: RegistryClientContext,
  repository: string,
  digest: string,
  artifactType: string | undefined,
  signal: AbortSignal | undefined,
): Promise<{ via: 'referrers-api'; descriptors: OciDescriptor[] } | undefined> {
  const context = { repository, reference: digest };
  const first = ctx.transport.url(`/v2/${repository}/referrers/${digest}`);
  if (artifactType) {
    first.searchParams.set('artifactType', artifactType);
  }
  const descriptors: OciDescriptor[] = [];
  let firstPage = true;
  for await (const response of ctx.pages(
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
      throw ctx.responseError(response, context, 'referrers list');
    }
    const parsed = parseManifestResponse(
      ctx,
      response,
      context,
      'referrers list',
    );
    if (parsed.kind !== 'index') {
      throw ctx.error(
        context,
        'invalid-response',
        `the referrers API answered with an image manifest instead of an index`,
      );
    }
    for (const descriptor of parsed.manifest.manifests) {
      // A registry may ignore the filter; only matching referrers are kept and counted.
      if (!artifactType || descriptor.artifactType === artifactType) {
        descriptors.push(descriptor);
        checkReferrerCount(ctx, descriptors.length, context);
      }
    }
  }
  return { via: 'referrers-api', descriptors };
}

async function referrersFromTag(
  ctx: RegistryClientContext,
  repository: string,
  digest: string,
  signal: AbortSignal | undefined,
): Promise<OciDescriptor[]> {
  const tag = referrersTagFor(digest);
  let index: OciManifestResult;
  try {
    index = await getRegistryManifest(ctx, repository, tag, signal);
  } catch (error) {
    if (RegistryError.is(error, 'not-found')) {
      return [];
    }
    throw error;
  }
  if (index.kind !== 'index') {
    throw ctx.error(
      { repository, reference: tag },
      'invalid-response',
      `the referrers tag holds an image manifest, not an index`,
    );
  }
  return index.manifest.manifests;
}

/** Refuses a referrers list longer than `limits.maxReferrers`, rather than cut it. */
function checkReferrerCount(
  ctx: RegistryClientContext,
  count: number,
  context: RequestSubject,
) {
  const max = ctx.transport.registry.limits.maxReferrers;
  if (count > max) {
    throw ctx.error(
      context,
      'too-large',
      `the referrers list has more than ${max} entries (limits.maxReferrers); refusing to use an incomplete list, which could leave out signatures and attestations`,
    );
  }
}
