import { AuthFailure } from './authFailure';
import { RegistryConfig } from './configTypes';
import { RegistryError, RegistryErrorReason } from './errors';
import { ForbiddenHostError } from './hosts';
import { RequestSubject, TransportRequest } from './transportTypes';

/**
 * What a transport failure says, besides the registry and the request's subject.
 *
 * @internal
 */
export interface TransportErrorOptions {
  /** The error reason. */
  reason: RegistryErrorReason;
  /** What went wrong, in a sentence. */
  detail: string;
  /** The HTTP status, when a response was received. */
  status?: number;
  /** The host that answered; defaults to the registry's own. */
  host?: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * Builds a `RegistryError` about a request to a registry.
 *
 * @internal
 */
export function transportError(
  registry: RegistryConfig,
  request: RequestSubject,
  options: TransportErrorOptions,
): RegistryError {
  return new RegistryError({
    reason: options.reason,
    detail: options.detail,
    status: options.status,
    cause: options.cause,
    registry: registry.name,
    host: options.host ?? registry.host,
    repository: request.repository,
    reference: request.reference,
  });
}

/**
 * Turns whatever a request threw into a `RegistryError`: an abort, a forbidden host, an
 * authentication failure, a timeout (naming the limit passed) or a network failure.
 *
 * @internal
 */
export function toRegistryError(
  registry: RegistryConfig,
  error: unknown,
  request: TransportRequest,
): RegistryError {
  if (RegistryError.is(error)) {
    return error;
  }
  if (request.signal?.aborted) {
    return transportError(registry, request, {
      reason: 'aborted',
      detail: `the ${request.kind} request was aborted`,
    });
  }
  const forbidden = findCause(error, isForbidden);
  if (forbidden) {
    return transportError(registry, request, {
      reason: 'forbidden-host',
      host: forbidden.host,
      detail: forbidden.message,
    });
  }
  if (error instanceof AuthFailure) {
    return transportError(registry, request, {
      reason: error.reason,
      status: error.status,
      detail: error.message,
    });
  }
  const timeout = findCause(error, isTimeoutCode);
  if (timeout) {
    const connect = timeout.code.includes('CONNECT');
    return transportError(registry, request, {
      reason: 'timeout',
      detail: connect
        ? `could not connect within ${registry.limits.connectTimeoutMs} ms (limits.connectTimeout)`
        : `no complete answer to the ${request.kind} request within ${registry.limits.requestTimeoutMs} ms (limits.requestTimeout)`,
    });
  }
  return transportError(registry, request, {
    reason: 'network',
    detail: `the ${request.kind} request failed: ${describeCause(error)}`,
    cause: error,
  });
}

/**
 * Whether an error is an abort or a timeout of an `AbortSignal`.
 *
 * @internal
 */
export function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Whether an error is the host policy refusing a host.
 *
 * @internal
 */
export function isForbidden(error: unknown): error is ForbiddenHostError {
  return error instanceof ForbiddenHostError;
}

/**
 * The innermost coded cause of a network error, e.g. `ECONNREFUSED connect ECONNREFUSED …`.
 *
 * @internal
 */
export function describeCause(error: unknown): string {
  const coded = findCause(
    error,
    (e): e is Error & { code: string } =>
      typeof (e as { code?: unknown })?.code === 'string',
  );
  const message = coded?.message ?? (error as Error)?.message ?? String(error);
  return `${coded ? `${coded.code} ` : ''}${message}`.slice(0, 200);
}

/**
 * Whether an error is an undici connect, headers or body timeout.
 *
 * @internal
 */
export function isTimeoutCode(
  error: unknown,
): error is Error & { code: string } {
  const code = (error as { code?: unknown })?.code;
  return (
    typeof code === 'string' &&
    /^UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT$/.test(code)
  );
}

/**
 * The first error in a chain of causes (at most 8 deep) that matches a predicate.
 *
 * @internal
 */
export function findCause<T>(
  error: unknown,
  predicate: (e: unknown) => e is T,
): T | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    if (predicate(current)) {
      return current;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
