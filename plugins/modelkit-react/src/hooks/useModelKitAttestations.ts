import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitAttestationsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitApiRef } from '../api';

/**
 * The state of a request for the attestations of one ModelKit version.
 *
 * @public
 */
export interface ModelKitAttestationsState {
  /** True while the attestations are found and checked. */
  loading: boolean;
  /** Why they could not be loaded. */
  error?: Error;
  /** The attestations with their verification states, and the version's policy outcome. */
  value?: ModelKitAttestationsResponse;
  /** Loads them again. */
  retry(): void;
}

/**
 * Loads every attestation and signature of one ModelKit version, verified by
 * the backend, with the policy outcome of the ModelKit's lifecycle. Nothing is
 * loaded while `reference` is undefined.
 *
 * @param entity - The ModelKit entity.
 * @param reference - A tag or a manifest digest.
 * @public
 */
export function useModelKitAttestations(
  entity: ModelKitEntityName,
  reference: string | undefined,
): ModelKitAttestationsState {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(async () => {
    if (reference === undefined) {
      return undefined;
    }
    return api.getAttestations({ namespace, name }, reference);
  }, [api, namespace, name, reference]);
  return {
    loading: reference !== undefined && state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    retry: state.retry,
  };
}
