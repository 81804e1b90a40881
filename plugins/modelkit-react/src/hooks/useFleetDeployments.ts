import { useApi } from '@backstage/frontend-plugin-api';
import {
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitDeploymentsApiRef } from '../api';

/**
 * The state of a request for the fleet matrix.
 *
 * @public
 */
export interface FleetDeploymentsState {
  /** True while the matrix loads, also when it loads again for new filters. */
  loading: boolean;
  /** Why the matrix failed to load. */
  error?: Error;
  /**
   * The matrix; while the matrix of new filters loads, the previous one is
   * kept so the page does not jump.
   */
  value?: FleetDeploymentsResponse;
  /** Loads the matrix again. */
  retry(): void;
}

/**
 * Loads the services × clusters matrix for some filters through the
 * deployments API. A response for filters that changed meanwhile is dropped.
 *
 * @param query - The owner, system and status filters.
 * @public
 */
export function useFleetDeployments(
  query: FleetDeploymentsQuery,
): FleetDeploymentsState {
  const api = useApi(modelkitDeploymentsApiRef);
  // The query is compared by value, so a new object with the same filters
  // does not load the matrix again.
  const key = JSON.stringify({
    owner: query.owner,
    system: query.system,
    status: query.status,
  });
  const stableQuery = useMemo(
    () => JSON.parse(key) as FleetDeploymentsQuery,
    [key],
  );
  const state = useAsyncRetry(
    () => api.getFleetDeployments(stableQuery),
    [api, stableQuery],
  );
  return {
    loading: state.loading,
    error: state.error,
    value: state.value,
    retry: state.retry,
  };
}
