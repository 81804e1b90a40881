import type { DeploymentHealthStatus } from '../health/DeploymentHealth';
import type { DeploymentCluster, DeploymentClusterState } from './clusterTypes';
import type { DeploymentModelKitPolicy } from './deployedModelKitTypes';
import type {
  DeploymentEntitySummary,
  DeploymentObjectRef,
} from './objectTypes';

/**
 * One workload running a ModelKit version.
 *
 * @public
 */
export interface ModelKitVersionDeployment {
  /** The cluster the workload runs on. */
  cluster: DeploymentCluster;
  /** The catalog Component the workload belongs to, when known and visible to the caller. */
  component?: DeploymentEntitySummary;
  /** The `backstage.io/kubernetes-id` label of the workload, when set. */
  kubernetesId?: string;
  /** The Deployment or InferenceService that runs the version. */
  workload: DeploymentObjectRef;
  /** The health of the service on the cluster; absent for workloads of no service. */
  status?: DeploymentHealthStatus;
  /** How many pods of the workload run the version. */
  pods: number;
  /**
   * The share of an InferenceService's traffic, in percent, served by revisions that run the
   * version; absent for a Deployment.
   */
  trafficPercent?: number;
  /** Whether the workload names the version by digest rather than by a mutable tag. */
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
  /**
   * The attestation policy outcome for the digest; absent when it was not evaluated (unknown
   * digest, no policy).
   */
  policy?: DeploymentModelKitPolicy;
  /** Why a tag could not be resolved, when the digest is unknown. */
  resolveError?: string;
  /** Every workload that runs the version. */
  deployments: ModelKitVersionDeployment[];
}

/**
 * Response of `GET /deployments/modelkits/:namespace/:name`.
 *
 * @public
 */
export interface ModelKitDeploymentsResponse {
  /** The ModelKit the response is about, with its OCI repository (`host/path`). */
  entity: DeploymentEntitySummary & { repository: string };
  /** Versions running somewhere, most widely deployed first. */
  versions: ModelKitVersionDeployments[];
  /** Every configured cluster and what could be read of it. */
  clusters: DeploymentClusterState[];
  /** When the response was assembled (ISO 8601). */
  generatedAt: string;
}
