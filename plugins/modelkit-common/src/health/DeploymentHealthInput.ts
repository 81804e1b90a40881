import type {
  ArgoCdApplicationLike,
  FluxHelmReleaseLike,
  FluxKustomizationLike,
  FluxSourceLike,
} from './gitOpsObjectTypes';
import type {
  DeploymentLike,
  KubernetesConditionLike,
  KubernetesObjectLike,
  PodLike,
  ReplicaSetLike,
  ServiceLike,
} from './kubernetesObjectTypes';
import type { AnalysisRunLike, RolloutLike } from './rolloutObjectTypes';

/**
 * A KServe `InferenceService` (`serving.kserve.io/v1beta1`).
 *
 * @public
 */
export interface InferenceServiceLike extends KubernetesObjectLike {
  /** The desired state; `predictor.canaryTrafficPercent` is the canary share asked for. */
  spec?: {
    predictor?: { canaryTrafficPercent?: number; [key: string]: unknown };
    [key: string]: unknown;
  };
  /** What the KServe controller last reported. */
  status?: {
    /** The `metadata.generation` the status is about. */
    observedGeneration?: number;
    /** `Ready`, `PredictorReady`, `Stopped` and the other KServe conditions. */
    conditions?: KubernetesConditionLike[];
    /** Per component (`predictor`...): its revisions and the traffic Knative routes to each. */
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
    /** Whether the predictor's model loaded, and why it failed when it did not. */
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
 * A KServe `LLMInferenceService` (`serving.kserve.io/v1alpha1` or `v1alpha2`).
 *
 * @public
 */
export interface LLMInferenceServiceLike extends KubernetesObjectLike {
  /** The desired state; `model.uri` names the model served (`hf://`, `oci://`, `kit://`...). */
  spec?: {
    model?: { uri?: string; name?: string; [key: string]: unknown };
    /** Any other spec field, passed through unread. */
    [key: string]: unknown;
  };
  /** What the KServe controller last reported. */
  status?: {
    /** The `metadata.generation` the status is about. */
    observedGeneration?: number;
    /**
     * `Ready`, with `WorkloadsReady`, `RouterReady`, `MainWorkloadReady`, `PresetsCombined` and
     * the other KServe conditions.
     */
    conditions?: KubernetesConditionLike[];
    /** The address the service answers on. */
    url?: string;
    /** Any other status field, passed through unread. */
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
    /** The object's API version, e.g. `apps/v1`. */
    apiVersion?: string;
    /** The object's kind, e.g. `Deployment`. */
    kind: string;
    /** The object's namespace; absent for cluster-scoped objects. */
    namespace?: string;
    /** The object's name. */
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
  /** The Flux Kustomizations that deliver the service. */
  kustomizations?: readonly FluxKustomizationLike[];
  /** The Flux HelmReleases that deliver the service. */
  helmReleases?: readonly FluxHelmReleaseLike[];
  /** Flux GitRepositories; only those the Kustomizations and HelmReleases reference are judged. */
  gitRepositories?: readonly FluxSourceLike[];
  /** Flux OCIRepositories; only those the Kustomizations and HelmReleases reference are judged. */
  ociRepositories?: readonly FluxSourceLike[];
  /**
   * Flux HelmRepositories; only those the HelmReleases reference are judged, and none of
   * type oci (Flux does not reconcile those).
   */
  helmRepositories?: readonly FluxSourceLike[];
  /** Flux Buckets; only those the Kustomizations reference are judged. */
  buckets?: readonly FluxSourceLike[];
  /** The Argo CD Applications that deliver the service. */
  applications?: readonly ArgoCdApplicationLike[];
  /** The service's Deployments. */
  deployments?: readonly DeploymentLike[];
  /** The ReplicaSets of those Deployments; only live ones (more than zero replicas) are judged. */
  replicaSets?: readonly ReplicaSetLike[];
  /** The service's Pods; pods being deleted are not judged. */
  pods?: readonly PodLike[];
  /** The service's Services. */
  services?: readonly ServiceLike[];
  /** The service's KServe InferenceServices. */
  inferenceServices?: readonly InferenceServiceLike[];
  /** The service's KServe LLMInferenceServices. */
  llmInferenceServices?: readonly LLMInferenceServiceLike[];
  /** The service's Argo Rollouts. */
  rollouts?: readonly RolloutLike[];
  /**
   * The AnalysisRuns of those Rollouts; a run a Rollout in `rollouts` owns is judged only
   * while it belongs to the current update (its `rollouts-pod-template-hash` is the
   * Rollout's `currentPodHash`, or the Rollout names it in its status).
   */
  analysisRuns?: readonly AnalysisRunLike[];
  /**
   * The ModelKit versions the workloads run; judged only when some other object was
   * observed.
   */
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
