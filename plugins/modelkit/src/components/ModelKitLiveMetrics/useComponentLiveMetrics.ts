import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  ComponentLiveMetricsResponse,
  ModelKitEntityName,
  ModelKitMetricsClient,
} from '@kitstage/plugin-modelkit-common';
import useAsync from 'react-use/esm/useAsync';

// Every cluster card of one Deployments view asks for the same answer: share it briefly.
const SHARE_MS = 5_000;
const shared = new WeakMap<
  object,
  Map<string, { at: number; value: Promise<ComponentLiveMetricsResponse> }>
>();

/**
 * Loads the live metrics of the ModelKit versions a Component runs, from the backend (never
 * from Prometheus). Concurrent callers for the same Component share one request.
 *
 * @internal
 */
export function useComponentLiveMetrics(entity: ModelKitEntityName) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { namespace, name } = entity;
  return useAsync(() => {
    let byKey = shared.get(fetchApi);
    if (!byKey) {
      byKey = new Map();
      shared.set(fetchApi, byKey);
    }
    const key = `${namespace}/${name}`;
    const now = Date.now();
    const hit = byKey.get(key);
    if (hit && now - hit.at < SHARE_MS) return hit.value;
    const value = new ModelKitMetricsClient({
      discoveryApi,
      fetchApi,
    }).getComponentLiveMetrics({ namespace, name });
    byKey.set(key, { at: now, value });
    value.catch(() => byKey!.delete(key));
    return value;
  }, [discoveryApi, fetchApi, namespace, name]);
}
