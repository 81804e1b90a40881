export { AttestationVerifier } from './AttestationVerifier';
export type {
  TrustedSigners,
  VerifyAttestationsOptions,
} from './AttestationVerifier';
export type { AttestationLayer, AttestationLayerResult } from './verifyLayer';
export {
  DEFAULT_ATTESTATION_LIMITS,
  readAttestationPolicies,
  readAttestationVerifierConfig,
} from './config';
export type {
  AttestationLimits,
  AttestationVerifierConfig,
  KeylessIdentityConfig,
  KeylessTrustConfig,
  TrustedKeyConfig,
} from './config';
export { TRUSTED_KEY_ALGORITHMS } from './TrustedKey';
export type { TrustedKeyAlgorithm } from './TrustedKey';
export { CosignMediaTypes, isSigstoreBundleMediaType } from './cosignFormats';
export { modelkitAttestationServiceRef } from './modelkitAttestationServiceRef';
export type { AttestationService } from './modelkitAttestationServiceRef';
