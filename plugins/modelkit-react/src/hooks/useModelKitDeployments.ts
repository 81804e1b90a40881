import {
  ModelKitDeploymentsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import { useApi } from '@backstage/frontend-plugin-api';
import { modelkitDeploymentsApiRef } from '../api';
import { useDeploymentsRequest } from './requests';
import { useLiveDeployments } from './useFleetDeployments';

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
 * Loads where each version of a ModelKit runs through the deployments API,
 * kept current: every 2 s while the page is visible it is asked again, without
 * showing progress.
 *
 * @param entity - The ModelKit entity.
 * @public
 */
export function useModelKitDeployments(
  entity: ModelKitEntityName,
): ModelKitDeploymentsState {
  const api = useApi(modelkitDeploymentsApiRef);
  const { namespace, name } = entity;
  return useLiveDeployments(
    useDeploymentsRequest('getModelKitDeployments', entity),
    () => api.getModelKitDeployments({ namespace, name }),
    `${namespace}/${name}`,
  );
}
