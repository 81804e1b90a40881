export { ModelKitLiveMetrics } from './ModelKitLiveMetrics';
