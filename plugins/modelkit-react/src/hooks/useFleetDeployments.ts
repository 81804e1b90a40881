import { useApi } from '@backstage/frontend-plugin-api';
import {
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import { useEffect, useMemo, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelkitDeploymentsApiRef } from '../api';

/**
 * How often a deployments view asks the backend again while the page is
 * visible: the backend answers from memory kept current by watches, so a
 * change on a cluster shows within about this long.
 *
 * @internal
 */
export const DEPLOYMENTS_REFRESH_MS = 2000;

/** What a deployments hook returns. */
interface LiveState<T> {
  loading: boolean;
  error?: Error;
  value?: T;
  retry(): void;
}

/**
 * Keeps a deployments request current: while the page is visible and no load
 * is in flight, asks again every {@link DEPLOYMENTS_REFRESH_MS}, quietly (no
 * `loading`), and shows the newer answer. A failed refresh keeps what is
 * shown; an answer for an earlier `key` (other filters, another entity) is
 * dropped.
 *
 * @param state - The request's own state, from its first or a manual load.
 * @param load - Asks the backend for the current `key`.
 * @param key - What is asked for; a new key drops refreshed answers.
 * @internal
 */
export function useLiveDeployments<T>(
  state: LiveState<T>,
  load: () => Promise<T>,
  key: string,
): LiveState<T> {
  const [refreshed, setRefreshed] = useState<{ key: string; value: T }>();
  const current = useRef({ key, load, loading: state.loading });
  current.current = { key, load, loading: state.loading };

  // A load of the request itself (first, or a manual retry) is newer.
  useEffect(() => setRefreshed(undefined), [state.value, key]);

  useEffect(() => {
    let inFlight = false;
    let stopped = false;
    const refresh = () => {
      const { key: asked, load: ask, loading } = current.current;
      if (
        stopped ||
        inFlight ||
        loading ||
        (typeof document !== 'undefined' &&
          document.visibilityState === 'hidden')
      ) {
        return;
      }
      inFlight = true;
      ask().then(
        value => {
          inFlight = false;
          if (!stopped && current.current.key === asked) {
            setRefreshed({ key: asked, value });
          }
        },
        () => {
          // Keep what is shown; the next refresh asks again.
          inFlight = false;
        },
      );
    };
    const timer = setInterval(refresh, DEPLOYMENTS_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  return {
    loading: state.loading,
    error: state.error,
    value:
      refreshed && refreshed.key === key && !state.loading
        ? refreshed.value
        : state.value,
    retry: state.retry,
  };
}

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
 * Loads one page of the services × clusters matrix for some filters through
 * the deployments API, and keeps it current: every 2 s while the page is
 * visible the same page is asked again, without showing progress. A response
 * for filters or a page that changed meanwhile is dropped.
 *
 * @param query - The owner, system and status filters, and the page
 *   (`offset` and `limit`; the backend's first 50 services when left out).
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
    limit: query.limit,
    offset: query.offset,
  });
  const stableQuery = useMemo(
    () => JSON.parse(key) as FleetDeploymentsQuery,
    [key],
  );
  const state = useAsyncRetry(
    () => api.getFleetDeployments(stableQuery),
    [api, stableQuery],
  );
  return useLiveDeployments(
    state,
    () => api.getFleetDeployments(stableQuery),
    key,
  );
}
