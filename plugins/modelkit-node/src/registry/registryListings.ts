import { isOciRepositoryName, isOciTag } from './digest';
import { nextPageUrl } from './pagination';
import { pullScope, RegistryClientContext } from './registryClientContext';
import { RequestSubject, TransportResponse } from './transportTypes';
import { OciTagList, RegistryRequestKind } from './types';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Lists the repositories of the registry (`_catalog`), from the cache when it is there. A
 * catalog longer than `limits.maxRepositories` is refused, not cut.
 *
 * @internal
 */
export async function listRegistryRepositories(
  ctx: RegistryClientContext,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const limits = ctx.transport.registry.limits;
  const cached = await ctx.cache.getRepositories();
  // The cache may be shared and is not trusted to respect the limits.
  if (cached && cached.length <= limits.maxRepositories) {
    return cached;
  }
  const { items } = await list(ctx, {
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
    signal,
  });
  await ctx.cache.setRepositories(items);
  return items;
}

/**
 * Lists the tags of a repository, from the cache when it is there. A tag list longer than
 * `limits.maxTagsPerRepository` is cut and marked `truncated`, with a warning.
 *
 * @internal
 */
export async function listRegistryTags(
  ctx: RegistryClientContext,
  repository: string,
  signal: AbortSignal | undefined,
): Promise<OciTagList> {
  ctx.checkRepository(repository);
  const limits = ctx.transport.registry.limits;
  const cached = await ctx.cache.getTagList(repository);
  if (cached && cached.tags.length <= limits.maxTagsPerRepository) {
    return { repository, ...cached };
  }
  const { items, truncated } = await list(ctx, {
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
    signal,
  });
  if (truncated) {
    ctx.logger.warn(
      `Registry "${ctx.name}" (${ctx.host}), repository "${repository}": more than ${items.length} tags; only the first ${items.length} are used (limits.maxTagsPerRepository)`,
    );
  }
  await ctx.cache.setTagList(repository, { tags: items, truncated });
  return { repository, tags: items, truncated };
}

interface ListOptions {
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
  context: RequestSubject;
  signal?: AbortSignal;
}

async function list(
  ctx: RegistryClientContext,
  options: ListOptions,
): Promise<{ items: string[]; truncated: boolean }> {
  const { context } = options;
  const first = ctx.transport.url(options.path);
  first.searchParams.set('n', String(ctx.transport.registry.limits.pageSize));
  const items: string[] = [];
  let dropped = 0;
  let truncated = false;
  for await (const response of ctx.pages(
    options.kind,
    first,
    options.scope,
    'application/json',
    context,
    options.what,
    options.signal,
  )) {
    if (response.status !== 200) {
      throw ctx.responseError(response, context, options.what);
    }
    let overflow = false;
    for (const value of listField(ctx, response, options)) {
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
      throw ctx.error(
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
      truncated = hasNextPage(ctx, response, context);
      break;
    }
  }
  if (dropped > 0) {
    ctx.logger.warn(
      `Registry "${ctx.name}" (${ctx.host}): ignored ${dropped} malformed entries in ${options.what}`,
    );
  }
  return { items, truncated };
}

function hasNextPage(
  ctx: RegistryClientContext,
  response: TransportResponse,
  context: RequestSubject,
): boolean {
  try {
    return (
      nextPageUrl(response.headers.get('link'), response.url) !== undefined
    );
  } catch (error) {
    throw ctx.error(
      context,
      'invalid-response',
      (error as Error).message,
      response.url.host,
    );
  }
}

function listField(
  ctx: RegistryClientContext,
  response: TransportResponse,
  options: { field: string; what: string; context: RequestSubject },
): unknown[] {
  let json: unknown;
  try {
    json = JSON.parse(UTF8.decode(response.body));
  } catch {
    throw ctx.error(
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
    throw ctx.error(
      options.context,
      'invalid-response',
      `${options.what} has no "${options.field}" array`,
      response.url.host,
    );
  }
  return values;
}
