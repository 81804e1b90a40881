import type { AttestationVerificationState } from '../attestation/AttestationResult';
import type { DeploymentCluster } from '../deployments/clusterTypes';
import type { DeploymentHealthStatus } from '../health/DeploymentHealth';

/**
 * What a lineage node stands for.
 *
 * - `dataset`: a ModelKit that packages data (`spec.type: dataset`), or one only used as
 *   training data in the graph.
 * - `base-model`: a ModelKit another one is fine-tuned from.
 * - `fine-tune`: a ModelKit fine-tuned from a base model.
 * - `modelkit`: any other ModelKit.
 * - `component`: a catalog Component that serves a ModelKit.
 * - `cluster`: a Kubernetes cluster a Component (or a bare workload) runs on.
 * - `source`: the source repository and commit a ModelKit was built from (SLSA provenance).
 *
 * @public
 */
export type LineageNodeKind =
  | 'dataset'
  | 'base-model'
  | 'modelkit'
  | 'fine-tune'
  | 'component'
  | 'cluster'
  | 'source';

/**
 * What a lineage edge says. Edges read as sentences, `<from> <type> <to>`:
 *
 * - `trained-on`: the model (or derived dataset) `from` uses the data of `to`.
 * - `fine-tuned-from`: the fine-tune `from` was fine-tuned from the base model `to`.
 * - `served-by`: the ModelKit `from` is served by the Component `to`.
 * - `runs-on`: the Component (or ModelKit, for a workload of no Component) `from` runs on
 *   the cluster `to`.
 * - `built-from-source`: the ModelKit `from` was built from the source `to`.
 *
 * Data flows from `to` to `from` for `trained-on`, `fine-tuned-from` and
 * `built-from-source`, and from `from` to `to` for `served-by` and `runs-on`; see
 * {@link lineageFlow}.
 *
 * @public
 */
export type LineageEdgeType =
  | 'trained-on'
  | 'fine-tuned-from'
  | 'served-by'
  | 'runs-on'
  | 'built-from-source';

/**
 * Where a lineage edge comes from.
 *
 * - `catalog`: catalog entities and their relations (`spec.baseModel`, `spec.datasets`, a
 *   Component's `dependsOn`).
 * - `kitfile`: the Kitfile of the chosen version (`model.path` naming another ModelKit, a
 *   dataset's `remotePath`).
 * - `provenance`: an SLSA provenance attestation of the chosen version.
 * - `deployment`: what runs on the clusters, read through the Kubernetes plugin.
 *
 * @public
 */
export type LineageEdgeSource =
  | 'catalog'
  | 'kitfile'
  | 'provenance'
  | 'deployment';

/**
 * One node of a lineage graph.
 *
 * @public
 */
export interface LineageNode {
  /**
   * Stable identifier: the entity reference in lower case for catalog entities
   * (`modelkit:default/sentiment-base`, also for missing ones), `oci:<host>/<path>` for a
   * Kitfile reference no ModelKit entity matches, `cluster:<name>` and
   * `source:<repository>[@<commit>]`.
   */
  id: string;
  /** What the node stands for; for ModelKits, refined from their spec and edges. */
  kind: LineageNodeKind;
  /** The full entity reference (`kind:namespace/name`) for catalog entities, also missing ones. */
  entityRef?: string;
  /** What to show: the entity title or name, the cluster title, the repository. */
  title: string;
  /**
   * The version shown: for the ModelKit the lineage is about, the chosen tag (or
   * `package.version`); for a Kitfile reference without entity, its tag; for a source, the
   * commit.
   */
  version?: string;
  /** The manifest digest of the chosen version, or of a Kitfile reference by digest. */
  digest?: string;
  /**
   * Set when the node is referenced but cannot be found: an entity reference the caller
   * cannot read (or that does not exist), or a Kitfile reference to a repository no ModelKit
   * entity the caller can read names.
   */
  missing?: true;
  /**
   * Hops from the root: negative upstream (data, base models, sources), 0 for the root,
   * positive downstream (fine-tunes, Components, clusters). Suits a layered layout.
   */
  depth: number;
  /**
   * Set on nodes at the depth limit whose own lineage goes on: ask again from that node to
   * see more.
   */
  hasMore?: true;
  /** The OCI repository (`host/path`) of a ModelKit, when known. */
  repository?: string;
  /** The owner entity reference of a catalog entity, when it has one. */
  owner?: string;
  /** The entity's `spec.lifecycle`. */
  lifecycle?: string;
  /** A web address for the node: a source repository or a cluster dashboard. */
  url?: string;
  /**
   * For `source` nodes: whether the provenance naming it is verified. Unverified provenance is
   * shown so people see it, never vouched for.
   */
  verified?: boolean;
}

/**
 * One edge of a lineage graph; see {@link LineageEdgeType} for how it reads.
 *
 * @public
 */
export interface LineageEdge {
  /** The node id of the subject. */
  from: string;
  /** The node id of the object. */
  to: string;
  /** What the edge says about `from` and `to`. */
  type: LineageEdgeType;
  /** A short text for the edge, e.g. `fine-tuned from` or `runs on`. */
  label: string;
  /** The most specific source that says so (kitfile, provenance, deployment, then catalog). */
  source: LineageEdgeSource;
  /** Every source that says so, most specific first. */
  sources: LineageEdgeSource[];
  /** The referenced version: a Kitfile reference's tag, the running tag of a deployment. */
  version?: string;
  /** The referenced manifest digest: a Kitfile reference's digest, the running digest. */
  digest?: string;
  /** The Kitfile field of the reference, e.g. `model.path` or `datasets[1].remotePath`. */
  field?: string;
  /** For `built-from-source`: whether the provenance is verified. */
  verified?: boolean;
  /** For `built-from-source`: the verification state of the provenance attestation. */
  verification?: AttestationVerificationState;
  /** For `runs-on`: the health of the service on the cluster. */
  status?: DeploymentHealthStatus;
}

/**
 * A lineage graph around one catalog entity (a ModelKit or a Component).
 *
 * @public
 */
export interface LineageGraph {
  /** The node id of the entity the lineage is about. */
  root: string;
  /** The root first, then by depth (upstream first), kind and id. */
  nodes: LineageNode[];
  /** Sorted by `from`, `to` and `type`; each (from, to, type) once. */
  edges: LineageEdge[];
  /** True when the node cap was reached: nodes further away were left out. */
  truncated: boolean;
  /**
   * The cycles found, each as the sorted node ids of one strongly connected component (a
   * single id for an entity that references itself). Cycles are drawn, never followed twice.
   */
  cycles: string[][];
  /** The limits the graph was built with. */
  limits: { maxDepth: number; maxNodes: number };
  /**
   * What could not be shown as asked: missing references, cycles, limits reached, and (added by
   * the backend) sources that could not be read, such as a Kitfile or clusters that are down.
   */
  warnings: LineageWarning[];
}

/**
 * Why a lineage graph is incomplete or surprising.
 *
 * - `missing-reference`: an entity reference or Kitfile reference names nothing the caller can
 *   read; the node is drawn with `missing: true`.
 * - `cycle`: entities reference each other in a circle; each is drawn once.
 * - `depth-limit`: nodes at the depth limit have more lineage (`hasMore: true`).
 * - `node-limit`: the node cap was reached and further nodes were left out.
 * - `kitfile-unavailable`: the Kitfile of the chosen version could not be read.
 * - `provenance-unavailable`: the attestations of the chosen version could not be read.
 * - `deployments-unavailable`: deployment data (clusters) could not be read, in whole or in
 *   part; the graph has what could be read.
 * - `invalid-reference`: a reference that could not be parsed (an entity reference or an OCI
 *   reference in a Kitfile or annotation).
 *
 * @public
 */
export type LineageWarningCode =
  | 'missing-reference'
  | 'cycle'
  | 'depth-limit'
  | 'node-limit'
  | 'kitfile-unavailable'
  | 'provenance-unavailable'
  | 'deployments-unavailable'
  | 'invalid-reference';

/**
 * One warning about a lineage graph.
 *
 * @public
 */
export interface LineageWarning {
  /** What kind of problem it is. */
  code: LineageWarningCode;
  /** One sentence for people, naming what was wrong. */
  message: string;
  /** The node ids concerned (the missing node, the members of a cycle). */
  nodeIds?: string[];
  /** The Kitfile field or entity field of the reference, e.g. `spec.baseModel`. */
  field?: string;
}

/**
 * A Kitfile reference to another ModelKit, as the lineage builder takes it.
 *
 * @public
 */
export interface LineageKitfileReference {
  /** `base-model` for `model.path`, `dataset` for a dataset's `remotePath` (or `path`). */
  role: 'base-model' | 'dataset';
  /** The Kitfile field, e.g. `model.path` or `datasets[0].remotePath`. */
  field: string;
  /** The OCI repository, `host/path`, matched against ModelKit entities' `spec.repository`. */
  repository: string;
  /** The tag the reference names, when it names one. */
  tag?: string;
  /** The manifest digest the reference names, when it names one. */
  digest?: string;
}

/**
 * The Kitfile of one version of a ModelKit in the graph (usually the root's chosen version).
 *
 * @public
 */
export interface LineageKitfileInput {
  /** The ModelKit entity the Kitfile belongs to. */
  entityRef: string;
  /** The version shown on the node: a tag or `package.version`. */
  version?: string;
  /** The manifest digest of the version. */
  digest?: string;
  /** Its references to other ModelKits. */
  references: LineageKitfileReference[];
}

/**
 * SLSA provenance of a ModelKit version in the graph.
 *
 * @public
 */
export interface LineageProvenanceInput {
  /** The ModelKit entity the attestation is about. */
  entityRef: string;
  /** The source repository, e.g. `https://github.com/acme/models`. */
  sourceRepository: string;
  /** The source commit, when given. */
  sourceCommit?: string;
  /** The attestation's verification state: only `verified` is vouched for. */
  verification: AttestationVerificationState;
}

/**
 * A service (or bare workload) running on a cluster, with the ModelKits it runs.
 *
 * @public
 */
export interface LineagePlacementInput {
  /** The Component the workload belongs to, when it is known and visible to the caller. */
  component?: string;
  /** The Component's title, for a Component that is not among the input entities. */
  componentTitle?: string;
  /** The cluster it runs on; becomes a `cluster:<name>` node. */
  cluster: DeploymentCluster;
  /** The health of the service on the cluster, shown on the `runs-on` edge; absent when unknown. */
  status?: DeploymentHealthStatus;
  /** The ModelKits it runs, by OCI repository (`host/path`). */
  modelKits: Array<{ repository: string; tag?: string; digest?: string }>;
}

/**
 * The minimal shape of a catalog entity the lineage builder reads (a Backstage `Entity`).
 *
 * @public
 */
export interface LineageEntity {
  /** The entity's `apiVersion`; not read. */
  apiVersion: string;
  /** The entity's kind; only `ModelKit` and `Component` (any case) become nodes. */
  kind: string;
  /** The entity's metadata: its name, namespace (`default` when absent), title and annotations. */
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    annotations?: Record<string, string>;
  };
  /**
   * The entity's spec: `owner`, `lifecycle`, and for ModelKits `type`, `repository`,
   * `baseModel` and `datasets`.
   */
  spec?: Record<string, unknown>;
  /** The entity's relations: `ownedBy`, `dependsOn` and `dependencyOf` are read. */
  relations?: Array<{ type: string; targetRef: string }>;
}

/**
 * Everything the lineage builder combines; see {@link buildLineageGraph}.
 *
 * @public
 */
export interface LineageInput {
  /** The entity reference of the ModelKit or Component the lineage is about. */
  root: string;
  /**
   * The catalog entities around the root that the caller may read: the root itself,
   * referenced ModelKits, dependents and Components. Entities the caller cannot read are
   * simply not given.
   */
  entities: readonly LineageEntity[];
  /** Kitfiles of chosen versions, usually the root's. */
  kitfiles?: readonly LineageKitfileInput[];
  /** SLSA provenance of chosen versions, usually the root's. */
  provenance?: readonly LineageProvenanceInput[];
  /** Placements of services on clusters, when deployment data is there. */
  placements?: readonly LineagePlacementInput[];
  /** Hops followed in each direction from the root; default {@link LINEAGE_DEFAULTS}. */
  maxDepth?: number;
  /** The most nodes in the graph; default {@link LINEAGE_DEFAULTS}. */
  maxNodes?: number;
}
