import {
  ComponentDeploymentsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import { useDeploymentsRequest } from './requests';

/**
 * The state of a request for where a Component runs.
 *
 * @public
 */
export interface ComponentDeploymentsState {
  /** True while the deployments load, also when they load again. */
  loading: boolean;
  /** Why the deployments failed to load. */
  error?: Error;
  /** One card per cluster; kept while a refresh loads. */
  value?: ComponentDeploymentsResponse;
  /** Loads the deployments again. */
  retry(): void;
}

/**
 * Loads where a Component runs, one card per cluster, through the deployments
 * API. A cluster that cannot be read is a card with an error, not a failure of
 * the whole request.
 *
 * @param entity - The Component entity.
 * @public
 */
export function useComponentDeployments(
  entity: ModelKitEntityName,
): ComponentDeploymentsState {
  return useDeploymentsRequest('getComponentDeployments', entity);
}
