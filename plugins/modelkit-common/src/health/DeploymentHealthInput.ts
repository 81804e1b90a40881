/**
 * The fields of a Kubernetes object the health model reads. Objects come straight from the
 * Kubernetes API: every field is optional, anything else passes through, and fields of the
 * wrong type are reported as `status-malformed` rather than trusted.
 *
 * @public
 */
export interface KubernetesObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    generation?: number;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

/**
 * A status condition as written by Kubernetes, Flux (`metav1.Condition`) and Knative/KServe.
 *
 * @public
 */
export interface KubernetesConditionLike {
  type?: string;
  /** `True`, `False` or `Unknown`. */
  status?: string;
  reason?: string;
  message?: string;
  [key: string]: unknown;
}

/**
 * A Flux source reference (`spec.sourceRef`, `spec.chartRef`, `spec.chart.spec.sourceRef`).
 *
 * @public
 */
export interface FluxSourceReferenceLike {
  kind?: string;
  name?: string;
  /** Defaults to the namespace of the referring object. */
  namespace?: string;
  [key: string]: unknown;
}

/**
 * A Flux `Kustomization` (`kustomize.toolkit.fluxcd.io/v1`).
 *
 * @public
 */
export interface FluxKustomizationLike extends KubernetesObjectLike {
  spec?: {
    suspend?: boolean;
    sourceRef?: FluxSourceReferenceLike;
    [key: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    conditions?: KubernetesConditionLike[];
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    [key: string]: unknown;
  };
}

/**
 * A Flux `HelmRelease` (`helm.toolkit.fluxcd.io/v2`).
 *
 * @public
 */
export interface FluxHelmReleaseLike extends KubernetesObjectLike {
  spec?: {
    suspend?: boolean;
    chartRef?: FluxSourceReferenceLike;
    chart?: { spec?: { sourceRef?: FluxSourceReferenceLike } };
    [key: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    conditions?: KubernetesConditionLike[];
    /** `history[0]` is the current release; `ociDigest` is set for OCIRepository charts. */
    history?: Array<{
      chartVersion?: string;
      ociDigest?: string;
      [key: string]: unknown;
    }>;
    lastAttemptedRevision?: string;
    [key: string]: unknown;
  };
}

/**
 * A Flux source: `GitRepository` or `OCIRepository` (`source.toolkit.fluxcd.io/v1`).
 *
 * @public
 */
export interface FluxSourceLike extends KubernetesObjectLike {
  spec?: { suspend?: boolean; [key: string]: unknown };
  status?: {
    observedGeneration?: number;
    conditions?: KubernetesConditionLike[];
    /** `revision` is `main@sha1:<commit>` (Git) or `<tag>@sha256:<digest>` (OCI). */
    artifact?: { revision?: string; digest?: string; [key: string]: unknown };
    [key: string]: unknown;
  };
}

/**
 * An Argo CD `Application` (`argoproj.io/v1alpha1`).
 *
 * @public
 */
export interface ArgoCdApplicationLike extends KubernetesObjectLike {
  spec?: { syncPolicy?: { automated?: unknown }; [key: string]: unknown };
  status?: {
    sync?: { status?: string; revision?: string; [key: string]: unknown };
    health?: { status?: string; message?: string; [key: string]: unknown };
    operationState?: {
      phase?: string;
      message?: string;
      [key: string]: unknown;
    };
    conditions?: Array<{ type?: string; message?: string }>;
    resources?: Array<{
      kind?: string;
      namespace?: string;
      name?: string;
      status?: string;
      health?: { status?: string; message?: string };
      [key: string]: unknown;
    }>;
    [key: string]: unknown;
  };
}

/**
 * A `Deployment` (`apps/v1`).
 *
 * @public
 */
export interface DeploymentLike extends KubernetesObjectLike {
  spec?: { replicas?: number; paused?: boolean; [key: string]: unknown };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: KubernetesConditionLike[];
    [key: string]: unknown;
  };
}

/**
 * A `ReplicaSet` (`apps/v1`).
 *
 * @public
 */
export interface ReplicaSetLike extends KubernetesObjectLike {
  spec?: { replicas?: number; [key: string]: unknown };
  status?: { conditions?: KubernetesConditionLike[]; [key: string]: unknown };
}

/**
 * The state of one container in a pod's `status.containerStatuses`.
 *
 * @public
 */
export interface ContainerStatusLike {
  name?: string;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: unknown;
    terminated?: { reason?: string; exitCode?: number; message?: string };
  };
  lastState?: {
    terminated?: { reason?: string; exitCode?: number; message?: string };
  };
  [key: string]: unknown;
}

/**
 * A `Pod` (`v1`).
 *
 * @public
 */
export interface PodLike extends KubernetesObjectLike {
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: KubernetesConditionLike[];
    containerStatuses?: ContainerStatusLike[];
    initContainerStatuses?: ContainerStatusLike[];
    [key: string]: unknown;
  };
}

/**
 * A `Service` (`v1`).
 *
 * @public
 */
export interface ServiceLike extends KubernetesObjectLike {
  spec?: { type?: string; [key: string]: unknown };
  status?: {
    loadBalancer?: { ingress?: unknown[] };
    [key: string]: unknown;
  };
}

/**
 * A KServe `InferenceService` (`serving.kserve.io/v1beta1`).
 *
 * @public
 */
export interface InferenceServiceLike extends KubernetesObjectLike {
  spec?: {
    predictor?: { canaryTrafficPercent?: number; [key: string]: unknown };
    [key: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    conditions?: KubernetesConditionLike[];
    components?: {
      predictor?: {
        latestReadyRevision?: string;
        latestRolledoutRevision?: string;
        traffic?: Array<{
          revisionName?: string;
          percent?: number;
          latestRevision?: boolean;
          tag?: string;
        }>;
        [key: string]: unknown;
      };
      [key: string]: unknown;
    };
    modelStatus?: {
      transitionStatus?: string;
      states?: { activeModelState?: string; targetModelState?: string };
      lastFailureInfo?: { reason?: string; message?: string };
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
}

/**
 * A ModelKit version a workload runs, as resolved by the backend (from `kit://` storage URIs,
 * `kit unpack` init containers, `MODELKIT_REF` env or the `kitstage.dev/modelkit`
 * annotation), with the outcome of the attestation policy for it.
 *
 * @public
 */
export interface RunningModelKit {
  /** The reference as the workload names it, e.g. `registry.example.com/team/model:v3`. */
  reference: string;
  /** The manifest digest it resolved to, when known. */
  digest?: string;
  /** Whether the workload names the version by digest (immutable) rather than by tag. */
  pinnedByDigest: boolean;
  /** The attestation policy outcome for this digest; absent when no policy applies. */
  policy?: 'passed' | 'failed' | 'missing';
  /** Why the policy failed or what is missing, quoted in the reason. */
  policyMessage?: string;
  /** The object the reference was found in. */
  object?: {
    apiVersion?: string;
    kind: string;
    namespace?: string;
    name: string;
  };
}

/**
 * Everything observed for one service on one cluster. Every list is optional; pass the
 * objects matched to the service. Sources may be all sources of the cluster: only those
 * referenced by the given Kustomizations and HelmReleases are evaluated.
 *
 * @public
 */
export interface DeploymentHealthInput {
  kustomizations?: readonly FluxKustomizationLike[];
  helmReleases?: readonly FluxHelmReleaseLike[];
  gitRepositories?: readonly FluxSourceLike[];
  ociRepositories?: readonly FluxSourceLike[];
  applications?: readonly ArgoCdApplicationLike[];
  deployments?: readonly DeploymentLike[];
  replicaSets?: readonly ReplicaSetLike[];
  pods?: readonly PodLike[];
  services?: readonly ServiceLike[];
  inferenceServices?: readonly InferenceServiceLike[];
  modelKits?: readonly RunningModelKit[];
}

/**
 * Options for {@link evaluateDeploymentHealth}.
 *
 * @public
 */
export interface DeploymentHealthOptions {
  /**
   * Restart count from which a container that is not crash-looping right now is reported as
   * `pod-restarting`. Defaults to 5.
   */
  podRestartWarningThreshold?: number;
}
