import type {
  AttestationPolicyConfig,
  AttestationReport,
  AttestationResult,
} from '@kitstage/plugin-modelkit-common';
import {
  countAttestationStates,
  evaluateAttestationPolicy,
} from '@kitstage/plugin-modelkit-common';
import type { AttestationService } from '@kitstage/plugin-modelkit-node';

/** The repository of the reports. */
export const REPOSITORY = 'registry.example.com/team/sentiment';

/** A distinct manifest digest per number. */
export const digest = (n: number) =>
  `sha256:${n.toString(16).padStart(64, '0')}`;

/** A verified scan evaluation that found nothing. */
export function verifiedScan(): AttestationResult {
  return {
    id: 'sha256:aa#0',
    kind: 'attestation',
    format: 'dsse-envelope',
    discoveredVia: 'cosign-tag',
    location: { manifestDigest: 'sha256:aa', mediaType: 'x', size: 1 },
    state: 'verified',
    reason: 'signed by trusted key release-ci',
    signer: { type: 'public-key', trustedName: 'release-ci' },
    signatures: [],
    summary: {
      kind: 'scan-evaluation',
      scanEvaluation: {
        scanner: { name: 'modelscan' },
        verdict: 'pass',
        findingCounts: { info: 0, anomaly: 0, concern: 0, error: 0 },
        findings: [],
        omittedFindings: 0,
        metrics: [],
        failedMetrics: 0,
        startedOn: '2026-03-01T10:00:00Z',
        finishedOn: '2026-03-01T10:04:30Z',
        durationMs: 270_000,
      },
    },
  };
}

/** The report of a digest of {@link REPOSITORY} with these attestations. */
export function reportOf(
  subject: string,
  attestations: AttestationResult[],
  complete = true,
): AttestationReport {
  return {
    subject: { source: 'main', repository: REPOSITORY, digest: subject },
    attestations,
    counts: countAttestationStates(attestations),
    limits: { maxAttestations: 100, maxBytes: 1, bytesRead: 0, omitted: 0 },
    discovery: { errors: [] },
    otherReferrers: [],
    complete,
    checkedAt: '2026-03-01T10:00:00.000Z',
  };
}

/** The policy side of a fake attestation service: the real evaluation of `policies`. */
export function evaluatingPolicies(
  policies: AttestationPolicyConfig,
): Omit<AttestationService, 'verifyVersion'> {
  return {
    evaluatePolicy: (report, lifecycle) =>
      evaluateAttestationPolicy({
        attestations: report.attestations,
        lifecycle,
        policies,
        complete: report.complete,
      }),
    getPolicies: () => policies,
    getTrustedSigners: () => ({ keys: [], identities: [] }),
  };
}
