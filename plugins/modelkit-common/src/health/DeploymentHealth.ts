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

/**
 * The stable reason codes, each with the impact and severity it always carries.
 *
 * @public
 */
export const HEALTH_REASON_CODES = Object.freeze({
  /** No Flux, Argo CD, workload, Argo Rollouts or KServe object was observed. */
  'no-objects': { impact: 'not-deployed', severity: 'info' },
  /** An object has no `status`, or lacks the condition its kind always reports. */
  'status-missing': { impact: 'unknown', severity: 'warning' },
  /** A status field has the wrong type, or an input entry is not an object. */
  'status-malformed': { impact: 'unknown', severity: 'warning' },
  /** `status.observedGeneration` is behind `metadata.generation`: the status is not yet current. */
  'status-not-current': { impact: 'progressing', severity: 'info' },
  /** The object is being deleted (`metadata.deletionTimestamp`). */
  'object-terminating': { impact: 'progressing', severity: 'info' },

  /** A Flux Kustomization, HelmRelease or source has `spec.suspend: true`. */
  'flux-suspended': { impact: 'suspended', severity: 'warning' },
  /** A Flux `Ready` condition is `False`; the message is Flux's. */
  'flux-not-ready': { impact: 'degraded', severity: 'error' },
  /** A Flux `Stalled` condition is `True`: the controller gave up until the spec changes. */
  'flux-stalled': { impact: 'degraded', severity: 'error' },
  /** `Ready` is `False` with reason `DependencyNotReady`: waiting for `spec.dependsOn`. */
  'flux-dependency-not-ready': { impact: 'progressing', severity: 'warning' },
  /** `Reconciling` is `True` or `Ready` is `Unknown`. */
  'flux-reconciling': { impact: 'progressing', severity: 'info' },
  /** The applied revision differs from the revision the source has fetched. */
  'flux-revision-not-applied': { impact: 'progressing', severity: 'warning' },
  /** The referenced GitRepository or OCIRepository is not `Ready`. */
  'flux-source-not-ready': { impact: 'degraded', severity: 'error' },
  /**
   * The source's `SourceVerified` condition is `False`: the new revision failed signature
   * verification and the controller keeps serving the last verified artifact.
   */
  'flux-source-verification-failed': { impact: 'degraded', severity: 'error' },

  /** Argo CD `status.sync.status` is `OutOfSync`. */
  'argocd-out-of-sync': { impact: 'progressing', severity: 'warning' },
  /** Argo CD `status.sync.status` is `Unknown`. */
  'argocd-sync-unknown': { impact: 'unknown', severity: 'warning' },
  /** Argo CD `status.health.status` is `Degraded`. */
  'argocd-degraded': { impact: 'degraded', severity: 'error' },
  /** Argo CD `status.health.status` is `Progressing`. */
  'argocd-progressing': { impact: 'progressing', severity: 'info' },
  /** Argo CD `status.health.status` is `Missing`: resources not yet created. */
  'argocd-missing': { impact: 'progressing', severity: 'warning' },
  /** Argo CD `status.health.status` is `Suspended`. */
  'argocd-suspended': { impact: 'suspended', severity: 'warning' },
  /** Argo CD `status.health.status` is `Unknown`. */
  'argocd-health-unknown': { impact: 'unknown', severity: 'warning' },
  /** Argo CD `status.operationState.phase` is `Failed` or `Error`. */
  'argocd-operation-failed': { impact: 'degraded', severity: 'error' },
  /** Argo CD `status.operationState.phase` is `Running` or `Terminating`. */
  'argocd-operation-running': { impact: 'progressing', severity: 'info' },
  /** An Argo CD Application condition of an error type (`ComparisonError`, `SyncError`...). */
  'argocd-condition-error': { impact: 'degraded', severity: 'error' },
  /** An Argo CD Application condition of a warning type (`SharedResourceWarning`...). */
  'argocd-condition-warning': { impact: 'none', severity: 'warning' },
  /** An Argo CD Application reports a sync status but no `status.health`: never healthy. */
  'argocd-health-unreported': { impact: 'unknown', severity: 'warning' },
  /**
   * `status.resources` lists a resource whose health is `Degraded` while the Application
   * does not say so itself.
   */
  'argocd-resource-degraded': { impact: 'degraded', severity: 'error' },
  /** `status.resources` lists a resource whose health is `Missing` (not on the cluster). */
  'argocd-resource-missing': { impact: 'progressing', severity: 'warning' },
  /** `status.resources` lists a resource whose sync status is `OutOfSync`. */
  'argocd-resource-out-of-sync': { impact: 'progressing', severity: 'warning' },

  /** An Argo Rollout is paused: `spec.paused`, or `status.pauseConditions` (a pause step...). */
  'rollout-paused': { impact: 'suspended', severity: 'warning' },
  /** An Argo Rollout's update was aborted (`status.abort`): the stable version serves. */
  'rollout-aborted': { impact: 'degraded', severity: 'error' },
  /**
   * An Argo Rollout is degraded: `status.phase` `Degraded`, `InvalidSpec` `True`, or
   * `Progressing` `False` (progress deadline exceeded).
   */
  'rollout-degraded': { impact: 'degraded', severity: 'error' },
  /** An Argo Rollout is progressing (`status.phase` `Progressing`). */
  'rollout-progressing': { impact: 'progressing', severity: 'info' },
  /** An Argo Rollout canary is under way: its step, and the weight the canary gets. */
  'rollout-canary': { impact: 'progressing', severity: 'info' },
  /** An AnalysisRun of the current update ended `Failed` or `Error`. */
  'analysis-run-failed': { impact: 'degraded', severity: 'error' },
  /** An AnalysisRun of the current update ended `Inconclusive`: a person has to decide. */
  'analysis-run-inconclusive': { impact: 'suspended', severity: 'warning' },
  /** An AnalysisRun of the current update is `Pending` or `Running`. */
  'analysis-run-running': { impact: 'progressing', severity: 'info' },

  /** A Deployment has `spec.paused: true`. */
  'deployment-paused': { impact: 'suspended', severity: 'warning' },
  /** A Deployment rollout is under way (new ReplicaSet not yet fully available). */
  'deployment-rollout-in-progress': { impact: 'progressing', severity: 'info' },
  /** A Deployment's `Progressing` condition is `False` with reason `ProgressDeadlineExceeded`. */
  'deployment-progress-deadline-exceeded': {
    impact: 'degraded',
    severity: 'error',
  },
  /** A Deployment finished its rollout but fewer replicas are available than desired. */
  'replicas-unavailable': { impact: 'degraded', severity: 'error' },
  /** A `ReplicaFailure` condition on a Deployment or ReplicaSet (quota, admission...). */
  'replica-failure': { impact: 'degraded', severity: 'error' },
  /** A Deployment is scaled to zero replicas. */
  'deployment-scaled-to-zero': { impact: 'none', severity: 'info' },
  /** A container or init container waits with `CrashLoopBackOff`. */
  'pod-crash-looping': { impact: 'degraded', severity: 'error' },
  /** A container waits with `ImagePullBackOff`, `ErrImagePull` or an invalid image. */
  'pod-image-pull-failed': { impact: 'degraded', severity: 'error' },
  /** A container cannot be created or started (`CreateContainerConfigError`...). */
  'pod-container-error': { impact: 'degraded', severity: 'error' },
  /** A container restarted often but is not crash-looping right now. */
  'pod-restarting': { impact: 'none', severity: 'warning' },
  /** A pod cannot be scheduled (`PodScheduled` is `False`, reason `Unschedulable`). */
  'pod-unschedulable': { impact: 'progressing', severity: 'warning' },
  /** A pod is in phase `Failed` (evicted, or its containers failed for good). */
  'pod-failed': { impact: 'none', severity: 'warning' },
  /** A `LoadBalancer` Service has no ingress address yet. */
  'service-load-balancer-pending': { impact: 'progressing', severity: 'info' },
  /**
   * GitOps objects were found but no Deployment, Pod, Rollout, InferenceService or
   * LLMInferenceService.
   */
  'no-workloads': { impact: 'none', severity: 'warning' },

  /** An InferenceService's `Ready` condition is `False`. */
  'inference-service-not-ready': { impact: 'degraded', severity: 'error' },
  /** An InferenceService's `PredictorReady` condition is `False`. */
  'inference-service-predictor-not-ready': {
    impact: 'degraded',
    severity: 'error',
  },
  /** An InferenceService's `Ready` condition is `Unknown`: it is being rolled out. */
  'inference-service-pending': { impact: 'progressing', severity: 'info' },
  /** The predictor's model failed to load (`status.modelStatus`). */
  'inference-service-model-load-failed': {
    impact: 'degraded',
    severity: 'error',
  },
  /** Predictor traffic is split between the latest revision (canary) and the previous one. */
  'inference-service-canary': { impact: 'progressing', severity: 'info' },
  /** An InferenceService's `Stopped` condition is `True`. */
  'inference-service-stopped': { impact: 'suspended', severity: 'warning' },
  /**
   * An LLMInferenceService's `Ready` condition is `False`; the message names the conditions
   * (`MainWorkloadReady`, `RouterReady`...) that are `False`.
   */
  'llm-inference-service-not-ready': { impact: 'degraded', severity: 'error' },
  /** An LLMInferenceService's `Ready` condition is `Unknown`: it is being rolled out. */
  'llm-inference-service-pending': { impact: 'progressing', severity: 'info' },

  /** A running ModelKit version fails the attestation policy. */
  'modelkit-policy-failed': { impact: 'degraded', severity: 'error' },
  /** A running ModelKit version has no attestation the policy could check. */
  'modelkit-policy-missing': { impact: 'none', severity: 'warning' },
  /** A workload runs a ModelKit by a mutable tag instead of a digest. */
  'modelkit-mutable-tag': { impact: 'none', severity: 'warning' },
} as const satisfies Record<string, { impact: HealthImpact; severity: HealthReasonSeverity }>);

/**
 * A stable reason code: a key of {@link HEALTH_REASON_CODES}.
 *
 * @public
 */
export type HealthReasonCode = keyof typeof HEALTH_REASON_CODES;
