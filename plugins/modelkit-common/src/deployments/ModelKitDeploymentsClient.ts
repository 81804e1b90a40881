import { ResponseError } from '@backstage/errors';
import type {
  ModelKitClientDiscovery,
  ModelKitClientFetch,
  ModelKitEntityName,
} from '../api/ModelKitClient';
import type {
  ComponentDeploymentsResponse,
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
  ModelKitDeploymentsResponse,
} from './types';

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
  readonly #discoveryApi: ModelKitClientDiscovery;
  readonly #fetchApi: ModelKitClientFetch;

  constructor(options: {
    discoveryApi: ModelKitClientDiscovery;
    fetchApi: ModelKitClientFetch;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /** {@inheritdoc ModelKitDeploymentsApi.getComponentDeployments} */
  async getComponentDeployments(
    entity: ModelKitEntityName,
  ): Promise<ComponentDeploymentsResponse> {
    return this.#get(`/deployments/components/${entityPath(entity)}`);
  }

  /** {@inheritdoc ModelKitDeploymentsApi.getModelKitDeployments} */
  async getModelKitDeployments(
    entity: ModelKitEntityName,
  ): Promise<ModelKitDeploymentsResponse> {
    return this.#get(`/deployments/modelkits/${entityPath(entity)}`);
  }

  /** {@inheritdoc ModelKitDeploymentsApi.getFleetDeployments} */
  async getFleetDeployments(
    query: FleetDeploymentsQuery = {},
  ): Promise<FleetDeploymentsResponse> {
    const params = new URLSearchParams();
    for (const owner of query.owner ?? []) params.append('owner', owner);
    for (const system of query.system ?? []) params.append('system', system);
    for (const status of query.status ?? []) params.append('status', status);
    return this.#get('/deployments/fleet', params);
  }

  async #get<T>(path: string, query?: URLSearchParams): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('modelkit');
    const qs = query && [...query.keys()].length ? `?${query}` : '';
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}${qs}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entity: ModelKitEntityName): string {
  return `${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
    entity.name,
  )}`;
}
