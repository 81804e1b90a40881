import { ResponseError } from '@backstage/errors';
import type {
  ModelKitClientDiscovery,
  ModelKitClientFetch,
  ModelKitEntityName,
} from '../api/ModelKitClient';
import type { ComponentLiveMetricsResponse } from './types';

/**
 * The live metrics part of the Kitstage backend API. The browser never talks to Prometheus.
 *
 * @public
 */
export interface ModelKitMetricsApi {
  /** Live metrics of every ModelKit version a Component runs. */
  getComponentLiveMetrics(
    entity: ModelKitEntityName,
  ): Promise<ComponentLiveMetricsResponse>;
}

/**
 * Typed HTTP client for the live metrics routes of the `modelkit` backend plugin
 * (`/api/modelkit/metrics/...`).
 *
 * @public
 */
export class ModelKitMetricsClient implements ModelKitMetricsApi {
  readonly #discoveryApi: ModelKitClientDiscovery;
  readonly #fetchApi: ModelKitClientFetch;

  constructor(options: {
    discoveryApi: ModelKitClientDiscovery;
    fetchApi: ModelKitClientFetch;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /** {@inheritdoc ModelKitMetricsApi.getComponentLiveMetrics} */
  async getComponentLiveMetrics(
    entity: ModelKitEntityName,
  ): Promise<ComponentLiveMetricsResponse> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('modelkit');
    const response = await this.#fetchApi.fetch(
      `${baseUrl}/metrics/components/${encodeURIComponent(
        entity.namespace,
      )}/${encodeURIComponent(entity.name)}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as ComponentLiveMetricsResponse;
  }
}
