/**
 * Builders for attestation tests, benchmarks and demo data: keys, DSSE envelopes, in-toto
 * statements, cosign `.att` / `.sig` images, OCI referrers and a self-made offline Sigstore
 * instance (CA, Rekor, CT log).
 */

export {
  buildAttestationReferrer,
  buildCosignAttestationImage,
  buildCosignSignatureImage,
  buildInTotoStatement,
  buildSimpleSigningPayload,
  cosignTagFor,
  signDsseEnvelope,
} from './attestations';
export type { TestDsseEnvelope } from './attestations';
export { generateTestSigningKey } from './keys';
export type { TestSigningKey } from './keys';
export { TestSigstore } from './TestSigstore';
export type {
  CertificateAuthority,
  TestKeylessSigner,
  TestTlogEntry,
} from './TestSigstore';
