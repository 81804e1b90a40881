import {
  ATTESTATION_POLICY_REQUIREMENTS,
  AttestationPolicyConfig,
  AttestationPolicyRule,
} from './AttestationPolicy';
import { AttestationResult } from './AttestationResult';
import { AttestationSummary } from './AttestationSummary';
import { ScanFindingSeverity } from './scanEvaluation';
import { VULNERABILITY_SEVERITIES } from './vulnerabilities';

/**
 * The outcome of a policy or of one of its rules.
 *
 * - `passed`: verified evidence meets every condition.
 * - `failed`: verified evidence breaks a condition (a `concern` finding, a vulnerability over
 *   the limit, provenance from another repository).
 * - `missing`: no verified evidence of the required kind, or not every attestation could be
 *   checked so a pass cannot be confirmed.
 *
 * @public
 */
export type AttestationPolicyStatus = 'passed' | 'failed' | 'missing';

/**
 * The outcome of one rule.
 *
 * @public
 */
export interface AttestationPolicyRuleResult {
  /** The rule identifier. */
  id: string;
  /** What the rule is for, from the configuration. */
  description?: string;
  /** The evidence the rule requires. */
  require: string;
  /** The outcome of the rule. */
  status: AttestationPolicyStatus;
  /** Why, naming the attestation, signer and condition. */
  message: string;
  /** The attestations that met the rule (`passed`) or broke it (`failed`). */
  attestationIds: string[];
}

/**
 * The policy outcome of one ModelKit version.
 *
 * @public
 */
export interface AttestationPolicyResult {
  /** The lifecycle whose policy was evaluated. */
  lifecycle: string;
  /** False when the lifecycle has no rules: nothing is required and the status is `passed`. */
  applies: boolean;
  /** The outcome for the version. */
  status: AttestationPolicyStatus;
  /** One sentence: the first failed (or missing) rule and why, or what passed. */
  message: string;
  /** The first rule that failed, or else the first that is missing evidence. */
  failedRule?: string;
  /** Every rule of the lifecycle with its outcome, in configuration order. */
  rules: AttestationPolicyRuleResult[];
}

/**
 * What {@link evaluateAttestationPolicy} needs.
 *
 * @public
 */
export interface AttestationPolicyInput {
  /** The attestations of the version, with their verification states. */
  attestations: readonly AttestationResult[];
  /** The ModelKit entity's `spec.lifecycle`. */
  lifecycle: string;
  /** The policies per lifecycle (`kitstage.policies`). */
  policies: AttestationPolicyConfig;
  /**
   * False when not every attestation could be checked (a limit was reached or a lookup
   * failed). A result that would pass is then `missing`: unseen evidence could break a rule.
   */
  complete?: boolean;
}

const DEFAULT_FORBIDDEN: ScanFindingSeverity[] = ['concern', 'error'];

const REQUIREMENT_LABELS: Record<string, string> = {
  'scan-evaluation': 'scan evaluation',
  vulnerabilities: 'vulnerability scan',
  'slsa-provenance': 'SLSA provenance',
  sbom: 'SBOM',
  signature: 'signature',
};

function label(require: string): string {
  return REQUIREMENT_LABELS[require] ?? `attestation of type ${require}`;
}

function summaryFamily(summary: AttestationSummary | undefined) {
  if (!summary) {
    return undefined;
  }
  if (summary.kind === 'invalid') {
    return summary.predicateKind === 'spdx' ||
      summary.predicateKind === 'cyclonedx'
      ? 'sbom'
      : summary.predicateKind;
  }
  return summary.kind;
}

function matchesRequirement(
  attestation: AttestationResult,
  require: string,
): boolean {
  if (require === 'signature') {
    return attestation.kind === 'signature';
  }
  if (
    (ATTESTATION_POLICY_REQUIREMENTS as readonly string[]).includes(require)
  ) {
    return (
      attestation.kind === 'attestation' &&
      summaryFamily(attestation.summary) === require
    );
  }
  return attestation.predicateType === require;
}

function signerName(attestation: AttestationResult): string {
  return attestation.signer?.trustedName ?? 'an unnamed signer';
}

/** Returns why the attestation breaks the rule, or undefined when it meets it. */
function violation(
  rule: AttestationPolicyRule,
  attestation: AttestationResult,
): string | undefined {
  const summary = attestation.summary;
  if (summary?.kind === 'invalid') {
    return `its predicate does not match the ${summaryFamily(
      summary,
    )} schema (${summary.issues[0] ?? 'unknown problem'})`;
  }
  if (summary?.kind === 'scan-evaluation') {
    const scan = summary.scanEvaluation;
    if (scan.digestMatchesSubject === false) {
      return `it names ModelKit digest ${scan.modelKit?.digest}, not this version`;
    }
    if (scan.declaredResult === 'fail') {
      return `${scan.scanner.name} declared the scan failed`;
    }
    for (const severity of rule.forbiddenSeverities ?? DEFAULT_FORBIDDEN) {
      const count = scan.findingCounts[severity];
      if (count > 0) {
        const first = scan.findings.find(f => f.severity === severity);
        return `${scan.scanner.name} reported ${count} ${severity} finding${
          count === 1 ? '' : 's'
        }${first ? ` (first: ${first.title})` : ''}`;
      }
    }
    if (rule.requirePassingMetrics ?? true) {
      const failed = scan.metrics.find(m => m.passed === false);
      if (failed) {
        const bounds = [
          failed.threshold?.min !== undefined
            ? `at least ${failed.threshold.min}`
            : undefined,
          failed.threshold?.max !== undefined
            ? `at most ${failed.threshold.max}`
            : undefined,
        ]
          .filter(Boolean)
          .join(' and ');
        return `metric ${failed.name} is ${failed.value}, which should be ${bounds}`;
      }
      if (scan.failedMetrics > 0) {
        return `${scan.failedMetrics} metrics are outside their thresholds`;
      }
    }
  }
  if (summary?.kind === 'vulnerabilities' && rule.maxVulnerabilities) {
    const vulns = summary.vulnerabilities;
    if (!vulns.resultsRead) {
      return `the results of ${vulns.scanner.uri} could not be read, so vulnerability counts cannot be checked`;
    }
    for (const severity of VULNERABILITY_SEVERITIES) {
      const max = rule.maxVulnerabilities[severity];
      if (max !== undefined && vulns.counts[severity] > max) {
        return `${vulns.counts[severity]} ${severity} vulnerabilities, more than the ${max} allowed`;
      }
    }
  }
  if (summary?.kind === 'slsa-provenance') {
    const provenance = summary.provenance;
    if (
      rule.sourceRepositories &&
      !rule.sourceRepositories.includes(provenance.sourceRepository ?? '')
    ) {
      return `it was built from ${
        provenance.sourceRepository ?? 'an unnamed source'
      }, which is not an allowed source repository`;
    }
    if (rule.builderIds && !rule.builderIds.includes(provenance.builderId)) {
      return `it was built by ${provenance.builderId}, which is not an allowed builder`;
    }
  }
  return undefined;
}

function evaluateRule(
  rule: AttestationPolicyRule,
  attestations: readonly AttestationResult[],
): AttestationPolicyRuleResult {
  const base = {
    id: rule.id,
    ...(rule.description ? { description: rule.description } : {}),
    require: rule.require,
  };
  const ofType = attestations.filter(a => matchesRequirement(a, rule.require));
  const verified = ofType.filter(a => a.state === 'verified');
  const allowed = verified.filter(
    a =>
      !rule.signers ||
      (a.signer?.trustedName !== undefined &&
        rule.signers.includes(a.signer.trustedName)),
  );
  const what = label(rule.require);
  if (allowed.length === 0) {
    const notes: string[] = [];
    const unverified = ofType.filter(a => a.state !== 'verified');
    if (unverified.length > 0) {
      const states = [...new Set(unverified.map(a => a.state))].join(', ');
      notes.push(`${unverified.length} found but not verified (${states})`);
    }
    const otherSigners = verified.length - allowed.length;
    if (otherSigners > 0) {
      notes.push(
        `${otherSigners} verified but signed by ${[
          ...new Set(verified.map(signerName)),
        ].join(', ')}, not by ${rule.signers!.join(' or ')}`,
      );
    }
    return {
      ...base,
      status: 'missing',
      message: `No verified ${what}${
        rule.signers ? ` from ${rule.signers.join(' or ')}` : ''
      }${notes.length > 0 ? `: ${notes.join('; ')}` : ''}`,
      attestationIds: [],
    };
  }
  const broken = allowed
    .map(attestation => ({ attestation, why: violation(rule, attestation) }))
    .filter(
      (entry): entry is { attestation: AttestationResult; why: string } =>
        entry.why !== undefined,
    );
  if (broken.length > 0) {
    const first = broken[0];
    return {
      ...base,
      status: 'failed',
      message: `The verified ${what} signed by ${signerName(
        first.attestation,
      )} fails: ${first.why}${
        broken.length > 1 ? ` (and ${broken.length - 1} more)` : ''
      }`,
      attestationIds: broken.map(entry => entry.attestation.id),
    };
  }
  return {
    ...base,
    status: 'passed',
    message: `${allowed.length} verified ${what}${
      allowed.length === 1 ? '' : 's'
    } signed by ${[...new Set(allowed.map(signerName))].join(', ')} meet${
      allowed.length === 1 ? 's' : ''
    } the rule`,
    attestationIds: allowed.map(a => a.id),
  };
}

/**
 * Evaluates the attestation policy of a lifecycle against the verified attestations of one
 * ModelKit version. Pure: only `verified` attestations count as evidence, every verified
 * attestation of a rule's kind (from its allowed signers) must meet the rule, and a result
 * that would pass becomes `missing` when the attestations were not all checked.
 *
 * @public
 */
export function evaluateAttestationPolicy(
  input: AttestationPolicyInput,
): AttestationPolicyResult {
  const policy =
    (Object.prototype.hasOwnProperty.call(
      input.policies.lifecycles,
      input.lifecycle,
    )
      ? input.policies.lifecycles[input.lifecycle]
      : undefined) ?? input.policies.default;
  if (!policy || policy.rules.length === 0) {
    return {
      lifecycle: input.lifecycle,
      applies: false,
      status: 'passed',
      message: `No attestations are required for lifecycle ${input.lifecycle}`,
      rules: [],
    };
  }
  const rules = policy.rules.map(rule =>
    evaluateRule(rule, input.attestations),
  );
  const failed = rules.find(r => r.status === 'failed');
  const missing = rules.find(r => r.status === 'missing');
  const lifecycle = input.lifecycle;
  if (failed) {
    return {
      lifecycle,
      applies: true,
      status: 'failed',
      message: `Rule ${failed.id} failed: ${failed.message}`,
      failedRule: failed.id,
      rules,
    };
  }
  if (missing) {
    return {
      lifecycle,
      applies: true,
      status: 'missing',
      message: `Rule ${missing.id} has no evidence: ${missing.message}`,
      failedRule: missing.id,
      rules,
    };
  }
  const unchecked = input.attestations.filter(
    a => a.state === 'not-checked',
  ).length;
  if (input.complete === false || unchecked > 0) {
    return {
      lifecycle,
      applies: true,
      status: 'missing',
      message: `Every rule passed on the attestations that were checked, but ${
        unchecked > 0
          ? `${unchecked} could not be checked`
          : 'the search for attestations did not complete'
      }, so the policy cannot pass`,
      rules,
    };
  }
  return {
    lifecycle,
    applies: true,
    status: 'passed',
    message: `All ${rules.length} rule${
      rules.length === 1 ? '' : 's'
    } of lifecycle ${lifecycle} passed`,
    rules,
  };
}
