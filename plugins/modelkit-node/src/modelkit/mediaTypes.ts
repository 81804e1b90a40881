import type { ModelKitLayerKind } from '@kitstage/plugin-modelkit-common';

/**
 * Media and artifact types of KitOps ModelKits and CNCF ModelPack artifacts.
 *
 * @remarks
 *
 * From the KitOps CLI (`pkg/lib/constants/mediatype`) and the ModelPack specification
 * (`modelpack/model-spec`, `specs-go/v1/mediatype.go`). Layer media types follow the patterns
 * `application/vnd.kitops.modelkit.<model|modelpart|code|dataset|docs|mcpb>.v1.<tar|raw>[+gzip|+zstd]`
 * and `application/vnd.cncf.model.<weight|weight.config|code|dataset|doc>.v1.<tar|raw>[+gzip|+zstd]`.
 *
 * @public
 */
export const ModelKitMediaTypes = {
  /** The config of a KitOps ModelKit: the Kitfile as JSON. */
  kitopsConfig: 'application/vnd.kitops.modelkit.config.v1+json',
  /** The artifact type recent KitOps versions give a ModelKit manifest. */
  kitopsManifest: 'application/vnd.kitops.modelkit.manifest.v1+json',
  /** The artifact type of a KitOps ModelKit index. */
  kitopsIndex: 'application/vnd.kitops.modelkit.index.v1+json',
  /** The config of a CNCF ModelPack artifact. */
  modelPackConfig: 'application/vnd.cncf.model.config.v1+json',
  /** The artifact type of a CNCF ModelPack manifest. */
  modelPackManifest: 'application/vnd.cncf.model.manifest.v1+json',
} as const;

/**
 * Annotations that KitOps and ModelPack tools write on ModelKit manifests and layers.
 *
 * @public
 */
export const ModelKitAnnotations = {
  /** Manifest: the Kitfile as JSON, on ModelPack artifacts packed by KitOps. */
  kitfile: 'ml.kitops.modelkit.kitfile',
  /** Manifest: the version of the KitOps CLI that packed the ModelKit. */
  cliVersion: 'ml.kitops.modelkit.cli-version',
  /** Layer: `prompt` on the code-type layers that hold the Kitfile's `prompts`. */
  layerSubtype: 'ml.kitops.modelkit.layer-subtype',
  /** Layer: the file or directory a ModelPack layer holds. */
  filepath: 'org.cncf.model.filepath',
  /** Manifest: when the artifact was created (RFC 3339), from the OCI image specification. */
  created: 'org.opencontainers.image.created',
} as const;

/**
 * What a ModelKit layer media type says.
 *
 * @public
 */
export interface ModelKitLayerMediaType {
  /** Which specification the media type belongs to. */
  format: 'kitops' | 'modelpack';
  /** What the layer holds. Code-type layers holding prompts are told apart by an annotation. */
  kind: Exclude<ModelKitLayerKind, 'prompt' | 'unknown'>;
  /** `tar` for an archive of files, `raw` for one file stored as it is. */
  archive: 'tar' | 'raw';
  /** How the layer is compressed. */
  compression: 'gzip' | 'zstd' | 'none';
}

const KITOPS_LAYER =
  /^application\/vnd\.kitops\.modelkit\.(model|modelpart|code|dataset|docs|mcpb)\.v1\.(tar|raw)(?:\+(gzip|zstd|none))?$/;
const MODELPACK_LAYER =
  /^application\/vnd\.cncf\.model\.(weight|weight\.config|code|dataset|doc)\.v1\.(tar|raw)(?:\+(gzip|zstd))?$/;

const KITOPS_KINDS: Record<string, ModelKitLayerMediaType['kind']> = {
  model: 'model',
  modelpart: 'model-part',
  code: 'code',
  dataset: 'dataset',
  docs: 'docs',
  mcpb: 'mcp-server',
};
const MODELPACK_KINDS: Record<string, ModelKitLayerMediaType['kind']> = {
  weight: 'model',
  'weight.config': 'model-part',
  code: 'code',
  dataset: 'dataset',
  doc: 'docs',
};

/**
 * Parses a KitOps or ModelPack layer media type. Returns undefined for any other media type
 * (including a ModelPack `raw` layer that claims a compression, which the specification forbids).
 *
 * @public
 */
export function parseModelKitLayerMediaType(
  mediaType: string,
): ModelKitLayerMediaType | undefined {
  const kitops = KITOPS_LAYER.exec(mediaType);
  if (kitops) {
    return fromMatch('kitops', KITOPS_KINDS, kitops);
  }
  const modelPack = MODELPACK_LAYER.exec(mediaType);
  if (modelPack && !(modelPack[2] === 'raw' && modelPack[3])) {
    return fromMatch('modelpack', MODELPACK_KINDS, modelPack);
  }
  return undefined;
}

/** A layer media type from a match of its pattern: kind, archive and compression. */
function fromMatch(
  format: ModelKitLayerMediaType['format'],
  kinds: Record<string, ModelKitLayerMediaType['kind']>,
  match: RegExpExecArray,
): ModelKitLayerMediaType {
  return {
    format,
    kind: kinds[match[1]],
    archive: match[2] as 'tar' | 'raw',
    compression: (match[3] ?? 'none') as ModelKitLayerMediaType['compression'],
  };
}

/**
 * The compression a media type names by its suffix, for layers of any type.
 *
 * @internal
 */
export function compressionOf(mediaType: string): 'gzip' | 'zstd' | 'none' {
  if (/[+.]gzip$/.test(mediaType)) {
    return 'gzip';
  }
  if (/[+.]zstd$/.test(mediaType)) {
    return 'zstd';
  }
  return 'none';
}
