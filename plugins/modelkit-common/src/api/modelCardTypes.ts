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
  /**
   * The Kitfile's `package` section: name, version, description, license and authors; absent
   * when the Kitfile has none.
   */
  package?: {
    name?: string;
    version?: string;
    description?: string;
    license?: string;
    authors?: string[];
  };
  /**
   * The Kitfile's `model` section without its parts and parameters; absent when the Kitfile
   * has no model.
   */
  model?: {
    name?: string;
    path?: string;
    framework?: string;
    version?: string;
    description?: string;
    license?: string;
  };
  /** The Kitfile's `datasets` entries in order, descriptive fields only; empty when none. */
  datasets: Array<{
    name?: string;
    path?: string;
    description?: string;
    license?: string;
  }>;
  /** The Kitfile's `code` entries in order, descriptive fields only; empty when none. */
  code: Array<{ path?: string; description?: string; license?: string }>;
  /** The Kitfile's `docs` entries in order, descriptive fields only; empty when none. */
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
  /**
   * The docs-layer file the Markdown was read from, or `kitfile` when the descriptions stand
   * in.
   */
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
