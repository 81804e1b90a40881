export type {
  ComponentLiveMetricsResponse,
  ModelKitLatencyQuantiles,
  ModelKitLiveMetricValues,
  ModelKitMetricsError,
  ModelKitMetricsErrorKind,
  ModelKitMetricsSource,
  ModelKitVersionLiveMetrics,
} from './types';
export { ModelKitMetricsClient } from './ModelKitMetricsClient';
export type { ModelKitMetricsApi } from './ModelKitMetricsClient';
