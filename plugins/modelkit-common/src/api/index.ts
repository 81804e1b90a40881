export * from './versionTypes';
export * from './diffTypes';
export * from './policyTypes';
export * from './lineageTypes';
export * from './modelCardTypes';
export type { ModelKitApi } from './ModelKitApi';
export { ModelKitClient } from './ModelKitClient';
