import {
  ComponentDeploymentsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import { useApi } from '@backstage/frontend-plugin-api';
import { modelkitDeploymentsApiRef } from '../api';
import { useDeploymentsRequest } from './requests';
import { useLiveDeployments } from './useFleetDeployments';

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
 * API, kept current: every 2 s while the page is visible it is asked again,
 * without showing progress. A cluster that cannot be read is a card with an
 * error, not a failure of the whole request; a cluster whose data is no longer
 * kept current is marked `stale`.
 *
 * @param entity - The Component entity.
 * @public
 */
export function useComponentDeployments(
  entity: ModelKitEntityName,
): ComponentDeploymentsState {
  const api = useApi(modelkitDeploymentsApiRef);
  const { namespace, name } = entity;
  return useLiveDeployments(
    useDeploymentsRequest('getComponentDeployments', entity),
    () => api.getComponentDeployments({ namespace, name }),
    `${namespace}/${name}`,
  );
}
