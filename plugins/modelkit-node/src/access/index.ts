export { ModelKitAccessService } from './ModelKitAccessService';
export type {
  ModelKitAccessPermission,
  TrustedModelKit,
} from './ModelKitAccessService';
export { modelkitAccessServiceRef } from './modelkitAccessServiceRef';
export { CatalogLocationList, entityLocationOf } from './catalogLocations';
export type { CatalogLocationListOptions } from './catalogLocations';
export { ModelKitProvenanceChecker, TrustedLocations } from './provenance';
export type { ModelKitProvenance } from './provenance';
export { auditedOperation } from './audited';
