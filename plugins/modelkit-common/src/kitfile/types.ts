/**
 * A JSON-compatible value, as allowed in a Kitfile's free-form `parameters` sections.
 *
 * @public
 */
export type KitfileJsonValue =
  | string
  | number
  | boolean
  | null
  | KitfileJsonValue[]
  | { [key: string]: KitfileJsonValue };

/**
 * Fields that KitOps adds to each layer entry in a ModelKit's config blob (the Kitfile stored as
 * JSON in the registry). They never appear in a hand-written Kitfile.
 *
 * @public
 */
export interface KitfileLayerInfo {
  /** Digest of the layer that holds this entry's files. */
  digest?: string;
  /** Digest of the uncompressed layer (its diff ID). */
  diffId?: string;
}

/**
 * The `package` section: metadata about the ModelKit as a whole.
 *
 * @public
 */
export interface KitfilePackage {
  /** The ModelKit's name. */
  name?: string;
  /** The ModelKit's version, such as `1.2.3`. */
  version?: string;
  /** What the ModelKit is for. */
  description?: string;
  /** The license of the package, ideally an SPDX identifier such as `Apache-2.0`. */
  license?: string;
  /** The people or organisations who made it. */
  authors?: string[];
  /** Fields this version of Kitstage does not know are kept as they were. */
  [unknownField: string]: unknown;
}

/**
 * One entry of `model.parts`: an extra file or directory belonging to the model, such as a LoRA
 * adapter or a shard of weights.
 *
 * @public
 */
export interface KitfileModelPart extends KitfileLayerInfo {
  /** The part's name. */
  name?: string;
  /** The part's file or directory, relative to the Kitfile's directory. */
  path?: string;
  /** The part's license. */
  license?: string;
  /** What the part is, for example `lora-adapter`: `[\w][\w.-]*`, at most 64 characters. */
  type?: string;
  /** Fields this version of Kitstage does not know are kept as they were. */
  [unknownField: string]: unknown;
}

/**
 * The `model` section.
 *
 * @public
 */
export interface KitfileModel extends KitfileLayerInfo {
  /** The model's name. */
  name?: string;
  /**
   * Path of the model file or directory, relative to the Kitfile's directory, or a reference to
   * another ModelKit whose model this one builds on (see {@link isModelKitReference}).
   */
  path?: string;
  /** The model's license. */
  license?: string;
  /** The framework the model is for, such as `transformers`, `llama.cpp` or `Scikit-learn`. */
  framework?: string;
  /** The model's file format, for example `gguf` or `safetensors`. */
  format?: string;
  /** The model's own version, such as `1.0.0` or `0.6B-Q4_K_M`. */
  version?: string;
  /** What the model does. */
  description?: string;
  /** Further files of the model, such as adapters or shards. */
  parts?: KitfileModelPart[];
  /** Free-form, JSON-compatible settings for the model. */
  parameters?: KitfileJsonValue;
  /** Fields this version of Kitstage does not know are kept as they were. */
  [unknownField: string]: unknown;
}

/**
 * One entry of the `code` section.
 *
 * @public
 */
export interface KitfileCode extends KitfileLayerInfo {
  /** The code's file or directory, relative to the Kitfile's directory. */
  path?: string;
  /** What the code does. */
  description?: string;
  /** The code's license. */
  license?: string;
  /** Fields this version of Kitstage does not know are kept as they were. */
  [unknownField: string]: unknown;
}

/**
 * One entry of the `datasets` section.
 *
 * @public
 */
export interface KitfileDataset extends KitfileLayerInfo {
  /** The dataset's name, such as `training data`. */
  name?: string;
  /** The dataset's file or directory, relative to the Kitfile's directory. */
  path?: string;
  /** What the dataset holds. */
  description?: string;
  /** The dataset's license. */
  license?: string;
  /** Free-form, JSON-compatible metadata such as preprocessing steps. */
  parameters?: KitfileJsonValue;
  /** Fields this version of Kitstage does not know are kept as they were. */
  [unknownField: string]: unknown;
}

/**
 * One entry of the `docs` section.
 *
 * @public
 */
export interface KitfileDocs extends KitfileLayerInfo {
  /** The documentation's file or directory, relative to the Kitfile's directory. */
  path?: string;
  /** What the documentation covers. */
  description?: string;
  /** Fields this version of Kitstage does not know are kept as they were. */
  [unknownField: string]: unknown;
}

/**
 * One entry of the `prompts` section: a file meant to be read as a prompt for an LLM.
 *
 * @public
 */
export interface KitfilePrompt extends KitfileLayerInfo {
  /** The prompt's file or directory, relative to the Kitfile's directory. */
  path?: string;
  /** What the prompt is for. */
  description?: string;
  /** Fields this version of Kitstage does not know are kept as they were. */
  [unknownField: string]: unknown;
}

/**
 * A KitOps Kitfile: the manifest of a ModelKit, as written in a project's `Kitfile` (YAML) or
 * stored in a ModelKit's config blob (JSON).
 *
 * @remarks
 * Field names and types follow the KitOps CLI (`pkg/artifact/kitfile.go`). Known fields are
 * typed; any other field, at any level, is kept as it was written, so a Kitfile written by a newer
 * KitOps version survives a parse and serialize round trip. Every `path` is present after a strict
 * parse (the default); it may be missing after a parse with `strict: false`, which the KitOps CLI
 * reads as the Kitfile's own directory.
 *
 * @public
 */
export interface Kitfile {
  /**
   * The manifest format version as written: `1.0.0`, `v1.0.0` or `1.0`. See
   * {@link normalizeKitfileManifestVersion}. An empty string stands for a Kitfile that stated none
   * (accepted only when parsing with `strict: false`).
   */
  manifestVersion: string;
  /** Metadata about the ModelKit as a whole. */
  package?: KitfilePackage;
  /** The model; a ModelKit holds at most one. */
  model?: KitfileModel;
  /** Source code, notebooks and scripts. */
  code?: KitfileCode[];
  /** Datasets. */
  datasets?: KitfileDataset[];
  /** Documentation. */
  docs?: KitfileDocs[];
  /** Prompt files for LLMs. */
  prompts?: KitfilePrompt[];
  /** Fields this version of Kitstage does not know are kept as they were. */
  [unknownField: string]: unknown;
}
