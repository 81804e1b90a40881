import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitEntityName,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitApiRef } from '../api';

/**
 * The state of a request for one version of a ModelKit.
 *
 * @public
 */
export interface ModelKitVersionState {
  /** True while the version loads. */
  loading: boolean;
  /** Why the version failed to load. */
  error?: Error;
  /** The version, once loaded. */
  value?: ModelKitVersion;
  /** Loads the version again. */
  retry(): void;
}

/**
 * Loads one version of a ModelKit (its Kitfile, layers and `kit` commands)
 * through the ModelKit API. Nothing is loaded while `reference` is undefined.
 *
 * @param entity - The ModelKit entity.
 * @param reference - A tag or a manifest digest.
 * @public
 */
export function useModelKitVersion(
  entity: ModelKitEntityName,
  reference: string | undefined,
): ModelKitVersionState {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(async () => {
    if (reference === undefined) {
      return undefined;
    }
    return api.getVersion({ namespace, name }, reference);
  }, [api, namespace, name, reference]);
  return {
    loading: reference !== undefined && state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    retry: state.retry,
  };
}
