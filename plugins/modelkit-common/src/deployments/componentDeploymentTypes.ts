import type {
  DeploymentHealthStatus,
  HealthReason,
} from '../health/DeploymentHealth';
import type { HealthRollup } from '../health/rollUpHealth';
import type {
  DeploymentCluster,
  DeploymentClusterError,
  DeploymentClusterStaleness,
  DeploymentClusterWarning,
} from './clusterTypes';
import type { DeliveryActionsAvailability } from './deliveryActionTypes';
import type { DeployedModelKit } from './deployedModelKitTypes';
import type {
  DeploymentDelivery,
  DeploymentEntitySummary,
  DeploymentWorkload,
} from './objectTypes';

/**
 * A ready-to-copy command to look further, built from parsed values with every argument
 * quoted for a POSIX shell.
 *
 * @public
 */
export interface DeploymentCommand {
  /** What the command shows, e.g. `Kustomization status`. */
  title: string;
  /** The command-line tool the command runs. */
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
  /** The cluster the card is about. */
  cluster: DeploymentCluster;
  /** `unknown` when the cluster could not be read (see `error`). */
  status: DeploymentHealthStatus;
  /** Worst first. */
  reasons: HealthReason[];
  /** Set when the cluster could not be read at all; the status is then `unknown`. */
  error?: DeploymentClusterError;
  /** Resource types of the cluster that could not be listed; the card shows everything else. */
  warnings: DeploymentClusterWarning[];
  /** When the cluster's objects were last known current (ISO 8601). */
  observedAt?: string;
  /**
   * Set when the cluster's objects are shown but no longer kept current (its watch broke);
   * they are as of `observedAt`.
   */
  stale?: DeploymentClusterStaleness;
  /** The Flux and Argo CD objects that deliver the Component to the cluster. */
  deliveries: DeploymentDelivery[];
  /** The Component's Deployments and InferenceServices on the cluster, with their pods. */
  workloads: DeploymentWorkload[];
  /** The ModelKit versions the workloads run. */
  modelKits: DeployedModelKit[];
  /** Read-only `flux` and `kubectl` commands to look further; empty when nothing is deployed. */
  commands: DeploymentCommand[];
  /**
   * Whether the caller may act on the card's delivery objects (Flux reconcile, suspend,
   * resume; Argo CD refresh, sync); not permitted on a cluster that cannot be read. Absent
   * where the view is not the Component's Deployments view.
   */
  actions?: DeliveryActionsAvailability;
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
  /** The Component the response is about. */
  entity: DeploymentEntitySummary;
  /** How the Component's workloads were found, from its annotations. */
  selector: DeploymentSelector;
  /** Worst-of over the clusters where the service is deployed or that could not be read. */
  rollup: HealthRollup;
  /** One card per configured cluster, in the Kubernetes plugin's order. */
  clusters: ComponentDeploymentCard[];
  /** When the response was assembled (ISO 8601). */
  generatedAt: string;
}
