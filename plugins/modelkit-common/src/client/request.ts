import { ResponseError } from '@backstage/errors';
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
}

/** The APIs of a client's options, copied so that later changes to the options do not count. */
export function backendApisOf(
  options: ModelKitBackendApis,
): ModelKitBackendApis {
  return { discoveryApi: options.discoveryApi, fetchApi: options.fetchApi };
}

/** How {@link requestModelKitBackend} sends one request. */
export interface ModelKitBackendRequest {
  /** Query parameters; left out of the URL when there are none. */
  query?: URLSearchParams;
  /** Method, headers and body; a plain GET when absent. */
  init?: RequestInit;
}

/**
 * Sends one request to a route of the `modelkit` backend plugin and returns its JSON answer.
 *
 * @remarks
 * The URL is the plugin's base URL from discovery, then `path` (already encoded), then the
 * query when it has any parameter. An answer that is not OK is thrown as a `ResponseError`
 * carrying the backend's error body.
 */
export async function requestModelKitBackend<T>(
  apis: ModelKitBackendApis,
  path: string,
  request: ModelKitBackendRequest = {},
): Promise<T> {
  const baseUrl = await apis.discoveryApi.getBaseUrl('modelkit');
  const { query, init } = request;
  const qs = query && [...query.keys()].length ? `?${query}` : '';
  const url = `${baseUrl}${path}${qs}`;
  const response = await (init
    ? apis.fetchApi.fetch(url, init)
    : apis.fetchApi.fetch(url));
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return (await response.json()) as T;
}

/** An entity's `namespace/name` as two encoded path segments. */
export function encodeEntityName(entity: ModelKitEntityName): string {
  return `${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
    entity.name,
  )}`;
}
