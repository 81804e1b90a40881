import type {
  DeploymentHealthStatus,
  HealthReason,
} from '../health/DeploymentHealth';
import type { HealthRollup } from '../health/rollUpHealth';
import type { DeploymentClusterState } from './clusterTypes';
import type { DeploymentModelKitPolicy } from './deployedModelKitTypes';
import type { DeploymentEntitySummary } from './objectTypes';

/**
 * The short form of a running ModelKit on the fleet page.
 *
 * @public
 */
export interface FleetModelKit {
  /** The OCI repository (`host/path`) of the ModelKit. */
  repository: string;
  /** The tag the workload names; absent for a reference by digest only. */
  tag?: string;
  /** The manifest digest, named by the reference or resolved from the tag; absent when unknown. */
  digest?: string;
  /** Whether the workload names the version by digest rather than by a mutable tag. */
  pinnedByDigest: boolean;
  /** The attestation policy outcome for the digest; absent when not evaluated. */
  policy?: DeploymentModelKitPolicy['status'];
}

/**
 * One cell of the fleet matrix: a service on a cluster.
 *
 * @public
 */
export interface FleetCell {
  /** The name of the cluster (the column). */
  cluster: string;
  /** The health of the service on the cluster; `unknown` when the cluster could not be read. */
  status: DeploymentHealthStatus;
  /** The worst reason, for a tooltip. */
  topReason?: HealthReason;
  /** How many health reasons were found; 0 when the cluster could not be read. */
  reasonCount: number;
  /** The ModelKit versions the service runs on the cluster. */
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
  /** The Component the row is about. */
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
  /**
   * Worst-of over the cluster's cells of every service that matches the filters (all pages):
   * `status`, `counts` and `total` cover them all, `worst` names only the services of the
   * page with the worst status.
   */
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
  /**
   * How many services one page holds, 1 to 500; 50 when left out. The backend answers one
   * page of the filtered matrix at a time.
   */
  limit?: number;
  /**
   * How many services of the filtered, sorted matrix come before the page (a whole number);
   * 0 when left out. An offset past the last service gives an empty page.
   */
  offset?: number;
}

/**
 * Response of `GET /deployments/fleet`: one page of the services × clusters matrix, with
 * the counts of the whole filtered matrix.
 *
 * @public
 */
export interface FleetDeploymentsResponse {
  /** One column per configured cluster, in the Kubernetes plugin's order. */
  clusters: FleetClusterColumn[];
  /** The page: services that match every filter, sorted by entity reference. */
  services: FleetServiceRow[];
  /** Where the page lies in the services that match every filter. */
  page: {
    /** How many matching services come before the page. */
    offset: number;
    /** How many services a page holds. */
    limit: number;
    /** How many services match every filter, the status filter included (all pages). */
    matched: number;
  };
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
  /**
   * Names this answer apart from `generatedAt` and the clusters' `observedAt`; the response's
   * `ETag` is it in quotes, so a client that sends that back in `If-None-Match` gets
   * `304 Not Modified` while nothing changed.
   */
  version: string;
  /** When the response was assembled (ISO 8601). */
  generatedAt: string;
  /**
   * Whether the fleet page offers actions on delivery objects: they are enabled
   * (`kitstage.deployments.actions.enabled`) and the caller is a writer. Whether the caller
   * may act on one service is decided when its delivery objects are opened.
   */
  actions?: FleetActionsAvailability;
}

/**
 * Whether the fleet page offers actions on delivery objects, and why not.
 *
 * @public
 */
export interface FleetActionsAvailability {
  /** True when actions are enabled and the caller is a writer. */
  offered: boolean;
  /** Why they are not offered, when `offered` is false. */
  reason?: string;
}
