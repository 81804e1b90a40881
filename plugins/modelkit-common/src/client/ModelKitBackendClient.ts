import {
  backendApisOf,
  ModelKitBackendApis,
  requestModelKitBackend,
} from './request';
import type { ModelKitClientOptions } from './types';

/**
 * What every Kitstage HTTP client is built on: requests to the routes of the `modelkit`
 * backend plugin through Backstage's discovery and fetch APIs.
 *
 * @remarks
 * A GET whose last answer carried a strong `ETag` (such as the fleet matrix) is sent with
 * `If-None-Match`, and a 304 answer returns the kept answer. An answer that is not OK is
 * thrown as a `ResponseError` carrying the backend's error body.
 *
 * @public
 */
export abstract class ModelKitBackendClient {
  readonly #apis: ModelKitBackendApis;

  constructor(options: ModelKitClientOptions) {
    this.#apis = backendApisOf(options);
  }

  /**
   * GETs a route (`path` already encoded, below the plugin's base URL) and returns its JSON
   * answer; the query is left out when it has no parameter.
   */
  protected get<T>(path: string, query?: URLSearchParams): Promise<T> {
    return requestModelKitBackend<T>(this.#apis, path, { query });
  }

  /** POSTs a JSON body to a route and returns its JSON answer. */
  protected post<T>(path: string, body: unknown): Promise<T> {
    return requestModelKitBackend<T>(this.#apis, path, {
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    });
  }
}
