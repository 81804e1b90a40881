import {
  ModelKitDeploymentsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import { useDeploymentsRequest } from './requests';

/**
 * The state of a request for where each version of a ModelKit runs.
 *
 * @public
 */
export interface ModelKitDeploymentsState {
  /** True while the deployments load, also when they load again. */
  loading: boolean;
  /** Why the deployments failed to load. */
  error?: Error;
  /** The running versions and the clusters read; kept while a refresh loads. */
  value?: ModelKitDeploymentsResponse;
  /** Loads the deployments again. */
  retry(): void;
}

/**
 * Loads where each version of a ModelKit runs through the deployments API.
 *
 * @param entity - The ModelKit entity.
 * @public
 */
export function useModelKitDeployments(
  entity: ModelKitEntityName,
): ModelKitDeploymentsState {
  return useDeploymentsRequest('getModelKitDeployments', entity);
}
