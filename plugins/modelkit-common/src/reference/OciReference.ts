/**
 * A parsed, normalised OCI reference: where an artifact lives (registry and repository) and,
 * optionally, which version (tag and/or digest).
 *
 * @remarks
 * Values are always normalised: the registry is filled in when the text named none, `index.docker.io`
 * becomes `docker.io`, and single-component Docker Hub repositories gain the `library/` prefix.
 * Write one back with {@link formatOciReference} or {@link formatFamiliarOciReference}.
 *
 * @public
 */
export interface OciReference {
  /**
   * The registry host, with an optional port: `docker.io`, `ghcr.io`, `localhost:5000`,
   * `[2001:db8::1]:5000`.
   */
  registry: string;
  /**
   * The repository path inside the registry, without tag or digest: `library/ubuntu`,
   * `jozu/llama3-8b`.
   */
  repository: string;
  /** The tag, when the reference names one: `latest`, `8B-instruct-q4_0`. */
  tag?: string;
  /** The content digest, when the reference names one: `sha256:<64 lowercase hex>`. */
  digest?: string;
}

/**
 * Options for parsing OCI references.
 *
 * @public
 */
export interface ParseOciReferenceOptions {
  /**
   * The registry used when the reference names none. Defaults to {@link DEFAULT_OCI_REGISTRY}
   * (`docker.io`), as Docker and the CNCF distribution project do. ModelKit references use
   * {@link MODELKIT_DEFAULT_REGISTRY} instead.
   */
  defaultRegistry?: string;
}

/**
 * The registry that container tooling assumes when a reference names none.
 *
 * @public
 */
export const DEFAULT_OCI_REGISTRY = 'docker.io';

/**
 * The registry that the KitOps CLI assumes when a ModelKit reference names none: `kit` keeps such
 * ModelKits in its local storage under the `localhost` registry.
 *
 * @public
 */
export const MODELKIT_DEFAULT_REGISTRY = 'localhost';
