/**
 * An OCI content descriptor: a typed pointer to a manifest or blob.
 *
 * @public
 */
export interface OciDescriptor {
  /** Media type of the referenced content. */
  mediaType: string;
  /** Content digest, e.g. `sha256:4f3c…`. */
  digest: string;
  /** Size of the referenced content in bytes. */
  size: number;
  /** Artifact type, for descriptors of artifacts (OCI 1.1). */
  artifactType?: string;
  /** Free-form string annotations. */
  annotations?: Record<string, string>;
  /** Platform of an image, for descriptors in an index. */
  platform?: OciPlatform;
  /** Alternative locations of the content. Never fetched by the client. */
  urls?: string[];
  /** Embedded base64 content (OCI 1.1). */
  data?: string;
}

/**
 * The platform of an image inside an index.
 *
 * @public
 */
export interface OciPlatform {
  /** CPU architecture, e.g. `amd64` or `arm64`. */
  architecture: string;
  /** Operating system, e.g. `linux`. */
  os: string;
  /** Operating system version, e.g. `10.0.14393.1066`. */
  'os.version'?: string;
  /** Required operating system features. */
  'os.features'?: string[];
  /** CPU variant, e.g. `v8` for `arm64`. */
  variant?: string;
}

/**
 * An OCI image manifest (or a Docker v2 schema 2 manifest, which has the same shape).
 *
 * @public
 */
export interface OciImageManifest {
  /** Always 2. */
  schemaVersion: 2;
  /** The document's own media type, when it declares one. */
  mediaType?: string;
  /** The type of artifact the document describes (OCI 1.1). */
  artifactType?: string;
  /** The config blob; for a ModelKit, its Kitfile. */
  config: OciDescriptor;
  /** The layers, in order. */
  layers: OciDescriptor[];
  /** The manifest this one refers to (signatures, attestations). */
  subject?: OciDescriptor;
  /** Free-form string annotations. */
  annotations?: Record<string, string>;
}

/**
 * An OCI image index (or a Docker manifest list, which has the same shape).
 *
 * @public
 */
export interface OciImageIndex {
  /** Always 2. */
  schemaVersion: 2;
  /** The document's own media type, when it declares one. */
  mediaType?: string;
  /** The type of artifact the document describes (OCI 1.1). */
  artifactType?: string;
  /** The manifests the index lists. */
  manifests: OciDescriptor[];
  /** The manifest this one refers to. */
  subject?: OciDescriptor;
  /** Free-form string annotations. */
  annotations?: Record<string, string>;
}

/**
 * A manifest fetched from a source, verified against its digest.
 *
 * @remarks
 *
 * `kind` tells which of `OciImageManifest` (`image`) or `OciImageIndex` (`index`) the
 * `manifest` field holds. `raw` is the exact text whose digest is `digest`; use it when the
 * original bytes matter (signatures, re-serialisation).
 *
 * @public
 */
export type OciManifestResult = {
  /** The source (registry) name. */
  source: string;
  /** The repository, e.g. `team/model`. */
  repository: string;
  /** The tag or digest that was asked for. */
  reference: string;
  /** The sha256 digest of `raw`. */
  digest: string;
  /** The manifest media type (from the document, else from the `Content-Type` header). */
  mediaType: string;
  /** The size of `raw` in bytes. */
  size: number;
  /** The exact manifest text as served. */
  raw: string;
} & (
  | { kind: 'image'; manifest: OciImageManifest }
  | { kind: 'index'; manifest: OciImageIndex }
);

/**
 * The tags of a repository.
 *
 * @public
 */
export interface OciTagList {
  /** The repository, e.g. `team/model`. */
  repository: string;
  /** The tags in the order the source lists them (lexical for most registries). */
  tags: string[];
  /**
   * True when the listing stopped at the configured cap (`limits.maxTagsPerRepository`),
   * so more tags may exist.
   */
  truncated: boolean;
}

/**
 * The artifacts that refer to a manifest through their `subject` field.
 *
 * @public
 */
export interface OciReferrers {
  /** The digest of the subject manifest. */
  subject: string;
  /** One descriptor per referring manifest, filtered by artifact type when one was asked for. */
  descriptors: OciDescriptor[];
  /**
   * Where the list came from: the OCI 1.1 referrers API, the `sha256-<hex>` tag of the
   * referrers tag schema, or an image layout's own index.
   */
  via: 'referrers-api' | 'tag-schema' | 'layout';
}

/**
 * Options accepted by every {@link OciSource} call.
 *
 * @public
 */
export interface OciRequestOptions {
  /** Aborts the call; it then rejects with a `RegistryError` of reason `aborted`. */
  signal?: AbortSignal;
}

/**
 * Options for {@link OciSource.getBlob}.
 *
 * @public
 */
export interface OciBlobOptions extends OciRequestOptions {
  /**
   * The most bytes to accept. Defaults to the source's `limits.maxBlobBytes` (1 MiB unless
   * configured). The download stops as soon as it is exceeded.
   */
  maxBytes?: number;
}

/**
 * Options for {@link OciSource.getReferrers}.
 *
 * @public
 */
export interface OciReferrersOptions extends OciRequestOptions {
  /** Only return referrers of this artifact type. */
  artifactType?: string;
}

/**
 * A read-only source of OCI content: a registry speaking the OCI Distribution API, or an OCI
 * image layout on disk. Everything it returns has been verified against its digest and kept
 * within the configured size caps.
 *
 * @remarks
 *
 * Every method rejects with a `RegistryError` whose `reason` says what went wrong
 * (`not-found`, `unauthorized`, `digest-mismatch`, `too-large`, ...).
 *
 * @public
 */
export interface OciSource {
  /** The unique name of the source, from configuration. */
  readonly name: string;
  /** The kind of source, e.g. `registry` or `oci-layout`. */
  readonly kind: string;
  /**
   * The host (and port) that repository references of this source use, e.g.
   * `registry.example.com` in `registry.example.com/team/model:v1`.
   */
  readonly host: string;

  /**
   * Lists every repository. Rejects with `too-many-pages` (more than `limits.maxPages` pages)
   * or `too-large` (more than `limits.maxRepositories` repositories) rather than return an
   * incomplete list, so an empty or shorter result always means the repositories are gone.
   */
  listRepositories(options?: OciRequestOptions): Promise<string[]>;

  /** Lists the tags of a repository, up to the configured cap. */
  listTags(
    repository: string,
    options?: OciRequestOptions,
  ): Promise<OciTagList>;

  /**
   * Resolves a tag to the descriptor of the manifest it points at, without downloading the
   * manifest when the source can avoid it (a registry answers a `HEAD` request).
   */
  resolveTag(
    repository: string,
    tag: string,
    options?: OciRequestOptions,
  ): Promise<OciDescriptor>;

  /** Fetches and verifies a manifest or index by tag or digest. */
  getManifest(
    repository: string,
    reference: string,
    options?: OciRequestOptions,
  ): Promise<OciManifestResult>;

  /**
   * Fetches a blob into memory and verifies its digest (and size, when a descriptor is given).
   * Meant for configs and other small blobs: the size cap is enforced while downloading.
   */
  getBlob(
    repository: string,
    blob: string | OciDescriptor,
    options?: OciBlobOptions,
  ): Promise<Buffer>;

  /**
   * Lists the artifacts (signatures, attestations, SBOMs) whose `subject` is the given
   * manifest digest. Uses the OCI 1.1 referrers API and falls back to the referrers tag
   * schema (`sha256-<hex>`). A subject with no referrers gives an empty list. More referrers
   * than `limits.maxReferrers` (after the artifact type filter) reject with `too-large`
   * rather than give an incomplete list.
   */
  getReferrers(
    repository: string,
    digest: string,
    options?: OciReferrersOptions,
  ): Promise<OciReferrers>;
}

/**
 * The kind of an HTTP request made to a registry, for request counting.
 *
 * @public
 */
export type RegistryRequestKind =
  | 'catalog'
  | 'tags'
  | 'manifest'
  | 'manifest-head'
  | 'blob'
  | 'referrers'
  | 'token';

/**
 * How many HTTP requests the process has made for one registry since it started. Every
 * request on the wire counts, including authentication challenges, redirects and retries.
 *
 * @public
 */
export interface RegistryRequestCounts {
  /** The registry name. */
  registry: string;
  /** Every request made for the registry. */
  total: number;
  /** Requests by kind; a redirect hop counts with the request it belongs to. */
  byKind: Record<RegistryRequestKind, number>;
  /** Responses that were `401` challenges. */
  challenges: number;
  /** Requests that were repeated after a retryable failure. */
  retries: number;
}
