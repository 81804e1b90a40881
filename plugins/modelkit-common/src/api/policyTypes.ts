import type {
  AttestationReport,
  AttestationVerificationState,
} from '../attestation/AttestationResult';
import type {
  AttestationPolicyResult,
  AttestationPolicyStatus,
} from '../attestation/evaluateAttestationPolicy';
import type { ModelKitVersionSummary } from './versionTypes';

/**
 * The most digests one `GET /modelkits/:namespace/:name/policy` request may name: a full page
 * of versions.
 *
 * @public
 */
export const MAX_POLICY_STATUS_DIGESTS = 100;

/**
 * Response of `GET /modelkits/:namespace/:name/versions/:reference/attestations`: every
 * attestation and signature of one version with its verification state, and the policy of the
 * ModelKit's lifecycle evaluated on them.
 *
 * @public
 */
export interface ModelKitAttestationsResponse {
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /** The tag or digest that was asked for. */
  reference: string;
  /**
   * The manifest digest the registry resolved and Kitstage hashed: every `verified` statement
   * names it.
   */
  digest: string;
  /** The attestations, their states, summaries and `cosign` commands. */
  report: AttestationReport;
  /** The policy of the entity's `spec.lifecycle` (`policy.lifecycle`) on this report. */
  policy: AttestationPolicyResult;
}

/**
 * The policy status of one version, for badges in the versions table, the entity header and
 * the deployment views.
 *
 * @public
 */
export interface ModelKitVersionPolicyStatus {
  /** The manifest digest. */
  digest: string;
  /** `passed`, `failed` (a rule failed) or `missing` (a rule lacks verified evidence). */
  status: AttestationPolicyStatus;
  /** False when the lifecycle requires nothing: the status is then `passed`. */
  applies: boolean;
  /** One sentence: the rule that failed or lacks evidence and why, or what passed. */
  message: string;
  /** The first rule that failed, or else the first that lacks evidence. */
  failedRule?: string;
  /** How many attestations ended in each verification state. */
  counts: Record<AttestationVerificationState, number>;
  /** False when not every attestation could be looked up or checked. */
  complete: boolean;
  /** When the attestations were checked (ISO 8601); results are cached for a short while. */
  checkedAt?: string;
  /**
   * Why the attestations of this digest could not be checked at all, when they could not; the
   * status is then `missing`.
   */
  error?: string;
}

/**
 * Response of `GET /modelkits/:namespace/:name/policy?digests=…`: the policy status of several
 * versions of one ModelKit in one request.
 *
 * @public
 */
export interface ModelKitPolicyStatusResponse {
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /** The entity's `spec.lifecycle`, whose policy was evaluated. */
  lifecycle: string;
  /** One entry per distinct digest asked for, in the order asked. */
  items: ModelKitVersionPolicyStatus[];
}

/**
 * Response of `GET /modelkits/:namespace/:name/policy/latest`: the policy status of the newest
 * version, for the entity header.
 *
 * @public
 */
export interface ModelKitLatestPolicyStatusResponse {
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /** The entity's `spec.lifecycle`, whose policy was evaluated. */
  lifecycle: string;
  /** The newest version, as the versions listing orders them; absent when there is none. */
  version?: ModelKitVersionSummary;
  /** Its policy status; absent when there is no version. */
  policy?: ModelKitVersionPolicyStatus;
}
