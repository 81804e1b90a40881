import {
  AttestationPolicyConfig,
  AttestationPolicyResult,
  AttestationReport,
  countAttestationStates,
  evaluateAttestationPolicy,
  ModelKitAttestationsResponse,
  ModelKitVersionPolicyStatus,
} from '@kitstage/plugin-modelkit-common';
import { manifestDigest, subject } from './attestationBuilders';
import { attestationsV120 } from './attestations';
import { digests, repository } from './modelKitVersions';
import type { FixtureModelKitData } from './FixtureModelKitApi';

/**
 * The policies of the demo portal.
 *
 * @public
 */
export const policies: AttestationPolicyConfig = {
  lifecycles: {
    production: {
      description: 'Production needs a clean, verified scan evaluation',
      rules: [
        {
          id: 'scan-clean',
          description: 'A verified scan evaluation without concerns or errors',
          require: 'scan-evaluation',
          signers: ['scanner'],
        },
        {
          id: 'no-critical-vulns',
          require: 'vulnerabilities',
          maxVulnerabilities: { critical: 0 },
        },
      ],
    },
    experimental: { rules: [] },
  },
};

/**
 * The report of v1.2.0: the search stopped at the attestation limit.
 *
 * @public
 */
export const reportV120: AttestationReport = {
  subject: { source: 'demo', repository, digest: subject },
  attestations: attestationsV120,
  counts: countAttestationStates(attestationsV120, 2),
  limits: {
    maxAttestations: 8,
    maxBytes: 128 * 1024 * 1024,
    bytesRead: 36_864,
    reached: 'count',
    omitted: 2,
  },
  discovery: {
    referrers: 'referrers-api',
    errors: [
      {
        where: `${repository}:sha256-${subject.slice(7)}.sig`,
        message: 'HTTP 500 from the registry',
      },
    ],
  },
  otherReferrers: [
    {
      digest: manifestDigest('d0'),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.example.model-card',
    },
  ],
  complete: false,
  checkedAt: '2025-05-21T08:00:00Z',
};

/**
 * The production policy of v1.2.0: failed, the scan has a concern finding.
 *
 * @public
 */
export const policyV120: AttestationPolicyResult = evaluateAttestationPolicy({
  attestations: attestationsV120,
  lifecycle: 'production',
  policies,
  complete: false,
});

/**
 * The report of v1.1.0: no attestation was found.
 *
 * @public
 */
export const reportV110: AttestationReport = {
  subject: { source: 'demo', repository, digest: digests.v110 },
  attestations: [],
  counts: countAttestationStates([]),
  limits: {
    maxAttestations: 100,
    maxBytes: 128 * 1024 * 1024,
    bytesRead: 0,
    omitted: 0,
  },
  discovery: { referrers: 'referrers-api', errors: [] },
  otherReferrers: [],
  complete: true,
  checkedAt: '2025-05-21T08:00:00Z',
};

/**
 * The production policy of v1.1.0: no evidence at all.
 *
 * @public
 */
export const policyV110: AttestationPolicyResult = evaluateAttestationPolicy({
  attestations: [],
  lifecycle: 'production',
  policies,
  complete: true,
});

/**
 * A policy that passed, for v1.0.0.
 *
 * @public
 */
export const policyPassed: AttestationPolicyResult = {
  lifecycle: 'production',
  applies: true,
  status: 'passed',
  message: 'All 2 rules of lifecycle production passed',
  rules: [],
};

/**
 * The outcome for lifecycles without rules.
 *
 * @public
 */
export const policyNotApplicable: AttestationPolicyResult =
  evaluateAttestationPolicy({
    attestations: [],
    lifecycle: 'experimental',
    policies,
  });

/**
 * What the backend answers for the attestations of v1.2.0.
 *
 * @public
 */
export const attestationsResponseV120: ModelKitAttestationsResponse = {
  repository,
  reference: digests.v120,
  digest: digests.v120,
  report: reportV120,
  policy: policyV120,
};

/**
 * What the backend answers for the attestations of v1.1.0.
 *
 * @public
 */
export const attestationsResponseV110: ModelKitAttestationsResponse = {
  repository,
  reference: digests.v110,
  digest: digests.v110,
  report: reportV110,
  policy: policyV110,
};

function status(
  digest: string,
  policy: AttestationPolicyResult,
  report?: AttestationReport,
): ModelKitVersionPolicyStatus {
  return {
    digest,
    status: policy.status,
    applies: policy.applies,
    message: policy.message,
    ...(policy.failedRule ? { failedRule: policy.failedRule } : {}),
    counts: report?.counts ?? countAttestationStates([]),
    complete: report?.complete ?? true,
    ...(report ? { checkedAt: report.checkedAt } : {}),
  };
}

/**
 * The policy status of each version, as the batched policy route reports it.
 *
 * @public
 */
export const policyStatuses: ModelKitVersionPolicyStatus[] = [
  status(digests.v120, policyV120, reportV120),
  status(digests.v110, policyV110, reportV110),
  status(digests.v100, policyPassed),
  {
    ...status(digests.v090, policyV110),
    error:
      'Registry registry.example.com:5000 could not be reached: connect ECONNREFUSED 10.0.0.12:5000',
  },
];

/**
 * The attestation data of the fixture ModelKit API.
 *
 * @public
 */
export const attestationApiData: Partial<FixtureModelKitData> = {
  lifecycle: 'production',
  attestations: [attestationsResponseV120, attestationsResponseV110],
  policyStatuses,
};
