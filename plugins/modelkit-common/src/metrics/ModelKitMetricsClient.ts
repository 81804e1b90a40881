import { ModelKitBackendClient } from '../client/ModelKitBackendClient';
import { encodeEntityName } from '../client/request';
import type { ModelKitEntityName } from '../client/types';
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
export class ModelKitMetricsClient
  extends ModelKitBackendClient
  implements ModelKitMetricsApi
{
  /** {@inheritdoc ModelKitMetricsApi.getComponentLiveMetrics} */
  async getComponentLiveMetrics(
    entity: ModelKitEntityName,
  ): Promise<ComponentLiveMetricsResponse> {
    return this.get(`/metrics/components/${encodeEntityName(entity)}`);
  }
}
