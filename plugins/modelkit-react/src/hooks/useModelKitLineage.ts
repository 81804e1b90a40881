import { useApi } from '@backstage/frontend-plugin-api';
import {
  ComponentLineageResponse,
  ModelKitEntityName,
  ModelKitLineageResponse,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitApiRef } from '../api';

/**
 * The state of a request for a lineage graph.
 *
 * @public
 */
export interface LineageState<T> {
  /** True while the lineage loads. */
  loading: boolean;
  /** Why it could not be loaded. */
  error?: Error;
  /** The lineage, once loaded. */
  value?: T;
  /** Loads it again. */
  retry(): void;
}

/**
 * Loads the lineage of a ModelKit as of one version (a tag or digest; the
 * newest when undefined): its datasets, base models and source, its
 * fine-tunes, the Components serving it and the clusters they run on.
 *
 * @param entity - The ModelKit entity.
 * @param version - A tag or manifest digest, or undefined for the newest.
 * @public
 */
export function useModelKitLineage(
  entity: ModelKitEntityName,
  version: string | undefined,
): LineageState<ModelKitLineageResponse> {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(
    () => api.getLineage({ namespace, name }, version ? { version } : {}),
    [api, namespace, name, version],
  );
  return {
    loading: state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    retry: state.retry,
  };
}

/**
 * Loads the lineage of a catalog Component: the ModelKits it serves with
 * their data and base models, and the clusters it runs on.
 *
 * @param entity - The Component entity.
 * @public
 */
export function useComponentLineage(
  entity: ModelKitEntityName,
): LineageState<ComponentLineageResponse> {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(
    () => api.getComponentLineage({ namespace, name }),
    [api, namespace, name],
  );
  return {
    loading: state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    retry: state.retry,
  };
}
