import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  ComponentDeploymentsResponse,
  ComponentLiveMetricsResponse,
  ModelKitLiveMetricValues,
  ModelKitVersionLiveMetrics,
} from '@kitstage/plugin-modelkit-common';
import type { PrometheusConfig } from './config';
import { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
import { fillTemplate, modelKitLabelValue, modelKitSelector } from './promql';

/** Where a Component runs, as the deployment views read it. */
export interface ComponentDeploymentsSource {
  getComponentDeployments(
    entity: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<ComponentDeploymentsResponse>;
}

type VersionDraft = Omit<
  ModelKitVersionLiveMetrics,
  'metrics' | 'error' | 'evaluatedAt'
> & {
  pods: number;
  /** The namespaces of the workloads that run it, per cluster. */
  locations: Map<string, Set<string>>;
  /** The Argo Rollouts sides the clusters give it. */
  roles: Set<'stable' | 'canary'>;
};

/** @internal */
export interface Measured {
  time: number;
  metrics?: ModelKitLiveMetricValues;
  error?: ModelKitVersionLiveMetrics['error'];
}

/** The values of a version with no series to select. */
const NO_SAMPLES: ModelKitLiveMetricValues = Object.freeze({
  requestRate: null,
  errorRatio: null,
  latency: Object.freeze({ p50: null, p95: null, p99: null }),
});

/**
 * Live metrics of the ModelKit versions a Component runs, from Prometheus. Each version's
 * answer is cached for `cacheTtl`; a version whose queries fail carries its own error and
 * is not cached.
 *
 * @internal
 */
export class LiveMetricsService {
  readonly #config?: PrometheusConfig;
  readonly #client?: PrometheusClient;
  readonly #deployments: ComponentDeploymentsSource;
  readonly #now: () => number;
  readonly #cache = new Map<
    string,
    { expires: number; value: Promise<Measured> }
  >();

  constructor(options: {
    config?: PrometheusConfig;
    deployments: ComponentDeploymentsSource;
    fetch?: typeof fetch;
    now?: () => number;
  }) {
    this.#config = options.config;
    this.#deployments = options.deployments;
    this.#now = options.now ?? Date.now;
    if (options.config) {
      this.#client = new PrometheusClient({
        url: options.config.url,
        auth: options.config.auth,
        timeoutMs: options.config.timeoutMs,
        fetch: options.fetch,
      });
    }
  }

  /**
   * What the configuration says the metrics source is (its title, and whether it is
   * simulated); undefined when live metrics are not configured.
   */
  get source(): PrometheusConfig['source'] | undefined {
    return this.#config?.source;
  }

  async getComponentLiveMetrics(
    entity: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<ComponentLiveMetricsResponse> {
    const config = this.#config;
    const client = this.#client;
    if (!config || !client) {
      return { configured: false };
    }
    const deployments = await this.#deployments.getComponentDeployments(
      entity,
      credentials,
    );
    const { versions, unresolved } = runningVersions(deployments, config);
    // One instant for every query of this answer, so the versions compare.
    // One second back, so a scrape still in flight at this second has landed.
    const time = Math.floor(this.#now() / 1000) - 1;
    const measured = await Promise.all(
      versions.map(async version => {
        const selectors = versionSelectors(config, version);
        if (selectors.length === 0) {
          // It runs on no cluster this Prometheus holds, or on no namespaced workload.
          return { time, metrics: NO_SAMPLES };
        }
        const parts = await Promise.all(
          selectors.map(selector =>
            this.#measure(client, config, selector, time),
          ),
        );
        return combine(parts);
      }),
    );
    return {
      configured: true,
      time,
      window: config.window,
      label: config.label,
      versions: versions.map(
        ({ pods: _pods, locations: _l, roles: _r, ...version }, i) => ({
          ...version,
          ...(measured[i].metrics && { metrics: measured[i].metrics }),
          ...(measured[i].error && { error: measured[i].error }),
          evaluatedAt: measured[i].time,
        }),
      ),
      unresolved,
    };
  }

  #measure(
    client: PrometheusClient,
    config: PrometheusConfig,
    selector: string,
    time: number,
  ): Promise<Measured> {
    const now = this.#now();
    for (const [key, entry] of this.#cache) {
      if (entry.expires <= now) this.#cache.delete(key);
    }
    const cached = this.#cache.get(selector);
    if (cached) return cached.value;
    const value = measure(client, config, selector, time);
    this.#cache.set(selector, { expires: now + config.cacheTtlMs, value });
    value.then(m => {
      if (m.error) this.#cache.delete(selector);
    });
    return value;
  }
}

/**
 * The selectors of a version's series: its ModelKit label, and the clusters and namespaces of
 * the workloads that run it, so that other workloads running the same digest are left out.
 * Clusters that run it in the same namespaces share one selector
 * (`cluster=~"a|b",namespace="nlp"`), which selects exactly those workloads; clusters with
 * other namespaces get their own.
 *
 * @internal
 */
export function versionSelectors(
  config: Pick<
    PrometheusConfig,
    'label' | 'labelValue' | 'namespaceLabel' | 'cluster'
  >,
  version: Pick<VersionDraft, 'labelValue' | 'locations'>,
): string[] {
  const byNamespaces = new Map<
    string,
    { clusters: string[]; namespaces: string[] }
  >();
  for (const [cluster, namespaceSet] of version.locations) {
    if ('only' in config.cluster && cluster !== config.cluster.only) continue;
    if (namespaceSet.size === 0) continue;
    const namespaces = [...namespaceSet].sort();
    const key = JSON.stringify(namespaces);
    const group = byNamespaces.get(key) ?? { clusters: [], namespaces };
    group.clusters.push(cluster);
    byNamespaces.set(key, group);
  }
  return [...byNamespaces.values()].map(group =>
    modelKitSelector(config.label, version.labelValue, [
      ...('label' in config.cluster
        ? [{ label: config.cluster.label, values: group.clusters }]
        : []),
      { label: config.namespaceLabel, values: group.namespaces },
    ]),
  );
}

/**
 * One version's figures from the figures of its selectors: rates add up, the error ratio is
 * weighted by each part's request rate, and a latency quantile is the highest of the parts (an
 * upper bound of the quantile over all of them). One part is returned as it is.
 *
 * @internal
 */
export function combine(parts: Measured[]): Measured {
  if (parts.length === 1) return parts[0];
  const time = Math.min(...parts.map(p => p.time));
  const failed = parts.find(p => p.error);
  if (failed) return { time, error: failed.error };
  const metrics = parts.map(p => p.metrics!);
  const known = (values: Array<number | null>) =>
    values.filter((v): v is number => v !== null);
  const rates = known(metrics.map(m => m.requestRate));
  const requestRate = rates.length ? rates.reduce((a, b) => a + b, 0) : null;
  let weighted = 0;
  let weight = 0;
  for (const m of metrics) {
    if (m.errorRatio === null || m.requestRate === null) continue;
    weighted += m.errorRatio * m.requestRate;
    weight += m.requestRate;
  }
  const highest = (key: keyof ModelKitLiveMetricValues['latency']) => {
    const values = known(metrics.map(m => m.latency[key]));
    return values.length ? Math.max(...values) : null;
  };
  return {
    time,
    metrics: {
      requestRate,
      errorRatio: weight > 0 ? weighted / weight : null,
      latency: {
        p50: highest('p50'),
        p95: highest('p95'),
        p99: highest('p99'),
      },
    },
  };
}

async function measure(
  client: PrometheusClient,
  config: PrometheusConfig,
  selector: string,
  time: number,
): Promise<Measured> {
  const values = {
    selector,
    window: config.window,
  };
  const q = config.queries;
  try {
    const [requestRate, errorRatio, p50, p95, p99] = await Promise.all([
      client.queryValue(fillTemplate(q.requestRate, values), time),
      client.queryValue(fillTemplate(q.errorRatio, values), time),
      ...[0.5, 0.95, 0.99].map(quantile =>
        client.queryValue(
          fillTemplate(q.latencyQuantile, { ...values, quantile }),
          time,
        ),
      ),
    ]);
    return {
      time,
      metrics: { requestRate, errorRatio, latency: { p50, p95, p99 } },
    };
  } catch (error) {
    if (error instanceof PrometheusQueryError) {
      return { time, error: error.detail };
    }
    return {
      time,
      error: {
        kind: 'bad-response',
        message: `Reading Prometheus failed: ${(error as Error).message}`,
      },
    };
  }
}

/**
 * The distinct ModelKit versions (by repository and digest) a Component runs, with the
 * clusters and namespaces of the workloads that run each, and their side of an Argo Rollouts
 * canary when the clusters agree on it.
 *
 * @internal
 */
export function runningVersions(
  deployments: ComponentDeploymentsResponse,
  config: Pick<PrometheusConfig, 'labelValue'>,
): { versions: VersionDraft[]; unresolved: string[] } {
  const byKey = new Map<string, VersionDraft>();
  const unresolved = new Set<string>();
  for (const card of deployments.clusters) {
    for (const kit of card.modelKits) {
      if (!kit.digest) {
        unresolved.add(kit.reference);
        continue;
      }
      const key = `${kit.repository}@${kit.digest}`;
      let version = byKey.get(key);
      if (!version) {
        version = {
          repository: kit.repository,
          digest: kit.digest,
          tags: [],
          ...(kit.entity && { entity: kit.entity }),
          clusters: [],
          labelValue: modelKitLabelValue(
            config.labelValue,
            kit.repository,
            kit.digest,
          ),
          pods: 0,
          locations: new Map(),
          roles: new Set(),
        };
        byKey.set(key, version);
      }
      const namespaces =
        version.locations.get(card.cluster.name) ?? new Set<string>();
      for (const { object } of kit.foundIn) {
        if (object.namespace) namespaces.add(object.namespace);
      }
      version.locations.set(card.cluster.name, namespaces);
      if (kit.tag && !version.tags.includes(kit.tag))
        version.tags.push(kit.tag);
      if (!version.clusters.includes(card.cluster.name)) {
        version.clusters.push(card.cluster.name);
      }
      if (kit.trafficPercent !== undefined) {
        version.trafficPercent = Math.max(
          version.trafficPercent ?? 0,
          kit.trafficPercent,
        );
      }
      if (kit.rolloutRole) version.roles.add(kit.rolloutRole);
      version.pods += kit.pods;
    }
  }
  for (const version of byKey.values()) {
    // A side only when every cluster that gives it one gives it the same.
    if (version.roles.size === 1) [version.rolloutRole] = version.roles;
  }
  const versions = [...byKey.values()].sort(
    (a, b) =>
      (b.trafficPercent ?? 100) - (a.trafficPercent ?? 100) || b.pods - a.pods,
  );
  return { versions, unresolved: [...unresolved] };
}
