import {
  backendApisOf,
  encodeEntityName,
  ModelKitBackendApis,
  requestModelKitBackend,
} from '../client/request';
import type {
  ModelKitClientOptions,
  ModelKitEntityName,
} from '../client/types';
import type { ComponentDeploymentsResponse } from './componentDeploymentTypes';
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
  /** The services × clusters matrix, filtered. */
  getFleetDeployments(
    query?: FleetDeploymentsQuery,
  ): Promise<FleetDeploymentsResponse>;
}

/**
 * Typed HTTP client for the deployment routes of the `modelkit` backend plugin
 * (`/api/modelkit/deployments/...`).
 *
 * @public
 */
export class ModelKitDeploymentsClient implements ModelKitDeploymentsApi {
  readonly #apis: ModelKitBackendApis;

  constructor(options: ModelKitClientOptions) {
    this.#apis = backendApisOf(options);
  }

  /** {@inheritdoc ModelKitDeploymentsApi.getComponentDeployments} */
  async getComponentDeployments(
    entity: ModelKitEntityName,
  ): Promise<ComponentDeploymentsResponse> {
    return requestModelKitBackend(
      this.#apis,
      `/deployments/components/${encodeEntityName(entity)}`,
    );
  }

  /** {@inheritdoc ModelKitDeploymentsApi.getModelKitDeployments} */
  async getModelKitDeployments(
    entity: ModelKitEntityName,
  ): Promise<ModelKitDeploymentsResponse> {
    return requestModelKitBackend(
      this.#apis,
      `/deployments/modelkits/${encodeEntityName(entity)}`,
    );
  }

  /** {@inheritdoc ModelKitDeploymentsApi.getFleetDeployments} */
  async getFleetDeployments(
    query: FleetDeploymentsQuery = {},
  ): Promise<FleetDeploymentsResponse> {
    const params = new URLSearchParams();
    for (const owner of query.owner ?? []) params.append('owner', owner);
    for (const system of query.system ?? []) params.append('system', system);
    for (const status of query.status ?? []) params.append('status', status);
    return requestModelKitBackend(this.#apis, '/deployments/fleet', {
      query: params,
    });
  }
}
