/**
 * Why a cluster could not be read.
 *
 * - `unreachable`: the connection failed (refused, reset, DNS or TLS failure).
 * - `timeout`: the cluster did not answer within the configured timeout.
 * - `forbidden`: the cluster's RBAC, or a Backstage permission, denied reading (HTTP 403).
 * - `unauthorized`: the cluster rejected the configured credentials (HTTP 401).
 * - `not-found`: the Kubernetes plugin does not know the cluster (any more).
 * - `error`: any other failure, such as a 5xx answer or a malformed list.
 *
 * @public
 */
export type DeploymentClusterErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'forbidden'
  | 'unauthorized'
  | 'not-found'
  | 'error';

/**
 * A failure to read a cluster, or one resource type of it.
 *
 * @public
 */
export interface DeploymentClusterError {
  /** What kind of failure it was. */
  kind: DeploymentClusterErrorKind;
  /** A sentence naming the cluster and what failed; quotes the API server's message. */
  message: string;
  /** The HTTP status, when an answer was received. */
  statusCode?: number;
}

/**
 * A resource type that could not be listed while the rest of the cluster could, for example
 * `inferenceservices.serving.kserve.io` forbidden by RBAC.
 *
 * @public
 */
export interface DeploymentClusterWarning extends DeploymentClusterError {
  /** The resource as RBAC names it: `pods`, `deployments.apps`, `kustomizations.kustomize.toolkit.fluxcd.io`. */
  resource: string;
}

/**
 * A cluster as the Kubernetes plugin configures it (`kubernetes.clusterLocatorMethods`).
 * Never carries credentials.
 *
 * @public
 */
export interface DeploymentCluster {
  /** The cluster's name in the Kubernetes plugin configuration; unique among the clusters. */
  name: string;
  /** The configured title; simulated demo clusters say so in it. */
  title?: string;
  /** The configured link to the cluster's dashboard; absent when none is configured. */
  dashboardUrl?: string;
}

/**
 * Why a cluster's objects are no longer kept current, and how old they are: its watch
 * broke (the cluster stopped answering, refused the watch or dropped it) and is being
 * retried.
 *
 * @public
 */
export interface DeploymentClusterStaleness {
  /** Since when the objects are not current (ISO 8601): the watch's last contact. */
  since: string;
  /** How old the objects were when the response was made, in whole seconds. */
  ageSeconds: number;
  /** A sentence naming the cluster and what broke. */
  message: string;
}

/**
 * What Kitstage could read of one cluster.
 *
 * @public
 */
export interface DeploymentClusterState extends DeploymentCluster {
  /**
   * When the cluster's objects were last known current (ISO 8601): when they were listed, or,
   * for a cluster kept current by watches, the time of the response unless it is `stale`;
   * absent when it could not be read.
   */
  observedAt?: string;
  /**
   * Set when the objects are still shown but no longer kept current; they are as of
   * `observedAt`.
   */
  stale?: DeploymentClusterStaleness;
  /** Set when nothing could be read; the cluster's cells are then `unknown`. */
  error?: DeploymentClusterError;
  /** Resource types that could not be listed; everything else was read. */
  warnings: DeploymentClusterWarning[];
  /**
   * Which optional API families (CRDs) the cluster serves; all false when it could not be read.
   * `argoCd` is the `argoproj.io` group, which Argo CD and Argo Rollouts share.
   */
  apis: { flux: boolean; argoCd: boolean; kserve: boolean };
}
