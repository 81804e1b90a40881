import { CustomErrorBase } from '@backstage/errors';

/**
 * Why a registry operation failed.
 *
 * @remarks
 *
 * - `unknown-registry`: no registry of that name or host is configured.
 * - `invalid-argument`: a repository name, tag or digest given by the caller is malformed.
 * - `unauthorized`: the registry or its token server refused the credentials (HTTP 401).
 * - `denied`: the credentials are valid but lack access (HTTP 403).
 * - `not-found`: the repository, manifest, blob or API does not exist (HTTP 404).
 * - `rate-limited`: HTTP 429 after the allowed retries, or a `Retry-After` beyond the limit.
 * - `server-error`: HTTP 5xx after the allowed retries.
 * - `http-error`: any other unexpected HTTP status.
 * - `network`: the connection failed or was reset.
 * - `timeout`: the connection or the whole request took longer than allowed.
 * - `truncated`: the body ended before its announced length.
 * - `too-large`: a manifest or blob is larger than the configured cap, or a repository or
 *   referrers listing has more entries than allowed (`limits.maxRepositories`,
 *   `limits.maxReferrers`).
 * - `size-mismatch`: a blob's length differs from the size in its descriptor.
 * - `digest-mismatch`: content does not hash to the digest it was fetched by or announced with.
 * - `invalid-response`: malformed JSON, an invalid manifest, token or pagination link.
 * - `unsupported-media-type`: a manifest type the client does not read (e.g. Docker schema 1).
 * - `too-many-pages`: a listing exceeded the configured page cap.
 * - `too-many-redirects`: more redirects than allowed.
 * - `forbidden-host`: a redirect, token realm or link pointed at a host the client may not
 *   contact (another scheme, an https to http downgrade, or a loopback, link-local or private
 *   address when the registry itself is not there).
 * - `aborted`: the caller's abort signal fired.
 *
 * @public
 */
export type RegistryErrorReason =
  | 'unknown-registry'
  | 'invalid-argument'
  | 'unauthorized'
  | 'denied'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'http-error'
  | 'network'
  | 'timeout'
  | 'truncated'
  | 'too-large'
  | 'size-mismatch'
  | 'digest-mismatch'
  | 'invalid-response'
  | 'unsupported-media-type'
  | 'too-many-pages'
  | 'too-many-redirects'
  | 'forbidden-host'
  | 'aborted';

/**
 * Options for {@link RegistryError}.
 *
 * @public
 */
export interface RegistryErrorOptions {
  /** Why the operation failed. */
  reason: RegistryErrorReason;
  /** The configured registry name. */
  registry: string;
  /** The host (and port) that was contacted or asked for, e.g. `registry.example.com`. */
  host?: string;
  /** The repository, e.g. `team/model`. */
  repository?: string;
  /** The tag or digest. */
  reference?: string;
  /** The HTTP status, when a response was received. */
  status?: number;
  /** What went wrong, in a sentence fragment. Must never contain credentials. */
  detail: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * An error from an OCI registry or image-layout source. The message names the registry,
 * host, repository and reference and what was wrong; it never contains credentials.
 *
 * @public
 */
export class RegistryError extends CustomErrorBase {
  /** Always `RegistryError`, also across package copies. */
  name = 'RegistryError' as const;

  /** Why the operation failed. */
  readonly reason: RegistryErrorReason;
  /** The configured registry name. */
  readonly registry: string;
  /** The host (and port) that was contacted or asked for. */
  readonly host?: string;
  /** The repository, when the operation concerned one. */
  readonly repository?: string;
  /** The tag or digest, when the operation concerned one. */
  readonly reference?: string;
  /** The HTTP status, when a response was received. */
  readonly status?: number;

  constructor(options: RegistryErrorOptions) {
    super(formatMessage(options), options.cause);
    this.reason = options.reason;
    this.registry = options.registry;
    this.host = options.host;
    this.repository = options.repository;
    this.reference = options.reference;
    this.status = options.status;
  }

  /**
   * Checks whether a value is a {@link RegistryError}, optionally of one of the given reasons.
   * Works across package copies.
   */
  static is(
    value: unknown,
    ...reasons: RegistryErrorReason[]
  ): value is RegistryError {
    return isReasonedError(value, 'RegistryError', reasons);
  }
}

/**
 * Whether a value is an error of this `name` with a string `reason`, one of `reasons` when
 * any are given. It checks the name rather than the class, so it works across package copies.
 *
 * @internal
 */
export function isReasonedError(
  value: unknown,
  name: string,
  reasons: readonly string[],
): boolean {
  if (
    typeof value !== 'object' ||
    value === null ||
    (value as { name?: unknown }).name !== name
  ) {
    return false;
  }
  const reason = (value as { reason?: unknown }).reason;
  return (
    typeof reason === 'string' &&
    (reasons.length === 0 || reasons.includes(reason))
  );
}

function formatMessage(options: RegistryErrorOptions): string {
  let subject = `Registry "${options.registry}"`;
  if (options.host) {
    subject += ` (${options.host})`;
  }
  if (options.repository) {
    subject += `, repository "${options.repository}"`;
  }
  if (options.reference) {
    subject += `, reference "${options.reference}"`;
  }
  const status =
    options.status !== undefined ? ` (HTTP ${options.status})` : '';
  return `${subject}: ${options.detail}${status}`;
}
