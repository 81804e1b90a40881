export { ModelKitBackendClient } from './ModelKitBackendClient';
export type {
  ModelKitClientDiscovery,
  ModelKitClientFetch,
  ModelKitClientOptions,
  ModelKitEntityName,
} from './types';
