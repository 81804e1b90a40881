import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitApi,
  ModelKitEntityName,
  ModelKitLatestPolicyStatusResponse,
} from '@kitstage/plugin-modelkit-common';
import useAsync from 'react-use/esm/useAsync';
import { modelkitApiRef } from '../api';

const cache = new WeakMap<
  ModelKitApi,
  Map<string, Promise<ModelKitLatestPolicyStatusResponse>>
>();

/**
 * The newest version of a ModelKit and its policy status, asked once per
 * ModelKit and API however many table cells show it.
 *
 * @public
 */
export function loadLatestSummary(
  api: ModelKitApi,
  entity: ModelKitEntityName,
): Promise<ModelKitLatestPolicyStatusResponse> {
  let byEntity = cache.get(api);
  if (!byEntity) {
    byEntity = new Map();
    cache.set(api, byEntity);
  }
  const key = `${entity.namespace}/${entity.name}`;
  let pending = byEntity.get(key);
  if (!pending) {
    pending = api.getLatestPolicyStatus(entity);
    // A failure is not remembered, so that a later view asks again.
    pending.catch(() => byEntity?.delete(key));
    byEntity.set(key, pending);
  }
  return pending;
}

/**
 * The state of the newest version and policy status of one ModelKit.
 *
 * @public
 */
export interface ModelKitLatestSummaryState {
  /** Whether the summary is still being loaded. */
  loading: boolean;
  /** Why the summary could not be loaded, if it could not. */
  error?: Error;
  /** The newest version, its size and its policy status, once loaded. */
  value?: ModelKitLatestPolicyStatusResponse;
}

/**
 * Loads the newest version of a ModelKit with its size and policy status, for
 * lists of many ModelKits (the catalog table, the Models card of groups):
 * each ModelKit is asked once however many cells show it.
 *
 * @param entity - The ModelKit entity.
 * @public
 */
export function useModelKitLatestSummary(
  entity: ModelKitEntityName,
): ModelKitLatestSummaryState {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const state = useAsync(
    () => loadLatestSummary(api, { namespace, name }),
    [api, namespace, name],
  );
  return { loading: state.loading, error: state.error, value: state.value };
}
