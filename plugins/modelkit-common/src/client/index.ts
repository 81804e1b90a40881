export type {
  ModelKitClientDiscovery,
  ModelKitClientFetch,
  ModelKitEntityName,
} from './types';
