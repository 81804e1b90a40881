/**
 * Media types and URIs of the attestation formats Kitstage reads.
 *
 * @public
 */
export const AttestationTypes = {
  /** The DSSE payload type of in-toto statements. */
  inTotoPayloadType: 'application/vnd.in-toto+json',
  /** The in-toto Statement `_type` of version 1. */
  statementV1: 'https://in-toto.io/Statement/v1',
  /** The in-toto Statement `_type` of version 0.1, still written by older tools. */
  statementV01: 'https://in-toto.io/Statement/v0.1',
  /** The Kitstage ModelKit scan evaluation predicate. */
  scanEvaluationV1: 'https://kitstage.dev/attestation/scan-evaluation/v1',
  /** in-toto vulnerability scan results, version 0.1 and 0.2. */
  vulnsV01: 'https://in-toto.io/attestation/vulns/v0.1',
  vulnsV02: 'https://in-toto.io/attestation/vulns/v0.2',
  /** cosign's own vulnerability predicate (`cosign attest --type vuln`). */
  cosignVulnV1: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  /** SLSA provenance, version 1 and 0.2. */
  slsaProvenanceV1: 'https://slsa.dev/provenance/v1',
  slsaProvenanceV02: 'https://slsa.dev/provenance/v0.2',
  /** SPDX documents (2.x and 3). */
  spdxDocument: 'https://spdx.dev/Document',
  /** CycloneDX BOMs. */
  cycloneDxBom: 'https://cyclonedx.org/bom',
  /** The statement cosign signs for `cosign sign --new-bundle-format`: an image signature. */
  cosignSignV1: 'https://sigstore.dev/cosign/sign/v1',
} as const;

/**
 * The predicate families Kitstage summarises; `other` is everything else (shown as JSON).
 *
 * @public
 */
export type AttestationPredicateKind =
  | 'scan-evaluation'
  | 'vulnerabilities'
  | 'slsa-provenance'
  | 'spdx'
  | 'cyclonedx'
  | 'signature'
  | 'other';

const PREFIXES: Array<[string, AttestationPredicateKind]> = [
  ['https://in-toto.io/attestation/vulns', 'vulnerabilities'],
  ['https://slsa.dev/provenance/', 'slsa-provenance'],
  [AttestationTypes.spdxDocument, 'spdx'],
  [AttestationTypes.cycloneDxBom, 'cyclonedx'],
];

/**
 * Tells which family a predicate type URI belongs to. Versioned variants of the SPDX,
 * CycloneDX, SLSA and in-toto vulnerability URIs (`https://cyclonedx.org/bom/v1.5`) are
 * recognised; the scan evaluation predicate must be its exact v1 URI.
 *
 * @public
 */
export function classifyPredicateType(
  predicateType: string,
): AttestationPredicateKind {
  if (predicateType === AttestationTypes.scanEvaluationV1) {
    return 'scan-evaluation';
  }
  if (predicateType === AttestationTypes.cosignVulnV1) {
    return 'vulnerabilities';
  }
  if (predicateType === AttestationTypes.cosignSignV1) {
    return 'signature';
  }
  for (const [prefix, kind] of PREFIXES) {
    if (
      predicateType === prefix ||
      (predicateType.startsWith(prefix) &&
        /^\/?v?\d/.test(predicateType.slice(prefix.length)))
    ) {
      return kind;
    }
  }
  return 'other';
}
