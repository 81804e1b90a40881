import { ModelKitBackendClient } from '../client/ModelKitBackendClient';
import { encodeEntityName } from '../client/request';
import type { ModelKitEntityName } from '../client/types';
import type { ComponentDeploymentsResponse } from './componentDeploymentTypes';
import type {
  DeliveryActionRequest,
  DeliveryActionResponse,
} from './deliveryActionTypes';
import type {
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
} from './fleetTypes';
import type { ModelKitDeploymentsResponse } from './modelKitDeploymentTypes';

/**
 * The deployment health part of the Kitstage backend API, as the frontend uses it.
 *
 * @public
 */
export interface ModelKitDeploymentsApi {
  /** Where a Component runs: one card per cluster. */
  getComponentDeployments(
    entity: ModelKitEntityName,
  ): Promise<ComponentDeploymentsResponse>;
  /** Where each version of a ModelKit runs. */
  getModelKitDeployments(
    entity: ModelKitEntityName,
  ): Promise<ModelKitDeploymentsResponse>;
  /** One page of the services × clusters matrix, filtered, with the counts of all pages. */
  getFleetDeployments(
    query?: FleetDeploymentsQuery,
  ): Promise<FleetDeploymentsResponse>;
  /**
   * Acts on one delivery object (Flux reconcile, suspend, resume; Argo CD refresh, sync) of a
   * Component on one cluster.
   */
  runDeliveryAction(
    component: ModelKitEntityName,
    request: DeliveryActionRequest,
  ): Promise<DeliveryActionResponse>;
}

/**
 * Typed HTTP client for the deployment routes of the `modelkit` backend plugin
 * (`/api/modelkit/deployments/...`).
 *
 * @public
 */
export class ModelKitDeploymentsClient
  extends ModelKitBackendClient
  implements ModelKitDeploymentsApi
{
  /** {@inheritdoc ModelKitDeploymentsApi.getComponentDeployments} */
  async getComponentDeployments(
    entity: ModelKitEntityName,
  ): Promise<ComponentDeploymentsResponse> {
    return this.get(`/deployments/components/${encodeEntityName(entity)}`);
  }

  /** {@inheritdoc ModelKitDeploymentsApi.getModelKitDeployments} */
  async getModelKitDeployments(
    entity: ModelKitEntityName,
  ): Promise<ModelKitDeploymentsResponse> {
    return this.get(`/deployments/modelkits/${encodeEntityName(entity)}`);
  }

  /** {@inheritdoc ModelKitDeploymentsApi.getFleetDeployments} */
  async getFleetDeployments(
    query: FleetDeploymentsQuery = {},
  ): Promise<FleetDeploymentsResponse> {
    const params = new URLSearchParams();
    for (const owner of query.owner ?? []) params.append('owner', owner);
    for (const system of query.system ?? []) params.append('system', system);
    for (const status of query.status ?? []) params.append('status', status);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    return this.get('/deployments/fleet', params);
  }

  /** {@inheritdoc ModelKitDeploymentsApi.runDeliveryAction} */
  async runDeliveryAction(
    component: ModelKitEntityName,
    request: DeliveryActionRequest,
  ): Promise<DeliveryActionResponse> {
    return this.post(
      `/deployments/components/${encodeEntityName(component)}/actions`,
      request,
    );
  }
}
