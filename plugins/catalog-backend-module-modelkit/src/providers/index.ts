export { ModelKitRegistryEntityProvider } from './ModelKitRegistryEntityProvider';
export type { ModelKitRegistryEntityProviderOptions } from './ModelKitRegistryEntityProvider';
export {
  DEFAULT_MODELKIT_PROVIDER_SCHEDULE,
  readModelKitRegistryEntityProviderConfig,
  readModelKitRegistryEntityProviderConfigs,
} from './ModelKitRegistryEntityProviderConfig';
export type {
  ModelKitOwnerRule,
  ModelKitRegistryEntityProviderConfig,
} from './ModelKitRegistryEntityProviderConfig';
export { MODELKIT_REGISTRY_LOCATION_TYPE } from '@kitstage/plugin-modelkit-common';
export type {
  ModelKitRegistryProviderStatus,
  ModelKitRegistrySyncOutcome,
  ModelKitRegistrySyncResult,
} from './status';
