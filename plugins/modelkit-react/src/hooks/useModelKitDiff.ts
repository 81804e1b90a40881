import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitDiff,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitApiRef } from '../api';

/**
 * The state of a request for the difference between two versions.
 *
 * @public
 */
export interface ModelKitDiffState {
  /** True while the difference loads. */
  loading: boolean;
  /** Why the difference failed to load. */
  error?: Error;
  /** The difference, once loaded. */
  value?: ModelKitDiff;
  /** Loads the difference again. */
  retry(): void;
}

/**
 * Compares two versions of a ModelKit through the ModelKit API, as `kit diff`
 * does. Nothing is loaded until both references are known.
 *
 * @param entity - The ModelKit entity.
 * @param from - The older version: a tag or a manifest digest.
 * @param to - The newer version: a tag or a manifest digest.
 * @public
 */
export function useModelKitDiff(
  entity: ModelKitEntityName,
  from: string | undefined,
  to: string | undefined,
): ModelKitDiffState {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const ready = from !== undefined && to !== undefined;
  const state = useAsyncRetry(async () => {
    if (from === undefined || to === undefined) {
      return undefined;
    }
    return api.diff({ namespace, name }, from, to);
  }, [api, namespace, name, from, to]);
  return {
    loading: ready && state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    retry: state.retry,
  };
}
