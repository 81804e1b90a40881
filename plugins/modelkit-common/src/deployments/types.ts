import type { AttestationPolicyStatus } from '../attestation';
import type {
  DeploymentHealthStatus,
  HealthReason,
  HealthRollup,
} from '../health';

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
  name: string;
  /** The configured title; simulated demo clusters say so in it. */
  title?: string;
  dashboardUrl?: string;
}

/**
 * What Kitstage could read of one cluster.
 *
 * @public
 */
export interface DeploymentClusterState extends DeploymentCluster {
  /** When the cluster's objects were listed (ISO 8601); absent when it could not be read. */
  observedAt?: string;
  /** Set when nothing could be read; the cluster's cells are then `unknown`. */
  error?: DeploymentClusterError;
  /** Resource types that could not be listed; everything else was read. */
  warnings: DeploymentClusterWarning[];
  /** Which optional API families (CRDs) the cluster serves; all false when it could not be read. */
  apis: { flux: boolean; argoCd: boolean; kserve: boolean };
}

/**
 * Names a Kubernetes object.
 *
 * @public
 */
export interface DeploymentObjectRef {
  /** For example `kustomize.toolkit.fluxcd.io/v1` or `apps/v1`. */
  apiVersion?: string;
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
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
  kind: string;
  namespace: string;
  name: string;
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
  reason?: string;
  message?: string;
}

/**
 * The Flux source (GitRepository, OCIRepository) a Kustomization or HelmRelease reads from.
 *
 * @public
 */
export interface DeploymentFluxSource extends DeploymentObjectRef {
  /** `spec.url`: the Git or OCI repository. */
  url?: string;
  /** The revision of the artifact the source serves: `main@sha1:…` or `1.4.0@sha256:…`. */
  revision?: string;
  ready?: DeploymentCondition;
  /** `SourceVerified`: whether the last fetched revision passed signature verification. */
  verified?: DeploymentCondition;
  suspended: boolean;
}

/**
 * The GitOps object that delivers a service: a Flux Kustomization or HelmRelease, or an Argo
 * CD Application.
 *
 * @public
 */
export interface DeploymentDelivery {
  controller: 'flux' | 'argocd';
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
  /** Argo CD `spec.source`: the Git repository and path it syncs from. */
  repoURL?: string;
  path?: string;
}

/**
 * A share of an InferenceService's predictor traffic.
 *
 * @public
 */
export interface DeploymentTrafficTarget {
  revision: string;
  percent: number;
  /** Whether this is the latest (canary) revision. */
  latest: boolean;
  tag?: string;
}

/**
 * A workload of a service: a Deployment or a KServe InferenceService, with its pods.
 *
 * @public
 */
export interface DeploymentWorkload {
  object: DeploymentObjectRef;
  /** Replica counts of a Deployment. */
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
  /** Container images of the pod template (Deployment) or predictor pods (InferenceService). */
  images: string[];
  /** An InferenceService's `status.url`. */
  url?: string;
  /** An InferenceService's predictor traffic split (two entries during a canary). */
  traffic?: DeploymentTrafficTarget[];
}

/**
 * Where a ModelKit reference was found on a workload.
 *
 * - `kit-uri`: a `kit://` storage URI (KServe `storageUri`, a storage-initializer argument).
 * - `kit-unpack`: a `kit unpack <ref>` command of an init container or container.
 * - `env`: a `MODELKIT_REF` or `MODELKIT_URI` environment variable.
 * - `annotation`: the `kitstage.dev/modelkit` annotation.
 *
 * @public
 */
export type ModelKitReferenceSource =
  | 'kit-uri'
  | 'kit-unpack'
  | 'env'
  | 'annotation';

/**
 * The attestation policy outcome for a running ModelKit digest.
 *
 * @public
 */
export interface DeploymentModelKitPolicy {
  status: AttestationPolicyStatus;
  /** One sentence: the rule that failed or is missing evidence, or what passed. */
  message?: string;
  /** The ModelKit entity's lifecycle whose policy was applied. */
  lifecycle?: string;
}

/**
 * One ModelKit version a service runs on a cluster.
 *
 * @public
 */
export interface DeployedModelKit {
  /** The reference as the workload names it (the first place found), without `kit://`. */
  reference: string;
  /** `host/path` of the OCI repository: the form of a ModelKit entity's `spec.repository`. */
  repository: string;
  tag?: string;
  /** The manifest digest: named by the reference, or resolved from the tag. */
  digest?: string;
  /** Whether the workload names the version by digest rather than by a mutable tag. */
  pinnedByDigest: boolean;
  /** Where the digest comes from: the reference itself, or the registry resolving the tag now. */
  digestFrom?: 'reference' | 'registry';
  /** Why the tag could not be resolved to a digest (registry not configured, tag not found...). */
  resolveError?: string;
  /** The ModelKit entity whose `spec.repository` is this repository, if the caller may see it. */
  entity?: DeploymentEntitySummary;
  /** The attestation policy outcome for the digest; absent when not evaluated. */
  policy?: DeploymentModelKitPolicy;
  /** Where the reference was found. */
  foundIn: Array<{
    object: DeploymentObjectRef;
    via: ModelKitReferenceSource;
    /** The field, e.g. `spec.template.spec.initContainers[0].command` or `spec.predictor.model.storageUri`. */
    field: string;
  }>;
  /** How many pods of the service run it. */
  pods: number;
  /** The share of an InferenceService's traffic served by revisions that run it (canary). */
  trafficPercent?: number;
}

/**
 * A ready-to-copy command to look further, built from parsed values with every argument
 * quoted for a POSIX shell.
 *
 * @public
 */
export interface DeploymentCommand {
  /** What the command shows, e.g. `Kustomization status`. */
  title: string;
  tool: 'flux' | 'kubectl';
  /** The arguments, unquoted; `argv[0]` is the tool. */
  argv: string[];
  /** The command line to copy: each argument quoted as needed. */
  command: string;
}

/**
 * One cluster's card on a Component's Deployments view.
 *
 * @public
 */
export interface ComponentDeploymentCard {
  cluster: DeploymentCluster;
  /** `unknown` when the cluster could not be read (see `error`). */
  status: DeploymentHealthStatus;
  /** Worst first. */
  reasons: HealthReason[];
  error?: DeploymentClusterError;
  warnings: DeploymentClusterWarning[];
  /** When the cluster's objects were listed (ISO 8601). */
  observedAt?: string;
  deliveries: DeploymentDelivery[];
  workloads: DeploymentWorkload[];
  modelKits: DeployedModelKit[];
  commands: DeploymentCommand[];
}

/**
 * How a Component's workloads are found on clusters, from its annotations.
 *
 * @public
 */
export interface DeploymentSelector {
  /** `backstage.io/kubernetes-id`: matched against the label of the same name. */
  kubernetesId?: string;
  /** `backstage.io/kubernetes-label-selector`. */
  labelSelector?: string;
  /** `backstage.io/kubernetes-namespace`: only this namespace is searched. */
  namespace?: string;
}

/**
 * Response of `GET /deployments/components/:namespace/:name`.
 *
 * @public
 */
export interface ComponentDeploymentsResponse {
  entity: DeploymentEntitySummary;
  selector: DeploymentSelector;
  /** Worst-of over the clusters where the service is deployed or that could not be read. */
  rollup: HealthRollup;
  /** One card per configured cluster, in the Kubernetes plugin's order. */
  clusters: ComponentDeploymentCard[];
  /** When the response was assembled (ISO 8601). */
  generatedAt: string;
}

/**
 * One workload running a ModelKit version.
 *
 * @public
 */
export interface ModelKitVersionDeployment {
  cluster: DeploymentCluster;
  /** The catalog Component the workload belongs to, when known and visible to the caller. */
  component?: DeploymentEntitySummary;
  /** The `backstage.io/kubernetes-id` label of the workload, when set. */
  kubernetesId?: string;
  workload: DeploymentObjectRef;
  /** The health of the service on the cluster; absent for workloads of no service. */
  status?: DeploymentHealthStatus;
  pods: number;
  trafficPercent?: number;
  pinnedByDigest: boolean;
}

/**
 * One version of a ModelKit and where it runs.
 *
 * @public
 */
export interface ModelKitVersionDeployments {
  /** The manifest digest, when known. */
  digest?: string;
  /** Tags the workloads name it by. */
  tags: string[];
  /** The references as written by the workloads. */
  references: string[];
  policy?: DeploymentModelKitPolicy;
  /** Why a tag could not be resolved, when the digest is unknown. */
  resolveError?: string;
  deployments: ModelKitVersionDeployment[];
}

/**
 * Response of `GET /deployments/modelkits/:namespace/:name`.
 *
 * @public
 */
export interface ModelKitDeploymentsResponse {
  entity: DeploymentEntitySummary & { repository: string };
  /** Versions running somewhere, most widely deployed first. */
  versions: ModelKitVersionDeployments[];
  clusters: DeploymentClusterState[];
  generatedAt: string;
}

/**
 * The short form of a running ModelKit on the fleet page.
 *
 * @public
 */
export interface FleetModelKit {
  repository: string;
  tag?: string;
  digest?: string;
  pinnedByDigest: boolean;
  policy?: DeploymentModelKitPolicy['status'];
}

/**
 * One cell of the fleet matrix: a service on a cluster.
 *
 * @public
 */
export interface FleetCell {
  cluster: string;
  status: DeploymentHealthStatus;
  /** The worst reason, for a tooltip. */
  topReason?: HealthReason;
  reasonCount: number;
  modelKits: FleetModelKit[];
  /** True when the cluster could not be read, so the status is `unknown`. */
  clusterError?: boolean;
}

/**
 * One service (catalog Component) of the fleet matrix.
 *
 * @public
 */
export interface FleetServiceRow {
  entity: DeploymentEntitySummary;
  /** Worst-of over the service's cells. */
  status: DeploymentHealthStatus;
  /** One cell per cluster, in the order of {@link FleetDeploymentsResponse.clusters}. */
  cells: FleetCell[];
  /**
   * Set when the Component's `backstage.io/kubernetes-label-selector` is not valid; its cells
   * are then `unknown`.
   */
  selectorError?: string;
}

/**
 * A cluster column of the fleet matrix.
 *
 * @public
 */
export interface FleetClusterColumn extends DeploymentClusterState {
  /** Worst-of over the cells of the listed services on the cluster. */
  rollup: HealthRollup;
}

/**
 * Filters for `GET /deployments/fleet`; every given filter must match, values of one filter
 * are alternatives.
 *
 * @public
 */
export interface FleetDeploymentsQuery {
  /** Owner entity references; `group:` and `default/` may be left out (`nlp-team`). */
  owner?: string[];
  /** System entity references; `system:` and `default/` may be left out. */
  system?: string[];
  /** Service statuses (the worst-of over clusters). */
  status?: DeploymentHealthStatus[];
}

/**
 * Response of `GET /deployments/fleet`: the services × clusters matrix.
 *
 * @public
 */
export interface FleetDeploymentsResponse {
  clusters: FleetClusterColumn[];
  /** The services that match every filter, sorted by name. */
  services: FleetServiceRow[];
  /**
   * Counts over the services that match the owner and system filters, before the status
   * filter: services by their worst-of status, and cells by status.
   */
  counts: {
    services: Record<DeploymentHealthStatus, number>;
    cells: Record<DeploymentHealthStatus, number>;
  };
  /** How many services match the owner and system filters (before the status filter). */
  total: number;
  /** Owners and systems of every service with deployment annotations, for filter pickers. */
  facets: { owners: string[]; systems: string[] };
  generatedAt: string;
}
