import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitDeploymentsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitDeploymentsApiRef } from '../api';

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
  const api = useApi(modelkitDeploymentsApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(
    () => api.getModelKitDeployments({ namespace, name }),
    [api, namespace, name],
  );
  return {
    loading: state.loading,
    error: state.error,
    value: state.value,
    retry: state.retry,
  };
}
