export {
  ATTESTATION_VERIFICATION_STATES,
  countAttestationStates,
} from './AttestationResult';
export type {
  AttestationDiscoveryMethod,
  AttestationFormat,
  AttestationKind,
  AttestationLocation,
  AttestationReport,
  AttestationResult,
  AttestationSignatureCheck,
  AttestationSigner,
  AttestationSubject,
  AttestationTransparencyLogEntry,
  AttestationVerificationState,
  CosignVerifyCommand,
} from './AttestationResult';
export type { AttestationSummary, JsonPreview } from './AttestationSummary';
export { AttestationTypes, classifyPredicateType } from './predicateTypes';
export type { AttestationPredicateKind } from './predicateTypes';
export {
  inTotoStatementSchema,
  parseInTotoStatement,
  statementNamesDigest,
} from './inTotoStatement';
export type {
  InTotoStatement,
  InTotoStatementParseResult,
} from './inTotoStatement';
export {
  metricPasses,
  SCAN_EVALUATION_SUMMARY_LIMITS,
  SCAN_FINDING_SEVERITIES,
  scanEvaluationPredicateSchema,
  summarizeScanEvaluation,
} from './scanEvaluation';
export type {
  ScanEvaluationPredicate,
  ScanEvaluationSummary,
  ScanFinding,
  ScanFindingSeverity,
  ScanMetricResult,
} from './scanEvaluation';
export {
  summarizeVulnerabilities,
  VULNERABILITY_SEVERITIES,
  vulnerabilityPredicateSchema,
  vulnerabilitySeverityOf,
} from './vulnerabilities';
export type {
  VulnerabilityEntry,
  VulnerabilityScanSummary,
  VulnerabilitySeverity,
} from './vulnerabilities';
export {
  slsaProvenanceV02Schema,
  slsaProvenanceV1Schema,
  summarizeSlsaProvenance,
} from './slsaProvenance';
export type { SlsaProvenanceSummary } from './slsaProvenance';
export { summarizeSbom } from './sbom';
export type { SbomSummary } from './sbom';
export {
  JSON_PREVIEW_MAX_BYTES,
  previewJson,
  summarizeStatement,
} from './summarizeStatement';
export { buildCosignVerifyCommand, quoteShellArgument } from './cosignCommand';
export type { CosignVerifyCommandOptions } from './cosignCommand';
export {
  ATTESTATION_POLICY_REQUIREMENTS,
  attestationPolicyConfigSchema,
  parseAttestationPolicyConfig,
} from './AttestationPolicy';
export type {
  AttestationPolicyConfig,
  AttestationPolicyRule,
  LifecyclePolicy,
} from './AttestationPolicy';
export { evaluateAttestationPolicy } from './evaluateAttestationPolicy';
export type {
  AttestationPolicyInput,
  AttestationPolicyResult,
  AttestationPolicyRuleResult,
  AttestationPolicyStatus,
} from './evaluateAttestationPolicy';
