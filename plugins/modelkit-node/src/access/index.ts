export { ModelKitAccessService } from './ModelKitAccessService';
export type {
  ModelKitAccessPermission,
  TrustedModelKit,
} from './ModelKitAccessService';
export { modelkitAccessServiceRef } from './modelkitAccessServiceRef';
export { ModelKitProvenanceChecker, TrustedLocations } from './provenance';
export type { ModelKitProvenance } from './provenance';
export { auditedOperation } from './audited';
