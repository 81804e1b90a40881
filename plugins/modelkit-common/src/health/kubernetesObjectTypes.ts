/**
 * The fields of a Kubernetes object the health model reads. Objects come straight from the
 * Kubernetes API: every field is optional, anything else passes through, and fields of the
 * wrong type are reported as `status-malformed` rather than trusted.
 *
 * @public
 */
export interface KubernetesObjectLike {
  /**
   * The object's API group and version, e.g. `apps/v1`; list items of built-in kinds come
   * without it, and the list's own version is assumed.
   */
  apiVersion?: string;
  /** The object's kind, e.g. `Deployment`; assumed from the list when absent. */
  kind?: string;
  /** The object's metadata; the health model reads the fields named here. */
  metadata?: {
    /** The object's name; messages fall back to its position in the input list. */
    name?: string;
    /** The object's namespace; absent for cluster-scoped objects. */
    namespace?: string;
    /** The spec version, compared with `status.observedGeneration`. */
    generation?: number;
    /** Set while the object is being deleted (ISO 8601). */
    deletionTimestamp?: string;
    /** The object's labels. */
    labels?: Record<string, string>;
    /** The object's annotations. */
    annotations?: Record<string, string>;
    /** Any other metadata field, passed through unread. */
    [key: string]: unknown;
  };
  /** The desired state; its fields depend on the kind. */
  spec?: unknown;
  /** The state its controller last reported; absent until the controller reports. */
  status?: unknown;
  /** Any other top-level field, passed through unread. */
  [key: string]: unknown;
}

/**
 * A status condition as written by Kubernetes, Flux (`metav1.Condition`) and Knative/KServe.
 *
 * @public
 */
export interface KubernetesConditionLike {
  /** The condition type, e.g. `Ready`, `Stalled` or `Available`. */
  type?: string;
  /** `True`, `False` or `Unknown`. */
  status?: string;
  /** The controller's one-word reason in CamelCase, e.g. `ProgressDeadlineExceeded`. */
  reason?: string;
  /** The controller's human-readable message; quoted in health reasons. */
  message?: string;
  /** Any other field (`lastTransitionTime`, `observedGeneration`), passed through unread. */
  [key: string]: unknown;
}

/**
 * A `Deployment` (`apps/v1`).
 *
 * @public
 */
export interface DeploymentLike extends KubernetesObjectLike {
  /** The desired replica count (1 when absent) and whether rollouts are paused. */
  spec?: { replicas?: number; paused?: boolean; [key: string]: unknown };
  /** What the deployment controller last reported. */
  status?: {
    /** The `metadata.generation` the status is about. */
    observedGeneration?: number;
    /** Pods of every ReplicaSet of the Deployment, old and new. */
    replicas?: number;
    /** Pods of the current pod template. */
    updatedReplicas?: number;
    /** Pods whose containers are ready. */
    readyReplicas?: number;
    /** Pods ready for at least `minReadySeconds`. */
    availableReplicas?: number;
    /** `Available`, `Progressing` and `ReplicaFailure`. */
    conditions?: KubernetesConditionLike[];
    /** Any other status field, passed through unread. */
    [key: string]: unknown;
  };
}

/**
 * A `ReplicaSet` (`apps/v1`).
 *
 * @public
 */
export interface ReplicaSetLike extends KubernetesObjectLike {
  /** The desired replica count; 0 for the old ReplicaSets kept for rollbacks. */
  spec?: { replicas?: number; [key: string]: unknown };
  /** What the ReplicaSet controller last reported; its `ReplicaFailure` condition is read. */
  status?: { conditions?: KubernetesConditionLike[]; [key: string]: unknown };
}

/**
 * The state of one container in a pod's `status.containerStatuses`.
 *
 * @public
 */
export interface ContainerStatusLike {
  /** The container's name in the pod spec. */
  name?: string;
  /** How many times the container has restarted. */
  restartCount?: number;
  /** The current state: waiting (with a reason such as `CrashLoopBackOff`), running, ended. */
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: unknown;
    terminated?: { reason?: string; exitCode?: number; message?: string };
  };
  /** The previous state: how the last run of a restarting container ended. */
  lastState?: {
    terminated?: { reason?: string; exitCode?: number; message?: string };
  };
  /** Any other field (`image`, `ready`), passed through unread. */
  [key: string]: unknown;
}

/**
 * A `Pod` (`v1`).
 *
 * @public
 */
export interface PodLike extends KubernetesObjectLike {
  /** What the kubelet and scheduler last reported. */
  status?: {
    /** `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`. */
    phase?: string;
    /** Why a failed pod failed, e.g. `Evicted`. */
    reason?: string;
    /** A message about a failed pod. */
    message?: string;
    /** `PodScheduled`, `Ready` and the other pod conditions. */
    conditions?: KubernetesConditionLike[];
    /** The state of each container. */
    containerStatuses?: ContainerStatusLike[];
    /** The state of each init container. */
    initContainerStatuses?: ContainerStatusLike[];
    /** Any other status field, passed through unread. */
    [key: string]: unknown;
  };
}

/**
 * A `Service` (`v1`).
 *
 * @public
 */
export interface ServiceLike extends KubernetesObjectLike {
  /** The Service's `type`, e.g. `ClusterIP` or `LoadBalancer`. */
  spec?: { type?: string; [key: string]: unknown };
  /** The load balancer addresses of a `LoadBalancer` Service; none while it waits for one. */
  status?: {
    loadBalancer?: { ingress?: unknown[] };
    [key: string]: unknown;
  };
}
