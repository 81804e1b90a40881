export type {
  OciBlobOptions,
  OciDescriptor,
  OciImageIndex,
  OciImageManifest,
  OciManifestResult,
  OciPlatform,
  OciReferrers,
  OciReferrersOptions,
  OciRequestOptions,
  OciSource,
  OciTagList,
  RegistryRequestCounts,
  RegistryRequestKind,
} from './types';
export { RegistryError } from './errors';
export type { RegistryErrorOptions, RegistryErrorReason } from './errors';
export {
  readRegistryConfig,
  readRegistryConfigs,
  REGISTRY_ENTRY_TYPES,
} from './config';
export { DEFAULT_REGISTRY_CACHE, DEFAULT_REGISTRY_LIMITS } from './configTypes';
export type {
  RegistryAuthConfig,
  RegistryCacheConfig,
  RegistryConfig,
  RegistryLimits,
} from './configTypes';
export {
  isOciDigest,
  isOciRepositoryName,
  isOciTag,
  referrersTagFor,
  sha256Digest,
} from './digest';
export { OciMediaTypes } from './manifest';
export { createRegistryService } from './RegistryService';
export type {
  CreateRegistryServiceOptions,
  RegistryService,
  StandaloneRegistryService,
} from './RegistryService';
export { modelkitRegistryServiceRef } from './modelkitRegistryServiceRef';
