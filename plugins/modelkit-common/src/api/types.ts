import type {
  AttestationPolicyResult,
  AttestationPolicyStatus,
  AttestationReport,
  AttestationVerificationState,
} from '../attestation';
import type { Kitfile } from '../kitfile';
import type { LineageGraph } from '../lineage/types';

/**
 * What a ModelKit layer holds, from its media type (KitOps or CNCF ModelPack).
 *
 * @public
 */
export type ModelKitLayerKind =
  | 'model'
  | 'model-part'
  | 'code'
  | 'dataset'
  | 'docs'
  | 'prompt'
  | 'mcp-server'
  | 'unknown';

/**
 * Which specification a ModelKit manifest follows.
 *
 * @public
 */
export type ModelKitArtifactFormat = 'kitops' | 'modelpack';

/**
 * A content descriptor as the API reports it.
 *
 * @public
 */
export interface ModelKitDescriptor {
  mediaType: string;
  digest: string;
  size: number;
}

/**
 * One layer of a ModelKit version.
 *
 * @public
 */
export interface ModelKitLayer extends ModelKitDescriptor {
  kind: ModelKitLayerKind;
  /** The file or directory the layer holds, from the Kitfile entry or the layer's annotations. */
  path?: string;
  /** The Kitfile entry's name, when it has one. */
  name?: string;
  /** `gzip`, `zstd` or `none`, from the media type. */
  compression: 'gzip' | 'zstd' | 'none';
  annotations?: Record<string, string>;
}

/**
 * One version of a ModelKit, as listed: a manifest digest and the tags that point at it.
 *
 * @public
 */
export interface ModelKitVersionSummary {
  /** The manifest digest (`sha256:…`). */
  digest: string;
  /** Tags pointing at this digest, newest-looking first. */
  tags: string[];
  /** When the version was created (ISO 8601), from the manifest or config, if recorded. */
  created?: string;
  /** Total size in bytes: config plus all layers. */
  size: number;
  /** `package.version` from the Kitfile, if set. */
  version?: string;
}

/**
 * Response of `GET /modelkits/:namespace/:name/versions`.
 *
 * @public
 */
export interface ModelKitVersionsResponse {
  /** The OCI repository (`registry/path`) the versions come from. */
  repository: string;
  /** Newest first. */
  items: ModelKitVersionSummary[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
  /**
   * Tags that were left out, with the reason: artifacts that are not ModelKits (container
   * images, signatures, indexes) and ModelKits whose config could not be read (the reason then
   * names the Kitfile field that is wrong).
   */
  skipped?: Array<{ tag: string; digest?: string; reason: string }>;
  /** True when the repository has more tags than the registry entry allows to read. */
  truncated?: boolean;
}

/**
 * Ready-to-copy `kit` commands for a version.
 *
 * @public
 */
export interface ModelKitCommands {
  pull: string;
  unpack: string;
  inspect: string;
}

/**
 * Response of `GET /modelkits/:namespace/:name/versions/:reference`: everything about one
 * version.
 *
 * @public
 */
export interface ModelKitVersion {
  repository: string;
  /** The tag or digest that was asked for. */
  reference: string;
  /** The manifest digest that the registry resolved and Kitstage verified. */
  digest: string;
  tags: string[];
  /** Media type of the manifest. */
  mediaType: string;
  format: ModelKitArtifactFormat;
  created?: string;
  /** Total size in bytes: config plus all layers. */
  size: number;
  config: ModelKitDescriptor;
  kitfile: Kitfile;
  layers: ModelKitLayer[];
  annotations: Record<string, string>;
  commands: ModelKitCommands;
}

/**
 * How a value or a part differs between two versions.
 *
 * @public
 */
export type ModelKitChange = 'added' | 'removed' | 'changed' | 'unchanged';

/**
 * A Kitfile field that differs between two versions.
 *
 * @public
 */
export interface ModelKitKitfileChange {
  /** Field path, such as `package.version` or `datasets[0].path`. */
  path: string;
  change: Exclude<ModelKitChange, 'unchanged'>;
  from?: unknown;
  to?: unknown;
}

/**
 * A manifest annotation that differs between two versions.
 *
 * @public
 */
export interface ModelKitAnnotationChange {
  key: string;
  change: Exclude<ModelKitChange, 'unchanged'>;
  from?: string;
  to?: string;
}

/**
 * A part (layer) compared between two versions, matched by kind and path.
 *
 * @public
 */
export interface ModelKitPartChange {
  kind: ModelKitLayerKind;
  path?: string;
  change: ModelKitChange;
  from?: ModelKitDescriptor;
  to?: ModelKitDescriptor;
  /** `to.size - from.size`, with a missing side counted as 0. */
  sizeDelta: number;
}

/**
 * Response of `GET /modelkits/:namespace/:name/diff?from=&to=`: what `kit diff` reports.
 *
 * @public
 */
export interface ModelKitDiff {
  repository: string;
  from: { reference: string; digest: string; size: number };
  to: { reference: string; digest: string; size: number };
  /** True when both references resolve to the same digest. */
  identical: boolean;
  /** True when both versions have the same config blob (for KitOps ModelKits, the same Kitfile). */
  sameConfig: boolean;
  /** Kitfile fields that differ; layer digests are left out (they show in `parts`). */
  kitfile: ModelKitKitfileChange[];
  /** Manifest annotations that differ. */
  annotations: ModelKitAnnotationChange[];
  parts: ModelKitPartChange[];
  /** `to.size - from.size`. */
  sizeDelta: number;
}

/**
 * The most digests one `GET /modelkits/:namespace/:name/policy` request may name: a full page
 * of versions.
 *
 * @public
 */
export const MAX_POLICY_STATUS_DIGESTS = 100;

/**
 * Response of `GET /modelkits/:namespace/:name/versions/:reference/attestations`: every
 * attestation and signature of one version with its verification state, and the policy of the
 * ModelKit's lifecycle evaluated on them.
 *
 * @public
 */
export interface ModelKitAttestationsResponse {
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /** The tag or digest that was asked for. */
  reference: string;
  /**
   * The manifest digest the registry resolved and Kitstage hashed: every `verified` statement
   * names it.
   */
  digest: string;
  /** The attestations, their states, summaries and `cosign` commands. */
  report: AttestationReport;
  /** The policy of the entity's `spec.lifecycle` (`policy.lifecycle`) on this report. */
  policy: AttestationPolicyResult;
}

/**
 * The policy status of one version, for badges in the versions table, the entity header and
 * the deployment views.
 *
 * @public
 */
export interface ModelKitVersionPolicyStatus {
  /** The manifest digest. */
  digest: string;
  /** `passed`, `failed` (a rule failed) or `missing` (a rule lacks verified evidence). */
  status: AttestationPolicyStatus;
  /** False when the lifecycle requires nothing: the status is then `passed`. */
  applies: boolean;
  /** One sentence: the rule that failed or lacks evidence and why, or what passed. */
  message: string;
  /** The first rule that failed, or else the first that lacks evidence. */
  failedRule?: string;
  /** How many attestations ended in each verification state. */
  counts: Record<AttestationVerificationState, number>;
  /** False when not every attestation could be looked up or checked. */
  complete: boolean;
  /** When the attestations were checked (ISO 8601); results are cached for a short while. */
  checkedAt?: string;
  /**
   * Why the attestations of this digest could not be checked at all, when they could not; the
   * status is then `missing`.
   */
  error?: string;
}

/**
 * Response of `GET /modelkits/:namespace/:name/policy?digests=…`: the policy status of several
 * versions of one ModelKit in one request.
 *
 * @public
 */
export interface ModelKitPolicyStatusResponse {
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /** The entity's `spec.lifecycle`, whose policy was evaluated. */
  lifecycle: string;
  /** One entry per distinct digest asked for, in the order asked. */
  items: ModelKitVersionPolicyStatus[];
}

/**
 * Response of `GET /modelkits/:namespace/:name/policy/latest`: the policy status of the newest
 * version, for the entity header.
 *
 * @public
 */
export interface ModelKitLatestPolicyStatusResponse {
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /** The entity's `spec.lifecycle`, whose policy was evaluated. */
  lifecycle: string;
  /** The newest version, as the versions listing orders them; absent when there is none. */
  version?: ModelKitVersionSummary;
  /** Its policy status; absent when there is no version. */
  policy?: ModelKitVersionPolicyStatus;
}

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

/**
 * Where a model card's Markdown came from.
 *
 * - `docs-layer`: a file of a docs layer (`MODEL_CARD.md`, `model-card.md` or `README.md`,
 *   compared case-insensitively); `path` is its path inside the layer.
 * - `kitfile`: no such file was found or it could not be read; `markdown` is null and the
 *   Kitfile `descriptions` stand in.
 *
 * @public
 */
export type ModelKitModelCardSource =
  | { type: 'docs-layer'; path: string; layerDigest: string }
  | { type: 'kitfile' };

/**
 * The descriptive fields of a Kitfile, the model card's fallback.
 *
 * @public
 */
export interface ModelKitModelCardDescriptions {
  package?: {
    name?: string;
    version?: string;
    description?: string;
    license?: string;
    authors?: string[];
  };
  model?: {
    name?: string;
    path?: string;
    framework?: string;
    version?: string;
    description?: string;
    license?: string;
  };
  datasets: Array<{
    name?: string;
    path?: string;
    description?: string;
    license?: string;
  }>;
  code: Array<{ path?: string; description?: string; license?: string }>;
  docs: Array<{ path?: string; description?: string }>;
}

/**
 * Response of `GET /modelkits/:namespace/:name/versions/:version/model-card`: the model card of
 * one version, read from its docs layers with a byte cap, with the Kitfile descriptions as
 * fallback. The Markdown is untrusted text: render it sanitized (no raw HTML).
 *
 * @public
 */
export interface ModelKitModelCardResponse {
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /** The tag or digest that was asked for. */
  reference: string;
  /** The manifest digest it resolved to. */
  digest: string;
  /** The Markdown text, or null when no docs layer has a model card or README. */
  markdown: string | null;
  source: ModelKitModelCardSource;
  /** True when the file was longer than `maxBytes`: `markdown` holds its beginning. */
  truncated: boolean;
  /** The most bytes of Markdown read (`modelkit.modelCard.maxBytes`, default 256 KiB). */
  maxBytes: number;
  /** The Kitfile's descriptions, always present. */
  descriptions: ModelKitModelCardDescriptions;
  /**
   * Docs layers that could not be read and why (not a tar archive, too large, an unsafe entry
   * name skipped); the model card then comes from another layer or the Kitfile.
   */
  warnings: string[];
}
