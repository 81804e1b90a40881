export { readPrometheusConfig } from './config';
export type { PrometheusConfig } from './config';
export { LiveMetricsService } from './LiveMetricsService';
export { createMetricsRouter } from './router';
