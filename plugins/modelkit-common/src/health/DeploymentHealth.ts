/**
 * The health of one service on one cluster, or a roll-up of several.
 *
 * - `healthy`: every observed object reports it is reconciled and serving.
 * - `progressing`: a change is on its way (reconciling, rolling out, canary, out of sync).
 * - `degraded`: something is failing and needs attention.
 * - `suspended`: delivery was paused on purpose (Flux `spec.suspend`, a paused Deployment or
 *   Argo Rollout, a stopped InferenceService, Argo CD health `Suspended`).
 * - `not-deployed`: nothing of the service was observed on the cluster.
 * - `unknown`: objects were observed but their status could not be read.
 *
 * @public
 */
export type DeploymentHealthStatus =
  | 'healthy'
  | 'progressing'
  | 'degraded'
  | 'suspended'
  | 'not-deployed'
  | 'unknown';

/**
 * Every {@link DeploymentHealthStatus}, worst first. This order is the precedence rule used
 * everywhere: the status of a service on a cluster is the worst impact among its reasons, and
 * roll-ups take the worst status among their members.
 *
 * @remarks
 * `degraded` wins over everything: a failure is shown even while delivery is suspended.
 * `suspended` wins over `progressing` and `unknown`: a paused controller explains why nothing
 * moves, and the status it still reports is frozen. `progressing` wins over `unknown`: what is
 * known to be moving is more useful than what could not be read. `unknown` wins over
 * `healthy`: one unreadable object is enough not to claim health. `not-deployed` is the
 * least severe, so a service deployed on some clusters rolls up to the status of those.
 *
 * @public
 */
export const DEPLOYMENT_HEALTH_PRECEDENCE: readonly DeploymentHealthStatus[] =
  Object.freeze([
    'degraded',
    'suspended',
    'progressing',
    'unknown',
    'healthy',
    'not-deployed',
  ]);

/**
 * The status a {@link HealthReason} pushes the overall status towards; `none` for reasons
 * that inform without changing the status (a mutable tag, a missing attestation).
 *
 * @public
 */
export type HealthImpact = Exclude<DeploymentHealthStatus, 'healthy'> | 'none';

/**
 * How loudly a reason should be shown: `error` for failures, `warning` for what needs a
 * look, `info` for context.
 *
 * @public
 */
export type HealthReasonSeverity = 'error' | 'warning' | 'info';

/**
 * The Kubernetes object a {@link HealthReason} was read from.
 *
 * @public
 */
export interface HealthObjectReference {
  /** For example `kustomize.toolkit.fluxcd.io/v1` or `apps/v1`. */
  apiVersion?: string;
  /** For example `Kustomization`, `Deployment`, `Pod`. */
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  /** The object's `metadata.name`, or its position in the input list when it has none. */
  name: string;
}

/**
 * One finding that contributed to a {@link DeploymentHealth}.
 *
 * @public
 */
export interface HealthReason {
  /** A stable identifier, one of {@link HEALTH_REASON_CODES}. */
  code: HealthReasonCode;
  /** How loudly to show the reason; always the one {@link HEALTH_REASON_CODES} gives its code. */
  severity: HealthReasonSeverity;
  /** The status this reason pushes towards (see {@link DEPLOYMENT_HEALTH_PRECEDENCE}). */
  impact: HealthImpact;
  /**
   * A sentence for people. It quotes the controller's own message where there is one (for
   * example the message of Flux's `Ready` condition), after naming the object.
   */
  message: string;
  /** The object the reason was read from. Absent for reasons about the input as a whole. */
  object?: HealthObjectReference;
  /**
   * The controller's own reason word when there is one, for example Flux's `ArtifactFailed`,
   * Kubernetes' `ProgressDeadlineExceeded` or a container's `CrashLoopBackOff`.
   */
  controllerReason?: string;
}

/**
 * The health of one service on one cluster: a status and the reasons that led to it, worst
 * first.
 *
 * @public
 */
export interface DeploymentHealth {
  /** The worst impact among the reasons, by {@link DEPLOYMENT_HEALTH_PRECEDENCE}. */
  status: DeploymentHealthStatus;
  /** Every finding, worst impact first; among equals, in the order found. */
  reasons: HealthReason[];
}

/** The impact and severity pairs the reason codes carry. */
const DEGRADED_ERROR = { impact: 'degraded', severity: 'error' } as const;
const PROGRESSING_INFO = { impact: 'progressing', severity: 'info' } as const;
const PROGRESSING_WARNING = {
  impact: 'progressing',
  severity: 'warning',
} as const;
const SUSPENDED_WARNING = { impact: 'suspended', severity: 'warning' } as const;
const UNKNOWN_WARNING = { impact: 'unknown', severity: 'warning' } as const;
const NONE_WARNING = { impact: 'none', severity: 'warning' } as const;
const NONE_INFO = { impact: 'none', severity: 'info' } as const;
const NOT_DEPLOYED_INFO = { impact: 'not-deployed', severity: 'info' } as const;

/**
 * The stable reason codes, each with the impact and severity it always carries.
 *
 * @public
 */
export const HEALTH_REASON_CODES = Object.freeze({
  /** No Flux, Argo CD, workload, Argo Rollouts or KServe object was observed. */
  'no-objects': NOT_DEPLOYED_INFO,
  /** An object has no `status`, or lacks the condition its kind always reports. */
  'status-missing': UNKNOWN_WARNING,
  /** A status field has the wrong type, or an input entry is not an object. */
  'status-malformed': UNKNOWN_WARNING,
  /** `status.observedGeneration` is behind `metadata.generation`: the status is not yet current. */
  'status-not-current': PROGRESSING_INFO,
  /** The object is being deleted (`metadata.deletionTimestamp`). */
  'object-terminating': PROGRESSING_INFO,

  /** A Flux Kustomization, HelmRelease or source has `spec.suspend: true`. */
  'flux-suspended': SUSPENDED_WARNING,
  /** A Flux `Ready` condition is `False`; the message is Flux's. */
  'flux-not-ready': DEGRADED_ERROR,
  /** A Flux `Stalled` condition is `True`: the controller gave up until the spec changes. */
  'flux-stalled': DEGRADED_ERROR,
  /** `Ready` is `False` with reason `DependencyNotReady`: waiting for `spec.dependsOn`. */
  'flux-dependency-not-ready': PROGRESSING_WARNING,
  /** `Reconciling` is `True` or `Ready` is `Unknown`. */
  'flux-reconciling': PROGRESSING_INFO,
  /** The applied revision differs from the revision the source has fetched. */
  'flux-revision-not-applied': PROGRESSING_WARNING,
  /** The referenced GitRepository or OCIRepository is not `Ready`. */
  'flux-source-not-ready': DEGRADED_ERROR,
  /**
   * The source's `SourceVerified` condition is `False`: the new revision failed signature
   * verification and the controller keeps serving the last verified artifact.
   */
  'flux-source-verification-failed': DEGRADED_ERROR,

  /** Argo CD `status.sync.status` is `OutOfSync`. */
  'argocd-out-of-sync': PROGRESSING_WARNING,
  /** Argo CD `status.sync.status` is `Unknown`. */
  'argocd-sync-unknown': UNKNOWN_WARNING,
  /** Argo CD `status.health.status` is `Degraded`. */
  'argocd-degraded': DEGRADED_ERROR,
  /** Argo CD `status.health.status` is `Progressing`. */
  'argocd-progressing': PROGRESSING_INFO,
  /** Argo CD `status.health.status` is `Missing`: resources not yet created. */
  'argocd-missing': PROGRESSING_WARNING,
  /** Argo CD `status.health.status` is `Suspended`. */
  'argocd-suspended': SUSPENDED_WARNING,
  /** Argo CD `status.health.status` is `Unknown`. */
  'argocd-health-unknown': UNKNOWN_WARNING,
  /** Argo CD `status.operationState.phase` is `Failed` or `Error`. */
  'argocd-operation-failed': DEGRADED_ERROR,
  /** Argo CD `status.operationState.phase` is `Running` or `Terminating`. */
  'argocd-operation-running': PROGRESSING_INFO,
  /** An Argo CD Application condition of an error type (`ComparisonError`, `SyncError`...). */
  'argocd-condition-error': DEGRADED_ERROR,
  /** An Argo CD Application condition of a warning type (`SharedResourceWarning`...). */
  'argocd-condition-warning': NONE_WARNING,
  /** An Argo CD Application reports a sync status but no `status.health`: never healthy. */
  'argocd-health-unreported': UNKNOWN_WARNING,
  /**
   * `status.resources` lists a resource whose health is `Degraded` while the Application
   * does not say so itself.
   */
  'argocd-resource-degraded': DEGRADED_ERROR,
  /** `status.resources` lists a resource whose health is `Missing` (not on the cluster). */
  'argocd-resource-missing': PROGRESSING_WARNING,
  /** `status.resources` lists a resource whose sync status is `OutOfSync`. */
  'argocd-resource-out-of-sync': PROGRESSING_WARNING,

  /** An Argo Rollout is paused: `spec.paused`, or `status.pauseConditions` (a pause step...). */
  'rollout-paused': SUSPENDED_WARNING,
  /** An Argo Rollout's update was aborted (`status.abort`): the stable version serves. */
  'rollout-aborted': DEGRADED_ERROR,
  /**
   * An Argo Rollout is degraded: `status.phase` `Degraded`, `InvalidSpec` `True`, or
   * `Progressing` `False` (progress deadline exceeded).
   */
  'rollout-degraded': DEGRADED_ERROR,
  /** An Argo Rollout is progressing (`status.phase` `Progressing`). */
  'rollout-progressing': PROGRESSING_INFO,
  /** An Argo Rollout canary is under way: its step, and the weight the canary gets. */
  'rollout-canary': PROGRESSING_INFO,
  /** An AnalysisRun of the current update ended `Failed` or `Error`. */
  'analysis-run-failed': DEGRADED_ERROR,
  /** An AnalysisRun of the current update ended `Inconclusive`: a person has to decide. */
  'analysis-run-inconclusive': SUSPENDED_WARNING,
  /** An AnalysisRun of the current update is `Pending` or `Running`. */
  'analysis-run-running': PROGRESSING_INFO,

  /** A Deployment has `spec.paused: true`. */
  'deployment-paused': SUSPENDED_WARNING,
  /** A Deployment rollout is under way (new ReplicaSet not yet fully available). */
  'deployment-rollout-in-progress': PROGRESSING_INFO,
  /** A Deployment's `Progressing` condition is `False` with reason `ProgressDeadlineExceeded`. */
  'deployment-progress-deadline-exceeded': DEGRADED_ERROR,
  /** A Deployment finished its rollout but fewer replicas are available than desired. */
  'replicas-unavailable': DEGRADED_ERROR,
  /** A `ReplicaFailure` condition on a Deployment or ReplicaSet (quota, admission...). */
  'replica-failure': DEGRADED_ERROR,
  /** A Deployment is scaled to zero replicas. */
  'deployment-scaled-to-zero': NONE_INFO,
  /** A container or init container waits with `CrashLoopBackOff`. */
  'pod-crash-looping': DEGRADED_ERROR,
  /** A container waits with `ImagePullBackOff`, `ErrImagePull` or an invalid image. */
  'pod-image-pull-failed': DEGRADED_ERROR,
  /** A container cannot be created or started (`CreateContainerConfigError`...). */
  'pod-container-error': DEGRADED_ERROR,
  /** A container restarted often but is not crash-looping right now. */
  'pod-restarting': NONE_WARNING,
  /** A pod cannot be scheduled (`PodScheduled` is `False`, reason `Unschedulable`). */
  'pod-unschedulable': PROGRESSING_WARNING,
  /** A pod is in phase `Failed` (evicted, or its containers failed for good). */
  'pod-failed': NONE_WARNING,
  /** A `LoadBalancer` Service has no ingress address yet. */
  'service-load-balancer-pending': PROGRESSING_INFO,
  /**
   * GitOps objects were found but no Deployment, Pod, Rollout, InferenceService or
   * LLMInferenceService.
   */
  'no-workloads': NONE_WARNING,

  /** An InferenceService's `Ready` condition is `False`. */
  'inference-service-not-ready': DEGRADED_ERROR,
  /** An InferenceService's `PredictorReady` condition is `False`. */
  'inference-service-predictor-not-ready': DEGRADED_ERROR,
  /** An InferenceService's `Ready` condition is `Unknown`: it is being rolled out. */
  'inference-service-pending': PROGRESSING_INFO,
  /** The predictor's model failed to load (`status.modelStatus`). */
  'inference-service-model-load-failed': DEGRADED_ERROR,
  /** Predictor traffic is split between the latest revision (canary) and the previous one. */
  'inference-service-canary': PROGRESSING_INFO,
  /** An InferenceService's `Stopped` condition is `True`. */
  'inference-service-stopped': SUSPENDED_WARNING,
  /**
   * An LLMInferenceService's `Ready` condition is `False`; the message names the conditions
   * (`MainWorkloadReady`, `RouterReady`...) that are `False`.
   */
  'llm-inference-service-not-ready': DEGRADED_ERROR,
  /** An LLMInferenceService's `Ready` condition is `Unknown`: it is being rolled out. */
  'llm-inference-service-pending': PROGRESSING_INFO,

  /** A running ModelKit version fails the attestation policy. */
  'modelkit-policy-failed': DEGRADED_ERROR,
  /** A running ModelKit version has no attestation the policy could check. */
  'modelkit-policy-missing': NONE_WARNING,
  /** A workload runs a ModelKit by a mutable tag instead of a digest. */
  'modelkit-mutable-tag': NONE_WARNING,
} as const satisfies Record<string, { impact: HealthImpact; severity: HealthReasonSeverity }>);

/**
 * A stable reason code: a key of {@link HEALTH_REASON_CODES}.
 *
 * @public
 */
export type HealthReasonCode = keyof typeof HEALTH_REASON_CODES;
