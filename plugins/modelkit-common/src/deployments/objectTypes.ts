/**
 * Names a Kubernetes object.
 *
 * @public
 */
export interface DeploymentObjectRef {
  /** For example `kustomize.toolkit.fluxcd.io/v1` or `apps/v1`. */
  apiVersion?: string;
  /** The object's kind, e.g. `Kustomization` or `Deployment`. */
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  /** The object's `metadata.name`. */
  name: string;
}

/**
 * A catalog entity a deployment view is about (a Component or a ModelKit).
 *
 * @public
 */
export interface DeploymentEntitySummary {
  /** The full entity reference, e.g. `component:default/support-sentiment-api`. */
  ref: string;
  /** The entity's kind as written in the catalog, e.g. `Component` or `ModelKit`. */
  kind: string;
  /** The entity's `metadata.namespace`. */
  namespace: string;
  /** The entity's `metadata.name`. */
  name: string;
  /** The entity's `metadata.title`, when it has one. */
  title?: string;
  /** The full reference of the owner (from the `ownedBy` relation), if any. */
  owner?: string;
  /** The full reference of the system (from the `partOf` relation to a System), if any. */
  system?: string;
}

/**
 * A status condition as read from an object (`Ready` for Flux).
 *
 * @public
 */
export interface DeploymentCondition {
  /** `True`, `False` or `Unknown`. */
  status: string;
  /** The condition's one-word reason, e.g. `ReconciliationSucceeded`; absent when not given. */
  reason?: string;
  /** The condition's human-readable message; absent when not given. */
  message?: string;
}

/**
 * The Flux source (GitRepository, OCIRepository, HelmRepository, Bucket) a Kustomization or
 * HelmRelease reads from.
 *
 * @public
 */
export interface DeploymentFluxSource extends DeploymentObjectRef {
  /**
   * `spec.url`: the Git, OCI or Helm repository; for a Bucket, `spec.endpoint` and
   * `spec.bucketName` as `<endpoint>/<bucketName>`.
   */
  url?: string;
  /** The revision of the artifact the source serves: `main@sha1:…` or `1.4.0@sha256:…`. */
  revision?: string;
  /** The source's `Ready` condition; absent when it has not reported one. */
  ready?: DeploymentCondition;
  /** `SourceVerified`: whether the last fetched revision passed signature verification. */
  verified?: DeploymentCondition;
  /** Flux `spec.suspend`: whether Flux stopped fetching new revisions of the source. */
  suspended: boolean;
  /**
   * Flux `status.lastHandledReconcileAt`: the last `reconcile.fluxcd.io/requestedAt` value
   * the controller handled, so a requested reconcile shows as done when it equals it.
   */
  lastHandledReconcileAt?: string;
}

/**
 * The current or last operation of an Argo CD Application, from `status.operationState`.
 *
 * @public
 */
export interface DeploymentArgoCdOperation {
  /** `phase`: `Running`, `Succeeded`, `Failed`, `Error` or `Terminating`. */
  phase: string;
  /** `message`: what the operation did or why it failed. */
  message?: string;
  /** `startedAt` (RFC 3339). */
  startedAt?: string;
  /** `finishedAt` (RFC 3339); absent while it runs. */
  finishedAt?: string;
  /** `syncResult.revision`: the revision a sync applied. */
  revision?: string;
  /** `operation.initiatedBy`: the user's name, or `automated` for an automated sync. */
  initiatedBy?: string;
}

/**
 * The GitOps object that delivers a service: a Flux Kustomization or HelmRelease, or an Argo
 * CD Application.
 *
 * @public
 */
export interface DeploymentDelivery {
  /** The GitOps controller that applies the object: Flux or Argo CD. */
  controller: 'flux' | 'argocd';
  /** The Kustomization, HelmRelease or Application itself. */
  object: DeploymentObjectRef;
  /** Flux `spec.suspend`; always false for Argo CD. */
  suspended: boolean;
  /** Flux's `Ready` condition. */
  ready?: DeploymentCondition;
  /**
   * The revision applied: a Kustomization's `lastAppliedRevision`, a HelmRelease's chart
   * `version@digest`, an Application's synced Git revision.
   */
  appliedRevision?: string;
  /** The revision last attempted (Flux), when it differs from the applied one. */
  attemptedRevision?: string;
  /** The Flux source and the revision it has fetched. */
  source?: DeploymentFluxSource;
  /** Argo CD `status.sync.status` (`Synced`, `OutOfSync`, `Unknown`). */
  syncStatus?: string;
  /** Argo CD `status.health.status` (`Healthy`, `Progressing`, `Degraded`...). */
  healthStatus?: string;
  /**
   * Argo CD `spec.source.repoURL`: the Git repository it syncs from; for a multi-source
   * Application, that of the first source with a `path` (else the first source).
   */
  repoURL?: string;
  /** Argo CD `spec.source.path`: the directory of the repository it syncs. */
  path?: string;
  /** Every source of a multi-source Argo CD Application (`spec.sources`), in order. */
  sources?: DeploymentApplicationSource[];
  /**
   * Flux `status.lastHandledReconcileAt`: the last `reconcile.fluxcd.io/requestedAt` value
   * the controller handled.
   */
  lastHandledReconcileAt?: string;
  /**
   * Argo CD `status.reconciledAt` (RFC 3339): when the application controller last compared
   * the Application with its source (a refresh sets it).
   */
  reconciledAt?: string;
  /** Argo CD `status.operationState`: the current or last sync operation. */
  lastOperation?: DeploymentArgoCdOperation;
}

/**
 * One source of a multi-source Argo CD Application.
 *
 * @public
 */
export interface DeploymentApplicationSource {
  /** The Git repository, Helm repository or OCI registry. */
  repoURL: string;
  /** The directory within a Git repository. */
  path?: string;
  /** The Helm chart of a Helm repository. */
  chart?: string;
  /** The branch, tag, commit or chart version asked for. */
  targetRevision?: string;
  /** The name other sources refer to this one by (`$values`). */
  ref?: string;
  /** The revision Argo CD compared against (`status.sync.revisions`, same position). */
  revision?: string;
}

/**
 * An Argo Rollouts update as its Rollout reports it.
 *
 * @public
 */
export interface DeploymentRolloutProgress {
  /** The strategy: `canary`, `blueGreen`, or `unknown` when the spec names neither. */
  strategy: 'canary' | 'blueGreen' | 'unknown';
  /** `status.phase`: `Healthy`, `Progressing`, `Paused` or `Degraded`. */
  phase?: string;
  /** `spec.paused`, or `status.pauseConditions` not empty. */
  paused: boolean;
  /** `status.abort`. */
  aborted: boolean;
  /** `status.currentStepIndex`: the canary step under way (from 0). */
  currentStepIndex?: number;
  /** How many steps `spec.strategy.canary.steps` has. */
  stepCount?: number;
  /**
   * The share of traffic the canary gets now, in percent: `status.canary.weights.canary`
   * when a traffic router reports it, else the last `setWeight` step reached; 0 when no
   * canary is under way.
   */
  canaryWeight?: number;
  /** `status.stableRS`: the pod template hash of the stable ReplicaSet. */
  stableHash?: string;
  /** `status.currentPodHash`: the pod template hash of the desired (canary) ReplicaSet. */
  canaryHash?: string;
}

/**
 * A share of an InferenceService's predictor traffic.
 *
 * @public
 */
export interface DeploymentTrafficTarget {
  /** The Knative revision name that receives the share. */
  revision: string;
  /** The share of traffic the revision receives, in percent (0–100). */
  percent: number;
  /** Whether this is the latest (canary) revision. */
  latest: boolean;
  /** The traffic tag of the revision (e.g. `prev`), when KServe set one. */
  tag?: string;
}

/**
 * A workload of a service: a Deployment, an Argo Rollout, or a KServe InferenceService or
 * LLMInferenceService, with its pods.
 *
 * @public
 */
export interface DeploymentWorkload {
  /** The Deployment, Rollout, InferenceService or LLMInferenceService. */
  object: DeploymentObjectRef;
  /** Replica counts of a Deployment or Rollout. */
  replicas?: {
    desired: number;
    ready: number;
    available: number;
    updated: number;
  };
  /** The pods that belong to it. */
  pods: {
    total: number;
    ready: number;
    /** Pods with a container waiting in `CrashLoopBackOff`. */
    crashLooping: number;
    /** Container restarts summed over the pods. */
    restarts: number;
  };
  /**
   * Container images of the pod template (Deployment, Rollout) or of the pods
   * (InferenceService, LLMInferenceService).
   */
  images: string[];
  /** An InferenceService's or LLMInferenceService's `status.url`. */
  url?: string;
  /** An InferenceService's predictor traffic split (two entries during a canary). */
  traffic?: DeploymentTrafficTarget[];
  /** A Rollout's update: strategy, phase, canary step and weight. */
  rollout?: DeploymentRolloutProgress;
  /** The model an LLMInferenceService serves (`spec.model.uri`). */
  modelUri?: string;
}
