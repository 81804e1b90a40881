import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  checkTemplate,
  defaultTemplates,
  isLabelName,
  isMetricName,
  isPromDuration,
} from './promql';

/**
 * How Kitstage authenticates to Prometheus. Stays in the backend.
 *
 * @internal
 */
export type PrometheusAuth =
  | { type: 'none' }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string };

/**
 * The settings of the live metrics, from `kitstage.prometheus`.
 *
 * @internal
 */
export interface PrometheusConfig {
  /** The Prometheus base URL, always ending in `/`; the only address contacted. */
  url: URL;
  auth: PrometheusAuth;
  /** The label that carries the ModelKit. */
  label: string;
  /** What the label holds. */
  labelValue: 'name@digest' | 'digest';
  /** The label that carries a workload's namespace. */
  namespaceLabel: string;
  /**
   * Where a series' cluster comes from: a label holding the cluster's name (as configured for
   * the Kubernetes plugin), or, for a Prometheus that holds one cluster's metrics only, that
   * cluster's name (no label is matched, and workloads on other clusters are not measured).
   */
  cluster: { label: string } | { only: string };
  /** The range window of `rate()`. */
  window: string;
  /** The query templates, with `{{selector}}`, `{{window}}` and `{{quantile}}`. */
  queries: { requestRate: string; errorRatio: string; latencyQuantile: string };
  timeoutMs: number;
  cacheTtlMs: number;
  /**
   * What the configuration says the metrics source is (`kitstage.prometheus.title` and
   * `kitstage.prometheus.simulated`), shown next to the metrics. Trusted: only the app
   * configuration sets it.
   */
  source: { title?: string; simulated: boolean };
}

const KEY = 'kitstage.prometheus';

/** @internal */
export const PROMETHEUS_DEFAULTS = Object.freeze({
  label: 'modelkit',
  labelValue: 'name@digest' as const,
  namespaceLabel: 'namespace',
  clusterLabel: 'cluster',
  window: '5m',
  metrics: Object.freeze({
    requests: 'modelkit_requests_total',
    errors: 'modelkit_request_errors_total',
    latencyHistogram: 'modelkit_request_duration_seconds',
  }),
  timeoutMs: 5_000,
  cacheTtlMs: 15_000,
});

function fail(key: string, message: string): never {
  throw new InputError(`${KEY}.${key} ${message}`);
}

function duration(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) return fallback;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    return fail(key, `is not a valid duration: ${(error as Error).message}`);
  }
  if (!Number.isFinite(ms) || ms <= 0) fail(key, 'must be longer than zero');
  return ms;
}

/**
 * Reads `kitstage.prometheus`; undefined when it is absent (live metrics are then off).
 * Names the key of any invalid value.
 *
 * @internal
 */
export function readPrometheusConfig(
  root: Config,
): PrometheusConfig | undefined {
  const config = root.getOptionalConfig(KEY);
  if (!config) return undefined;

  const rawUrl = config.getString('url');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return fail('url', `is not a URL: ${JSON.stringify(rawUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail('url', `must be an http or https URL, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    fail('url', 'must not carry credentials; use kitstage.prometheus.auth');
  }
  if (url.search || url.hash) {
    fail('url', 'must not have a query or fragment');
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';

  let auth: PrometheusAuth = { type: 'none' };
  const authConfig = config.getOptionalConfig('auth');
  if (authConfig) {
    const token = authConfig.getOptionalString('token');
    const username = authConfig.getOptionalString('username');
    const password = authConfig.getOptionalString('password');
    if (
      token !== undefined &&
      (username !== undefined || password !== undefined)
    ) {
      fail(
        'auth',
        'takes either token (bearer) or username and password (basic), not both',
      );
    }
    if (token !== undefined) {
      if (!token.trim()) fail('auth.token', 'must not be empty');
      auth = { type: 'bearer', token };
    } else if (username !== undefined || password !== undefined) {
      if (!username) fail('auth.username', 'is required with auth.password');
      if (username.includes(':')) fail('auth.username', 'must not contain ":"');
      auth = { type: 'basic', username, password: password ?? '' };
    } else {
      fail('auth', 'needs token, or username and password');
    }
  }

  const labels = config.getOptionalConfig('labels');
  const label =
    labels?.getOptionalString('modelkit') ?? PROMETHEUS_DEFAULTS.label;
  if (!isLabelName(label)) {
    fail(
      'labels.modelkit',
      `${JSON.stringify(label)} is not a Prometheus label name`,
    );
  }
  const labelValue =
    labels?.getOptionalString('modelkitValue') ??
    PROMETHEUS_DEFAULTS.labelValue;
  if (labelValue !== 'name@digest' && labelValue !== 'digest') {
    fail(
      'labels.modelkitValue',
      `must be "name@digest" or "digest", got ${JSON.stringify(labelValue)}`,
    );
  }

  const namespaceLabel =
    labels?.getOptionalString('namespace') ??
    PROMETHEUS_DEFAULTS.namespaceLabel;
  const onlyCluster = config.getOptionalString('cluster');
  const clusterLabel = labels?.getOptionalString('cluster');
  if (onlyCluster !== undefined && clusterLabel !== undefined) {
    fail(
      'cluster',
      'names the one cluster this Prometheus holds, so labels.cluster must not be set with it',
    );
  }
  if (onlyCluster !== undefined && !onlyCluster.trim()) {
    fail('cluster', 'must not be empty');
  }
  const cluster: PrometheusConfig['cluster'] =
    onlyCluster !== undefined
      ? { only: onlyCluster }
      : { label: clusterLabel ?? PROMETHEUS_DEFAULTS.clusterLabel };
  const named = {
    'labels.namespace': namespaceLabel,
    ...('label' in cluster && { 'labels.cluster': cluster.label }),
  };
  for (const [key, name] of Object.entries(named)) {
    if (!isLabelName(name)) {
      fail(key, `${JSON.stringify(name)} is not a Prometheus label name`);
    }
  }
  if (
    new Set([label, ...Object.values(named)]).size !==
    1 + Object.keys(named).length
  ) {
    fail(
      'labels',
      'must name a different label for the ModelKit, the namespace and the cluster',
    );
  }

  const window =
    config.getOptionalString('window') ?? PROMETHEUS_DEFAULTS.window;
  if (!isPromDuration(window)) {
    fail(
      'window',
      `is not a Prometheus duration such as 5m or 1h30m: ${JSON.stringify(
        window,
      )}`,
    );
  }

  const metricsConfig = config.getOptionalConfig('metrics');
  const metrics = {
    requests:
      metricsConfig?.getOptionalString('requests') ??
      PROMETHEUS_DEFAULTS.metrics.requests,
    errors:
      metricsConfig?.getOptionalString('errors') ??
      PROMETHEUS_DEFAULTS.metrics.errors,
    latencyHistogram:
      metricsConfig?.getOptionalString('latencyHistogram') ??
      PROMETHEUS_DEFAULTS.metrics.latencyHistogram,
  };
  for (const [key, name] of Object.entries(metrics)) {
    if (!isMetricName(name)) {
      fail(
        `metrics.${key}`,
        `${JSON.stringify(name)} is not a Prometheus metric name`,
      );
    }
  }
  const queries = defaultTemplates(metrics);
  const queriesConfig = config.getOptionalConfig('queries');
  const required = {
    requestRate: ['selector'],
    errorRatio: ['selector'],
    latencyQuantile: ['selector', 'quantile'],
  } as const;
  for (const key of Object.keys(required) as Array<keyof typeof required>) {
    const template = queriesConfig?.getOptionalString(key);
    if (template === undefined) continue;
    const problem = checkTemplate(template, required[key]);
    if (problem) fail(`queries.${key}`, problem);
    queries[key] = template;
  }

  const title = config.getOptionalString('title');
  if (title !== undefined && !title.trim()) fail('title', 'must not be empty');
  const source = {
    ...(title !== undefined && { title: title.trim() }),
    simulated: config.getOptionalBoolean('simulated') ?? false,
  };

  return {
    url,
    auth,
    label,
    labelValue,
    namespaceLabel,
    cluster,
    window,
    queries,
    timeoutMs: duration(config, 'timeout', PROMETHEUS_DEFAULTS.timeoutMs),
    cacheTtlMs: duration(config, 'cacheTtl', PROMETHEUS_DEFAULTS.cacheTtlMs),
    source,
  };
}
