import type {
  KubernetesConditionLike,
  KubernetesObjectLike,
} from './kubernetesObjectTypes';

/**
 * The status of an AnalysisRun as a Rollout records it
 * (`status.canary.currentStepAnalysisRunStatus` and the like).
 *
 * @public
 */
export interface RolloutAnalysisRunStatusLike {
  /** The AnalysisRun's name. */
  name?: string;
  /** Its phase: `Pending`, `Running`, `Successful`, `Failed`, `Error` or `Inconclusive`. */
  status?: string;
  /** The controller's message about it. */
  message?: string;
}

/**
 * One step of a canary strategy (`spec.strategy.canary.steps[]`); only `setWeight`, `pause`
 * and `analysis` are read.
 *
 * @public
 */
export interface RolloutCanaryStepLike {
  /** The share of traffic, in percent, the canary gets from this step on. */
  setWeight?: number;
  /** A pause, with a `duration` or without one (until promoted). */
  pause?: { duration?: string | number };
  /** An analysis run by this step. */
  analysis?: unknown;
  /** Any other step kind (`setCanaryScale`, `experiment`...), passed through unread. */
  [key: string]: unknown;
}

/**
 * An Argo Rollouts `Rollout` (`argoproj.io/v1alpha1`).
 *
 * @public
 */
export interface RolloutLike extends KubernetesObjectLike {
  /** The desired state. */
  spec?: {
    /** The desired replica count (1 when absent). */
    replicas?: number;
    /** True when someone paused the Rollout by hand. */
    paused?: boolean;
    /** The canary or blue-green strategy. */
    strategy?: {
      canary?: { steps?: RolloutCanaryStepLike[]; [key: string]: unknown };
      blueGreen?: unknown;
    };
    /** The pod template; absent when `workloadRef` names a Deployment instead. */
    template?: unknown;
    /** Any other spec field, passed through unread. */
    [key: string]: unknown;
  };
  /** What the Argo Rollouts controller last reported. */
  status?: {
    /** `Healthy`, `Progressing`, `Paused` or `Degraded`, with `message` saying why. */
    phase?: string;
    /** Why the Rollout is in its phase. */
    message?: string;
    /** True when the update was aborted (by a person, or a failed analysis). */
    abort?: boolean;
    /** Why the controller paused the Rollout (`CanaryPauseStep`, `InconclusiveAnalysisRun`...). */
    pauseConditions?: Array<{ reason?: string; startTime?: string }>;
    /** The index in `spec.strategy.canary.steps` the canary is at. */
    currentStepIndex?: number;
    /** The pod template hash of the desired (canary) ReplicaSet. */
    currentPodHash?: string;
    /** The pod template hash of the stable ReplicaSet. */
    stableRS?: string;
    /** The generation the status is about: a string in Argo Rollouts (a number is read too). */
    observedGeneration?: string | number;
    /** Pods of every ReplicaSet. */
    replicas?: number;
    /** Pods of the desired template. */
    updatedReplicas?: number;
    /** Pods ready. */
    readyReplicas?: number;
    /** Pods available. */
    availableReplicas?: number;
    /** `Available`, `Progressing`, `Paused`, `Healthy`, `Completed`, `InvalidSpec`, `ReplicaFailure`. */
    conditions?: KubernetesConditionLike[];
    /** The analysis runs of the current canary and the traffic weights set, when routed. */
    canary?: {
      currentStepAnalysisRunStatus?: RolloutAnalysisRunStatusLike;
      currentBackgroundAnalysisRunStatus?: RolloutAnalysisRunStatusLike;
      weights?: {
        canary?: { weight?: number; podTemplateHash?: string };
        stable?: { weight?: number; podTemplateHash?: string };
      };
      [key: string]: unknown;
    };
    /** Any other status field, passed through unread. */
    [key: string]: unknown;
  };
}

/**
 * An Argo Rollouts `AnalysisRun` (`argoproj.io/v1alpha1`).
 *
 * @public
 */
export interface AnalysisRunLike extends KubernetesObjectLike {
  /** What the analysis controller last reported. */
  status?: {
    /** `Pending`, `Running`, `Successful`, `Failed`, `Error` or `Inconclusive`. */
    phase?: string;
    /** Why the run ended as it did. */
    message?: string;
    /** Each metric's phase and message. */
    metricResults?: Array<{
      name?: string;
      phase?: string;
      message?: string;
      [key: string]: unknown;
    }>;
    /** Any other status field, passed through unread. */
    [key: string]: unknown;
  };
}
