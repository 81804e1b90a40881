import {
  AttestationPolicyResult,
  AttestationReport,
  countAttestationStates,
  ModelKitVersionPolicyStatus,
} from '@kitstage/plugin-modelkit-common';

/**
 * The policy status of a version from its report and policy result.
 *
 * @internal
 */
export function toPolicyStatus(
  report: AttestationReport,
  policy: AttestationPolicyResult,
): ModelKitVersionPolicyStatus {
  return {
    digest: report.subject.digest,
    status: policy.status,
    applies: policy.applies,
    message: policy.message,
    ...(policy.failedRule ? { failedRule: policy.failedRule } : {}),
    counts: report.counts,
    complete: report.complete,
    checkedAt: report.checkedAt,
  };
}

/**
 * The policy status of a version whose attestations could not be checked: `missing` where
 * the policy requires anything (with why), and the policy's own outcome where it does not.
 *
 * @param policy - The policy evaluated on {@link emptyReport}.
 * @param message - Why the attestations could not be checked.
 * @internal
 */
export function uncheckedPolicyStatus(
  digest: string,
  policy: AttestationPolicyResult,
  message: string,
): ModelKitVersionPolicyStatus {
  return {
    digest,
    status: policy.applies ? 'missing' : policy.status,
    applies: policy.applies,
    message: policy.applies
      ? `The attestations of ${digest} could not be checked: ${message}`
      : policy.message,
    ...(policy.applies && policy.failedRule
      ? { failedRule: policy.failedRule }
      : {}),
    counts: countAttestationStates([]),
    complete: false,
    error: message,
  };
}

/**
 * A report without attestations, to evaluate what a policy requires when nothing is known.
 *
 * @internal
 */
export function emptyReport(version: {
  repository: string;
  digest: string;
}): AttestationReport {
  return {
    subject: {
      source: '',
      repository: version.repository,
      digest: version.digest,
    },
    attestations: [],
    counts: countAttestationStates([]),
    limits: { maxAttestations: 0, maxBytes: 0, bytesRead: 0, omitted: 0 },
    discovery: { errors: [] },
    otherReferrers: [],
    complete: false,
    checkedAt: new Date().toISOString(),
  };
}
