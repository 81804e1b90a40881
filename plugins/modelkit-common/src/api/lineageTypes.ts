import type { LineageGraph } from '../lineage/types';

/**
 * The version a ModelKit lineage was read at.
 *
 * @public
 */
export interface ModelKitLineageVersion {
  /** The tag or digest that was asked for, or the newest tag when none was. */
  reference: string;
  /** The manifest digest it resolved to. */
  digest: string;
  /** Tags pointing at the digest. */
  tags: string[];
  /** `package.version` from the Kitfile, if set. */
  version?: string;
}

/**
 * Response of `GET /modelkits/:namespace/:name/lineage?version=<tag|digest>&maxDepth=<n>`: the
 * lineage of a ModelKit from its data, base models and source, to the Components that serve it
 * and the clusters they run on. Without `version`, the newest version's Kitfile is read.
 *
 * @public
 */
export interface ModelKitLineageResponse {
  /** The entity reference of the ModelKit, e.g. `modelkit:default/support-sentiment`. */
  entityRef: string;
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /**
   * The version whose Kitfile was read; absent when the ModelKit has no version or its
   * Kitfile could not be read (a `kitfile-unavailable` warning then says why).
   */
  version?: ModelKitLineageVersion;
  /** The graph; the root is the ModelKit. Warnings are in `graph.warnings`. */
  graph: LineageGraph;
}

/**
 * Response of `GET /components/:namespace/:name/lineage?maxDepth=<n>`: the lineage of a
 * catalog Component, through the ModelKits it serves to their data and base models, and the
 * clusters it runs on.
 *
 * @public
 */
export interface ComponentLineageResponse {
  /** The entity reference of the Component, e.g. `component:default/support-sentiment-api`. */
  entityRef: string;
  /** The graph; the root is the Component. Warnings are in `graph.warnings`. */
  graph: LineageGraph;
}
