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
};

interface Measured {
  time: number;
  metrics?: ModelKitLiveMetricValues;
  error?: ModelKitVersionLiveMetrics['error'];
}

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
      versions.map(version =>
        this.#measure(client, config, version.labelValue, time),
      ),
    );
    return {
      configured: true,
      time,
      window: config.window,
      label: config.label,
      versions: versions.map(({ pods: _pods, ...version }, i) => ({
        ...version,
        ...(measured[i].metrics && { metrics: measured[i].metrics }),
        ...(measured[i].error && { error: measured[i].error }),
        evaluatedAt: measured[i].time,
      })),
      unresolved,
    };
  }

  #measure(
    client: PrometheusClient,
    config: PrometheusConfig,
    labelValue: string,
    time: number,
  ): Promise<Measured> {
    const now = this.#now();
    for (const [key, entry] of this.#cache) {
      if (entry.expires <= now) this.#cache.delete(key);
    }
    const cached = this.#cache.get(labelValue);
    if (cached) return cached.value;
    const value = measure(client, config, labelValue, time);
    this.#cache.set(labelValue, { expires: now + config.cacheTtlMs, value });
    value.then(m => {
      if (m.error) this.#cache.delete(labelValue);
    });
    return value;
  }
}

async function measure(
  client: PrometheusClient,
  config: PrometheusConfig,
  labelValue: string,
  time: number,
): Promise<Measured> {
  const values = {
    selector: modelKitSelector(config.label, labelValue),
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

/** The distinct ModelKit versions (by repository and digest) a Component runs. */
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
        };
        byKey.set(key, version);
      }
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
      version.pods += kit.pods;
    }
  }
  const versions = [...byKey.values()].sort(
    (a, b) =>
      (b.trafficPercent ?? 100) - (a.trafficPercent ?? 100) || b.pods - a.pods,
  );
  return { versions, unresolved: [...unresolved] };
}
