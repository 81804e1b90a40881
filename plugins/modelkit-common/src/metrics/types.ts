import type { DeploymentEntitySummary } from '../deployments/objectTypes';

/**
 * Why the live metrics of a ModelKit version could not be read from Prometheus.
 *
 * - `unreachable`: the connection to Prometheus failed.
 * - `timeout`: Prometheus did not answer within the configured timeout.
 * - `unauthorized`: Prometheus (or a proxy in front of it) refused the configured credentials.
 * - `query-error`: Prometheus answered with an error for the query (bad PromQL, overload).
 * - `bad-response`: the answer was not a Prometheus API answer.
 *
 * @public
 */
export type ModelKitMetricsErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'query-error'
  | 'bad-response';

/**
 * A failure to read one version's live metrics. Never carries credentials.
 *
 * @public
 */
export interface ModelKitMetricsError {
  /** What kind of failure it was. */
  kind: ModelKitMetricsErrorKind;
  /** A sentence naming what failed; quotes Prometheus's error, if any. */
  message: string;
  /** The HTTP status, when Prometheus answered. */
  statusCode?: number;
}

/**
 * Latency quantiles of a ModelKit version, in seconds; `null` when there were no requests in
 * the window (Prometheus returns no sample or NaN).
 *
 * @public
 */
export interface ModelKitLatencyQuantiles {
  /** The median. */
  p50: number | null;
  /** The 95th percentile. */
  p95: number | null;
  /** The 99th percentile. */
  p99: number | null;
}

/**
 * What Prometheus says about one running ModelKit version over the configured window.
 * A value is `null` when Prometheus returned no sample for it (no traffic, no such series).
 *
 * @public
 */
export interface ModelKitLiveMetricValues {
  /** Requests per second. */
  requestRate: number | null;
  /** Failed requests divided by all requests, between 0 and 1. */
  errorRatio: number | null;
  /** Latency quantiles from the request duration histogram. */
  latency: ModelKitLatencyQuantiles;
}

/**
 * One ModelKit version a Component runs somewhere, and its live metrics.
 *
 * @public
 */
export interface ModelKitVersionLiveMetrics {
  /** `host/path` of the OCI repository. */
  repository: string;
  /** The manifest digest. */
  digest: string;
  /** Tags the workloads name it by. */
  tags: string[];
  /** The ModelKit entity of the repository, when the caller may see it. */
  entity?: DeploymentEntitySummary;
  /** The clusters it runs on. */
  clusters: string[];
  /** The share of traffic it serves, when a canary splits the traffic. */
  trafficPercent?: number;
  /**
   * Its side of an Argo Rollouts canary under way: `stable` or `canary`. Absent when no
   * Rollout canary runs it, or when the clusters that give it a side disagree on it.
   */
  rolloutRole?: 'stable' | 'canary';
  /** The value of the ModelKit label the metrics were selected by. */
  labelValue: string;
  /**
   * The instant its queries were evaluated at, in Unix seconds: earlier than the response's
   * `time` when the answer was served from the short cache.
   */
  evaluatedAt: number;
  /** The metrics; absent when they could not be read (see `error`). */
  metrics?: ModelKitLiveMetricValues;
  /** Why the metrics could not be read from Prometheus. */
  error?: ModelKitMetricsError;
}

/**
 * The metrics source of live metrics, from trusted configuration (`kitstage.prometheus`).
 *
 * @public
 */
export interface ModelKitMetricsSource {
  /** A name for the source, shown with the metrics. */
  title?: string;
  /** Whether the source serves simulated numbers, so the metrics are marked SIMULATED. */
  simulated: boolean;
}

/**
 * Response of `GET /metrics/components/:namespace/:name`.
 *
 * @public
 */
export type ComponentLiveMetricsResponse =
  | {
      /** `kitstage.prometheus` is not configured: there are no live metrics. */
      configured: false;
    }
  | {
      configured: true;
      /** When the answer was assembled, in Unix seconds. */
      time: number;
      /** The range window of the rates, e.g. `5m`. */
      window: string;
      /** The Prometheus label that carries the ModelKit. */
      label: string;
      /** Running versions with a known digest, most traffic first. */
      versions: ModelKitVersionLiveMetrics[];
      /** Running versions whose digest is unknown, so their metrics cannot be selected. */
      unresolved: string[];
      /** The metrics source, as `kitstage.prometheus` describes it. */
      source?: ModelKitMetricsSource;
    };
