import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitApi,
  ModelKitDeploymentsApi,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitApiRef, modelkitDeploymentsApiRef } from '../api';

/** What a request hook of this package returns. */
export interface RequestState<T> {
  loading: boolean;
  error?: Error;
  value?: T;
  retry(): void;
}

/** The methods of the ModelKit API that read one version by tag or digest. */
type VersionMethod = 'getVersion' | 'getAttestations' | 'getModelCard';

type VersionResult<K extends VersionMethod> = Awaited<
  ReturnType<ModelKitApi[K]>
>;

/**
 * Calls a method of the ModelKit API for one version of a ModelKit. Nothing
 * is loaded while `reference` is undefined, and the previous value is dropped
 * while another version loads.
 */
export function useVersionRequest<K extends VersionMethod>(
  method: K,
  entity: ModelKitEntityName,
  reference: string | undefined,
): RequestState<VersionResult<K>> {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(async (): Promise<
    VersionResult<K> | undefined
  > => {
    if (reference === undefined) {
      return undefined;
    }
    return api[method]({ namespace, name }, reference) as Promise<
      VersionResult<K>
    >;
  }, [api, method, namespace, name, reference]);
  return {
    loading: reference !== undefined && state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    retry: state.retry,
  };
}

/** The methods of the deployments API that read one entity. */
type DeploymentsMethod = 'getComponentDeployments' | 'getModelKitDeployments';

type DeploymentsResult<K extends DeploymentsMethod> = Awaited<
  ReturnType<ModelKitDeploymentsApi[K]>
>;

/**
 * Calls a method of the deployments API for one entity. The previous value is
 * kept while the deployments load again, so a refresh does not empty the
 * page.
 */
export function useDeploymentsRequest<K extends DeploymentsMethod>(
  method: K,
  entity: ModelKitEntityName,
): RequestState<DeploymentsResult<K>> {
  const api = useApi(modelkitDeploymentsApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(
    () => api[method]({ namespace, name }) as Promise<DeploymentsResult<K>>,
    [api, method, namespace, name],
  );
  return {
    loading: state.loading,
    error: state.error,
    value: state.value,
    retry: state.retry,
  };
}
