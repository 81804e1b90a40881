import type { AttestationPolicyResult } from '../attestation/evaluateAttestationPolicy';
import type { ModelKitDiff } from '../api/diffTypes';

/**
 * One environment a Component's ModelKit can be promoted into, from `kitstage.environments`.
 *
 * @public
 */
export interface PromotionEnvironment {
  /** The environment name, e.g. `production`; also the default overlay directory name. */
  name: string;
  /** A human title; defaults to the name. */
  title?: string;
  /**
   * The overlay directory of the environment in a Component's repository. Defaults to
   * `deploy/overlays/<name>`.
   */
  overlayPath: string;
  /**
   * The attestation policy (a lifecycle name under `kitstage.policies.lifecycles`) the
   * promoted version must pass. No policy gate when absent.
   */
  policy?: string;
  /**
   * The ModelKit entity lifecycles (`spec.lifecycle`) that may reach the environment. Any
   * lifecycle when absent.
   */
  allowedLifecycles?: string[];
  /** ModelKit entity lifecycles that may never reach the environment, e.g. `experimental`. */
  forbiddenLifecycles?: string[];
}

/**
 * The gates of promotion, one per kind:
 *
 * - `permission`: the user may promote the Component (`kitstage.modelkit.promote`). Never
 *   overridable.
 * - `environment`: the environment is configured. Never overridable.
 * - `version`: the version exists and resolves to a digest. Never overridable.
 * - `policy`: the version passes the environment's attestation policy. Overridable.
 * - `lifecycle`: the ModelKit's lifecycle may reach the environment. Overridable.
 *
 * @public
 */
export type PromotionGateKind =
  | 'permission'
  | 'environment'
  | 'version'
  | 'policy'
  | 'lifecycle';

/**
 * The outcome of one gate.
 *
 * @public
 */
export interface PromotionGateResult {
  /** Which gate. */
  gate: PromotionGateKind;
  /** True when the gate lets the promotion through. */
  passed: boolean;
  /** True when a user with `kitstage.modelkit.promote.override` may promote despite it. */
  overridable: boolean;
  /** One sentence: why the gate passed or refused. */
  message: string;
  /** For `policy`: the evaluated attestation policy. */
  policy?: AttestationPolicyResult;
}

/**
 * The ModelKit version a promotion targets, resolved to a digest.
 *
 * @public
 */
export interface PromotionTarget {
  /** The ModelKit entity ref, e.g. `modelkit:default/support-sentiment`. */
  modelKitEntityRef: string;
  /** The ModelKit entity's `spec.lifecycle`. */
  lifecycle: string;
  /** The repository reference, `host/path`. */
  repository: string;
  /** The tag or digest that was asked for. */
  requested: string;
  /** The tag, when one was asked for. */
  tag?: string;
  /** The manifest digest the version resolved to. */
  digest?: string;
  /** The reference written into the overlay, pinned by digest: `host/path@sha256:…`. */
  pinnedReference?: string;
}

/**
 * Every gate of a promotion, evaluated before anything is written.
 *
 * @public
 */
export interface PromotionEvaluation {
  /** The Component entity ref. */
  componentEntityRef: string;
  /** The environment name. */
  environment: string;
  /** The version the promotion targets. */
  target: PromotionTarget;
  /** Every gate, in the order permission, environment, version, lifecycle, policy. */
  gates: PromotionGateResult[];
  /** True when every gate passed. */
  allowed: boolean;
  /**
   * True when the failed gates are all overridable and the user holds
   * `kitstage.modelkit.promote.override` on the Component.
   */
  canOverride: boolean;
  /** The messages of the failed gates: every reason the promotion is refused. */
  refusals: string[];
}

/**
 * Body of `POST /api/modelkit/components/:namespace/:name/promotions/evaluate`.
 *
 * @public
 */
export interface PromotionEvaluationRequest {
  /** The environment name. */
  environment: string;
  /** A tag (`v3`) or a digest (`sha256:…`) of the Component's ModelKit. */
  version: string;
  /** The ModelKit entity ref, when the Component depends on more than one ModelKit. */
  modelKit?: string;
}

/**
 * What a promotion changes, for the pull request body.
 *
 * @public
 */
export interface PromotionChange {
  /** Overlay file paths, relative to the repository root. */
  files: string[];
  /** The references found in the overlay before the change (usually one). */
  previousReferences: string[];
  /** The pinned reference written. */
  reference: string;
  /** The version diff from the previous to the new version, when the previous one was readable. */
  diff?: ModelKitDiff;
}

/**
 * One promotion in the Git history of an environment's overlay: a commit that changed the
 * ModelKit reference in effect.
 *
 * @public
 */
export interface PromotionHistoryEntry {
  /** The environment. */
  environment: string;
  /** The commit id (40 hex). */
  commit: string;
  /** The commit subject. */
  subject: string;
  /** When the commit was made (committer date), ISO 8601 in UTC. */
  committedAt: string;
  /** The author of the commit. */
  author: { name: string; email: string };
  /** The ModelKit reference in effect after the commit, as written in the overlay. */
  reference?: string;
  /** The digest in effect after the commit, when the reference pins one. */
  digest?: string;
  /** The previous entry's digest, when there is an older entry. */
  previousDigest?: string;
  /** The pull or merge request the commit came through, parsed from its message. */
  pullRequest?: { number: number; url?: string };
  /** Why the reference could not be read at this commit (file removed, unreadable YAML, …). */
  problem?: string;
}

/**
 * Response of `GET /api/modelkit/components/:namespace/:name/promotions?environment=`.
 *
 * @public
 */
export interface PromotionHistoryResponse {
  /** The Component entity ref. */
  componentEntityRef: string;
  /** The repository read, without credentials. */
  repository: string;
  /** The branch read. */
  branch: string;
  /** Newest first: for each environment asked for, the commits that changed its reference. */
  entries: PromotionHistoryEntry[];
  /** True when the history was cut at the configured commit limit. */
  truncated: boolean;
}
