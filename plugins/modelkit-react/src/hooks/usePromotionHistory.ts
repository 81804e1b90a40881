import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitEntityName,
  PromotionEnvironment,
  PromotionHistoryResponse,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitPromotionApiRef } from '../api';

/**
 * The promotion history of a Component and the configured environments, as
 * {@link usePromotionHistory} loads them.
 *
 * @public
 */
export interface PromotionHistoryState {
  /** True while loading. */
  loading: boolean;
  /** Why the history or the environments could not be loaded. */
  error?: Error;
  /** The configured environments, in configuration order. */
  environments?: PromotionEnvironment[];
  /** The history of every environment, newest first. */
  history?: PromotionHistoryResponse;
  /** Loads both again. */
  retry(): void;
}

/**
 * Loads the configured promotion environments and the promotion history of a
 * Component, read by the backend from the Git history of its overlays.
 *
 * @param component - The Component entity.
 * @public
 */
export function usePromotionHistory(
  component: ModelKitEntityName,
): PromotionHistoryState {
  const api = useApi(modelkitPromotionApiRef);
  const { namespace, name } = component;
  const { loading, error, value, retry } = useAsyncRetry(async () => {
    const [environments, history] = await Promise.all([
      api.getEnvironments(),
      api.getPromotionHistory({ namespace, name }),
    ]);
    return { environments: environments.items, history };
  }, [api, namespace, name]);
  return {
    loading,
    error,
    environments: value?.environments,
    history: value?.history,
    retry,
  };
}
