import { ResponseError } from '@backstage/errors';
import { isStrongEtag, KeptAnswers } from './KeptAnswers';
import type {
  ModelKitClientDiscovery,
  ModelKitClientFetch,
  ModelKitEntityName,
} from './types';

/** The Backstage APIs a client of the `modelkit` backend sends its requests through. */
export interface ModelKitBackendApis {
  /** Finds the base URL of the `modelkit` backend plugin. */
  discoveryApi: ModelKitClientDiscovery;
  /** Sends the requests, with the user's token. */
  fetchApi: ModelKitClientFetch;
  /**
   * The client's last answers with a strong ETag, per URL: with them, a GET is sent with
   * `If-None-Match` and a 304 answer returns the kept body. Without, every GET is plain.
   */
  kept?: KeptAnswers;
}

/**
 * The APIs of a client's options, copied so that later changes to the options do not count,
 * with answers kept for conditional GETs of this client alone.
 */
export function backendApisOf(
  options: Pick<ModelKitBackendApis, 'discoveryApi' | 'fetchApi'>,
): ModelKitBackendApis {
  return {
    discoveryApi: options.discoveryApi,
    fetchApi: options.fetchApi,
    kept: new KeptAnswers(),
  };
}

/** How {@link requestModelKitBackend} sends one request. */
export interface ModelKitBackendRequest {
  /** Query parameters; left out of the URL when there are none. */
  query?: URLSearchParams;
  /** Method, headers and body; a plain GET when absent. */
  init?: RequestInit;
}

/** The request with `If-None-Match` added, unless the caller sends its own. */
function conditional(
  init: RequestInit | undefined,
  etag: string,
): RequestInit | undefined {
  const headers = new Headers(init?.headers);
  if (headers.has('if-none-match')) return undefined;
  headers.set('if-none-match', etag);
  return { ...init, headers };
}

/**
 * Sends one request to a route of the `modelkit` backend plugin and returns its JSON answer.
 *
 * @remarks
 * The URL is the plugin's base URL from discovery, then `path` (already encoded), then the
 * query when it has any parameter. An answer that is not OK is thrown as a `ResponseError`
 * carrying the backend's error body.
 *
 * A GET is conditional when the client keeps answers (`apis.kept`, see
 * {@link backendApisOf}): an answer with a strong `ETag` (a route that revalidates, such as
 * the fleet matrix) is kept per URL, the next GET of that URL sends `If-None-Match` with it,
 * and a 304 answer returns the kept body itself, the same object as before. An answer without
 * a strong ETag forgets what was kept for its URL.
 */
export async function requestModelKitBackend<T>(
  apis: ModelKitBackendApis,
  path: string,
  request: ModelKitBackendRequest = {},
): Promise<T> {
  const baseUrl = await apis.discoveryApi.getBaseUrl('modelkit');
  const { query } = request;
  const qs = query && [...query.keys()].length ? `?${query}` : '';
  const url = `${baseUrl}${path}${qs}`;
  const get = (request.init?.method ?? 'GET').toUpperCase() === 'GET';
  const kept = get ? apis.kept?.get(url) : undefined;
  const init = kept
    ? conditional(request.init, kept.etag) ?? request.init
    : request.init;
  const response = await (init
    ? apis.fetchApi.fetch(url, init)
    : apis.fetchApi.fetch(url));
  if (response.status === 304 && kept && init !== request.init) {
    await response.text();
    return kept.body as T;
  }
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  const body = (await response.json()) as T;
  if (get && apis.kept) {
    // A fetch API stand-in may answer without headers: then nothing is kept.
    const etag = response.headers?.get('etag') ?? null;
    if (isStrongEtag(etag)) {
      apis.kept.keep(url, { etag, body });
    } else {
      apis.kept.forget(url);
    }
  }
  return body;
}

/** An entity's `namespace/name` as two encoded path segments. */
export function encodeEntityName(entity: ModelKitEntityName): string {
  return `${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
    entity.name,
  )}`;
}
