import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitEntityName,
  ModelKitLatestPolicyStatusResponse,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitApiRef } from '../api';

/**
 * The state of a request for the policy status of a ModelKit's newest version.
 *
 * @public
 */
export interface ModelKitLatestPolicyStatusState {
  /** True while the status loads. */
  loading: boolean;
  /** Why it could not be loaded. */
  error?: Error;
  /** The newest version and its policy status, once loaded. */
  value?: ModelKitLatestPolicyStatusResponse;
}

/**
 * Loads the attestation policy status of a ModelKit's newest version in one
 * request, for the entity's About card.
 *
 * @param entity - The ModelKit entity.
 * @public
 */
export function useModelKitLatestPolicyStatus(
  entity: ModelKitEntityName,
): ModelKitLatestPolicyStatusState {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const state = useAsyncRetry(
    () => api.getLatestPolicyStatus({ namespace, name }),
    [api, namespace, name],
  );
  return {
    loading: state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
  };
}
