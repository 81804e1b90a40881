export type {
  ModelKitClientDiscovery,
  ModelKitClientFetch,
  ModelKitClientOptions,
  ModelKitEntityName,
} from './types';
