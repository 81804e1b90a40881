import type { Kitfile } from '../kitfile/types';

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
  /** The OCI media type of the blob, e.g. `application/vnd.kitops.modelkit.model.v1.tar+gzip`. */
  mediaType: string;
  /** The content digest of the blob (`sha256:…`). */
  digest: string;
  /** The size of the blob in bytes. */
  size: number;
}

/**
 * One layer of a ModelKit version.
 *
 * @public
 */
export interface ModelKitLayer extends ModelKitDescriptor {
  /** What the layer holds, from its media type; `unknown` for a media type Kitstage lacks. */
  kind: ModelKitLayerKind;
  /** The file or directory the layer holds, from the Kitfile entry or the layer's annotations. */
  path?: string;
  /** The Kitfile entry's name, when it has one. */
  name?: string;
  /** `gzip`, `zstd` or `none`, from the media type. */
  compression: 'gzip' | 'zstd' | 'none';
  /** The layer descriptor's OCI annotations; absent when it has none. */
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
  /** The `kit pull` command that downloads the version into the local KitOps storage. */
  pull: string;
  /** The `kit unpack` command that extracts the version's files into a directory. */
  unpack: string;
  /** The `kit inspect` command that prints the version's manifest. */
  inspect: string;
}

/**
 * Response of `GET /modelkits/:namespace/:name/versions/:reference`: everything about one
 * version.
 *
 * @public
 */
export interface ModelKitVersion {
  /** The OCI repository (`registry/path`) of the ModelKit. */
  repository: string;
  /** The tag or digest that was asked for. */
  reference: string;
  /** The manifest digest that the registry resolved and Kitstage verified. */
  digest: string;
  /** Every tag of the repository that points at the digest; empty when only the digest names it. */
  tags: string[];
  /** Media type of the manifest. */
  mediaType: string;
  /** Whether the manifest follows the KitOps or the CNCF ModelPack specification. */
  format: ModelKitArtifactFormat;
  /** When the version was created (ISO 8601), from the manifest or config, if recorded. */
  created?: string;
  /** Total size in bytes: config plus all layers. */
  size: number;
  /** The descriptor of the config blob (the Kitfile, for KitOps ModelKits). */
  config: ModelKitDescriptor;
  /** The Kitfile of the version, as parsed from the config. */
  kitfile: Kitfile;
  /** The layers of the manifest, in its order. */
  layers: ModelKitLayer[];
  /** The manifest's OCI annotations; empty when it has none. */
  annotations: Record<string, string>;
  /** Ready-to-copy `kit` commands for this version: by tag when it has one, else by digest. */
  commands: ModelKitCommands;
}
