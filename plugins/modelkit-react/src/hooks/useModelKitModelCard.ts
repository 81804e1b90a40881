import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitEntityName,
  ModelKitModelCardResponse,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitApiRef } from '../api';

/**
 * The state of a request for the model card of one ModelKit version.
 *
 * @public
 */
export interface ModelKitModelCardState {
  /** True while the model card loads. */
  loading: boolean;
  /** Why it could not be loaded. */
  error?: Error;
  /** The model card Markdown (untrusted) and the Kitfile descriptions. */
  value?: ModelKitModelCardResponse;
  /** Loads it again. */
  retry(): void;
}

/**
 * Loads the model card of one ModelKit version, read by the backend from its
 * docs layer. Nothing is loaded while `reference` is undefined.
 *
 * @param entity - The ModelKit entity.
 * @param reference - A tag or a manifest digest.
 * @public
 */
export function useModelKitModelCard(
  entity: ModelKitEntityName,
  reference: string | undefined,
): ModelKitModelCardState {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(async () => {
    if (reference === undefined) {
      return undefined;
    }
    return api.getModelCard({ namespace, name }, reference);
  }, [api, namespace, name, reference]);
  return {
    loading: reference !== undefined && state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    retry: state.retry,
  };
}
