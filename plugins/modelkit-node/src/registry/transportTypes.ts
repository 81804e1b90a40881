import { RegistryRequestKind } from './types';

/**
 * One logical request to a registry.
 *
 * @internal
 */
export interface TransportRequest {
  /** What the request is for, as counted. */
  kind: RegistryRequestKind;
  /** The HTTP method. */
  method: 'GET' | 'HEAD';
  /** The URL on the registry's own origin. */
  url: URL;
  /** The token scope, e.g. `repository:team/model:pull`. */
  scope: string;
  /** The `Accept` header, if any. */
  accept?: string;
  /** The body cap for a successful response. */
  maxBytes: number;
  /** The repository asked about, for error messages. */
  repository?: string;
  /** The tag or digest asked about, for error messages. */
  reference?: string;
  /** Aborts the request, its retries and their waits. */
  signal?: AbortSignal;
}

/**
 * The final response of a request, after authentication, redirects and retries. Error
 * statuses are returned (with at most 16 KiB of body) for the caller to interpret.
 *
 * @internal
 */
export interface TransportResponse {
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: HeaderReader;
  /** The body, within the request's cap (empty for HEAD). */
  body: Buffer;
  /** The URL that produced this response (after redirects). */
  url: URL;
}

/**
 * Read access to response headers.
 *
 * @internal
 */
export type HeaderReader = { get(name: string): string | null };

/**
 * The repository and reference a request is about, as error messages name them.
 *
 * @internal
 */
export type RequestSubject = Pick<TransportRequest, 'repository' | 'reference'>;
