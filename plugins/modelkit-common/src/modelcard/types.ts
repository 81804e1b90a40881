/**
 * One evaluation result of a model card's `model-index`: a metric of a model on a task and
 * dataset, as Hugging Face model cards declare them.
 *
 * @public
 */
export interface ModelCardResult {
  /** The `name` of the `model-index` entry the result belongs to. */
  model?: string;
  /** The task, by its `name` or else its `type` (`Text Classification`). */
  task?: string;
  /** The dataset, by its `name` or else its `type`. */
  dataset?: string;
  /** The dataset split the metric was measured on (`test`). */
  split?: string;
  /** The metric, by its `name` or else its `type` (`Accuracy`). */
  metric: string;
  /** The value as written (a number, or text such as `91.2 %`). */
  value: string;
  /** Whether the card says the result was verified (a claim of the card, not checked). */
  verified?: boolean;
}

/**
 * The metadata of a model card, read from its YAML front matter with the keys Hugging Face
 * model cards use. Everything here is what the card claims: untrusted text.
 *
 * @public
 */
export interface ModelCardFrontMatter {
  /** `license`, such as `apache-2.0`; with `license: other`, the `license_name` when given. */
  license?: string;
  /** `datasets`, in order. */
  datasets: string[];
  /** `base_model`, in order (one model, or several for a merge). */
  baseModels: string[];
  /** `language`, in order. */
  languages: string[];
  /** `tags`, in order. */
  tags: string[];
  /** `pipeline_tag`, such as `text-classification`. */
  pipelineTag?: string;
  /** `library_name`, such as `transformers`. */
  libraryName?: string;
  /** The `name` of each `model-index` entry, in order. */
  modelNames: string[];
  /** Every metric of `model-index`, in order. */
  results: ModelCardResult[];
}

/**
 * A model card split into its front matter and its Markdown body.
 *
 * @public
 */
export interface ModelCardDocument {
  /** The Markdown to render: the text after the front matter, or all of it when it has none. */
  body: string;
  /** The front matter, when the card has one that could be read. */
  frontMatter?: ModelCardFrontMatter;
  /**
   * Problems with the front matter, each a sentence naming what was wrong (invalid YAML with its
   * line and column, a key of the wrong type, a limit exceeded); the body renders regardless.
   */
  problems: string[];
}

/**
 * Bounds on a model card's front matter, which comes from untrusted registry content.
 *
 * @public
 */
export interface ModelCardFrontMatterLimits {
  /** Longest accepted front matter, in UTF-16 code units. Default 65536. */
  maxLength?: number;
  /** Deepest accepted nesting of mappings and sequences. Default 16. */
  maxDepth?: number;
  /** Most values once YAML aliases are expanded. Default 10000. */
  maxNodes?: number;
  /** Most `model-index` metrics kept. Default 200. */
  maxResults?: number;
}

/**
 * Where a model card's front matter and the Kitfile of the same version say different things.
 *
 * - `license`: the card's `license` is none of the Kitfile's `package.license` and
 *   `model.license`.
 * - `base-model`: the card's `base_model` names another model than the ModelKit the Kitfile's
 *   `model.path` refers to.
 * - `model-name`: the card's `model-index` names another model than the Kitfile's
 *   `package.name` and `model.name`.
 *
 * @public
 */
export interface ModelCardDisagreement {
  /** Which field disagrees. */
  field: 'license' | 'base-model' | 'model-name';
  /** What the model card says. */
  card: string;
  /** What the Kitfile says. */
  kitfile: string;
  /** A sentence saying both. */
  message: string;
}
