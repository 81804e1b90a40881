export { AttestationVerifier } from './AttestationVerifier';
export type {
  TrustedSigners,
  VerifyAttestationsOptions,
} from './AttestationVerifier';
export type { AttestationLayerResult } from './layerResult';
export type { AttestationLayer } from './verifyLayer';
export {
  DEFAULT_ATTESTATION_LIMITS,
  readAttestationPolicies,
  readAttestationVerifierConfig,
} from './config';
export type { AttestationLimits, AttestationVerifierConfig } from './config';
export type { KeylessIdentityConfig, KeylessTrustConfig } from './KeylessTrust';
export { TRUSTED_KEY_ALGORITHMS } from './TrustedKey';
export type { TrustedKeyAlgorithm, TrustedKeyConfig } from './TrustedKey';
export { CosignMediaTypes, isSigstoreBundleMediaType } from './cosignFormats';
export { modelkitAttestationServiceRef } from './modelkitAttestationServiceRef';
export type { AttestationService } from './modelkitAttestationServiceRef';
