import { rootCertificates } from 'node:tls';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Agent, fetch, Response } from 'undici';
import { AuthFailure, RegistryAuthenticator } from './auth';
import { RegistryConfig } from './config';
import { RegistryError, RegistryErrorReason } from './errors';
import { ForbiddenHostError, HostPolicy } from './hosts';
import { RequestCounter } from './metrics';
import {
  backoffDelay,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  sleep,
} from './retry';
import { Semaphore } from './semaphore';
import { RegistryRequestKind } from './types';

const USER_AGENT = 'kitstage-registry-client/1';
const ERROR_BODY_LIMIT = 16 * 1024;
const TOKEN_BODY_LIMIT = 64 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * One logical request to a registry.
 *
 * @internal
 */
export interface TransportRequest {
  kind: RegistryRequestKind;
  method: 'GET' | 'HEAD';
  url: URL;
  /** The token scope, e.g. `repository:team/model:pull`. */
  scope: string;
  accept?: string;
  /** The body cap for a successful response. */
  maxBytes: number;
  repository?: string;
  reference?: string;
  signal?: AbortSignal;
}

/**
 * The final response of a request, after authentication, redirects and retries. Error
 * statuses are returned (with at most 16 KiB of body) for the caller to interpret.
 *
 * @internal
 */
export interface TransportResponse {
  status: number;
  headers: HeaderReader;
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
 * The HTTP layer of one registry: a connection agent whose DNS lookups go through the host
 * policy, authentication, manual redirects, size caps, timeouts, retries with backoff,
 * bounded concurrency and request counting. One instance per registry is shared by every
 * client in the process.
 *
 * @internal
 */
export class RegistryTransport {
  readonly registry: RegistryConfig;
  readonly policy: HostPolicy;
  readonly counter = new RequestCounter();
  readonly authenticator: RegistryAuthenticator;
  readonly #registryUrl: URL;
  readonly #agent: Agent;
  readonly #semaphore: Semaphore;
  readonly #logger: LoggerService;
  readonly #random: () => number;

  constructor(options: {
    registry: RegistryConfig;
    logger: LoggerService;
    policy?: HostPolicy;
    random?: () => number;
  }) {
    const { registry } = options;
    this.registry = registry;
    this.#registryUrl = new URL(registry.url);
    this.#logger = options.logger;
    this.#random = options.random ?? Math.random;
    this.policy = options.policy ?? new HostPolicy(registry.url);
    this.#semaphore = new Semaphore(registry.limits.concurrency);
    this.#agent = new Agent({
      connect: {
        timeout: registry.limits.connectTimeoutMs,
        lookup: this.policy.lookup,
        ...(registry.tls.ca
          ? { ca: [...rootCertificates, registry.tls.ca] }
          : {}),
      },
      headersTimeout: registry.limits.requestTimeoutMs,
      bodyTimeout: registry.limits.requestTimeoutMs,
    });
    this.authenticator = new RegistryAuthenticator({
      auth: registry.auth,
      registryUrl: registry.url,
      maxTokens: registry.cache.maxTokens,
      fetchToken: (url, authorization, signal) =>
        this.#fetchToken(url, authorization, signal),
    });
  }

  /** The registry's own URL for a Distribution API path, e.g. `/v2/_catalog`. */
  url(path: string): URL {
    return new URL(path, this.#registryUrl);
  }

  /**
   * Sends a request, repeating it on 429, 5xx and broken connections with exponential
   * backoff and jitter, or after the `Retry-After` the registry asked for.
   */
  async request(request: TransportRequest): Promise<TransportResponse> {
    const { maxRetries, maxRetryDelayMs, retryBaseDelayMs } =
      this.registry.limits;
    for (let attempt = 0; ; attempt++) {
      let response: TransportResponse;
      try {
        response = await this.#semaphore.run(
          () => this.#attempt(request),
          request.signal,
        );
      } catch (error) {
        const failure = this.#toRegistryError(error, request);
        const retryable =
          failure.reason === 'network' || failure.reason === 'truncated';
        if (!retryable || attempt >= maxRetries) {
          throw failure;
        }
        await this.#wait(
          backoffDelay(
            attempt,
            retryBaseDelayMs,
            maxRetryDelayMs,
            this.#random,
          ),
          request,
          failure.message,
        );
        continue;
      }
      if (!RETRYABLE_STATUSES.has(response.status) || attempt >= maxRetries) {
        return response;
      }
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfter !== undefined && retryAfter > maxRetryDelayMs) {
        throw this.error(request, {
          reason: response.status === 429 ? 'rate-limited' : 'server-error',
          status: response.status,
          detail: `the registry asked to retry after ${Math.ceil(
            retryAfter / 1000,
          )} s, longer than the ${Math.ceil(
            maxRetryDelayMs / 1000,
          )} s allowed (limits.maxRetryDelay)`,
        });
      }
      await this.#wait(
        retryAfter ??
          backoffDelay(
            attempt,
            retryBaseDelayMs,
            maxRetryDelayMs,
            this.#random,
          ),
        request,
        `HTTP ${response.status}`,
      );
    }
  }

  /** Builds a `RegistryError` about a request. */
  error(
    request: Pick<TransportRequest, 'repository' | 'reference'>,
    options: {
      reason: RegistryErrorReason;
      detail: string;
      status?: number;
      host?: string;
      cause?: unknown;
    },
  ): RegistryError {
    return new RegistryError({
      reason: options.reason,
      detail: options.detail,
      status: options.status,
      cause: options.cause,
      registry: this.registry.name,
      host: options.host ?? this.registry.host,
      repository: request.repository,
      reference: request.reference,
    });
  }

  /** Closes the connections of the agent. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #wait(ms: number, request: TransportRequest, why: string) {
    this.counter.retry();
    this.#logger.debug(
      `Retrying ${request.kind} request to ${this.registry.host} in ${ms} ms after ${why}`,
    );
    try {
      await sleep(ms, request.signal);
    } catch (error) {
      throw this.#toRegistryError(error, request);
    }
  }

  async #attempt(request: TransportRequest): Promise<TransportResponse> {
    const timeout = AbortSignal.timeout(this.registry.limits.requestTimeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, timeout])
      : timeout;
    try {
      return await this.#exchange(request, signal);
    } catch (error) {
      if (
        timeout.aborted &&
        !request.signal?.aborted &&
        !RegistryError.is(error)
      ) {
        throw this.error(request, {
          reason: 'timeout',
          detail: `no complete answer to the ${request.kind} request within ${this.registry.limits.requestTimeoutMs} ms (limits.requestTimeout)`,
          cause: error,
        });
      }
      throw error;
    }
  }

  async #exchange(
    request: TransportRequest,
    signal: AbortSignal,
  ): Promise<TransportResponse> {
    let url = request.url;
    let from = this.#registryUrl;
    let credentialed = true;
    let challenged = false;
    let redirects = 0;
    for (;;) {
      this.policy.checkUrl(url, from);
      if (url.origin !== this.#registryUrl.origin) {
        credentialed = false;
      }
      const authorization = credentialed
        ? await this.authenticator.authorizationFor(request.scope, signal)
        : undefined;
      const response = await this.#send(
        request.kind,
        url,
        request.method,
        {
          ...(request.accept ? { accept: request.accept } : {}),
          ...(authorization ? { authorization } : {}),
        },
        signal,
      );

      if (response.status === 401 && credentialed && !challenged) {
        this.counter.challenge();
        challenged = true;
        await discard(response);
        const retry = await this.authenticator.handleChallenge(
          response.headers.get('www-authenticate'),
          request.scope,
          authorization,
          signal,
        );
        if (retry) {
          continue;
        }
        return {
          status: 401,
          headers: response.headers,
          body: Buffer.alloc(0),
          url,
        };
      }

      if (REDIRECT_STATUSES.has(response.status)) {
        await discard(response);
        const location = response.headers.get('location');
        if (!location) {
          throw this.error(request, {
            reason: 'invalid-response',
            status: response.status,
            host: url.host,
            detail: `a redirect without a Location header`,
          });
        }
        redirects += 1;
        if (redirects > this.registry.limits.maxRedirects) {
          throw this.error(request, {
            reason: 'too-many-redirects',
            host: url.host,
            detail: `more than ${this.registry.limits.maxRedirects} redirects (limits.maxRedirects)`,
          });
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw this.error(request, {
            reason: 'invalid-response',
            host: url.host,
            detail: `a redirect to an invalid URL`,
          });
        }
        from = url;
        url = next;
        continue;
      }

      if (request.method === 'HEAD') {
        await discard(response);
        return {
          status: response.status,
          headers: response.headers,
          body: Buffer.alloc(0),
          url,
        };
      }
      const ok = response.status >= 200 && response.status < 300;
      const body = ok
        ? await this.#readBody(response, request.maxBytes, request, url)
        : await this.#readErrorBody(response);
      return { status: response.status, headers: response.headers, body, url };
    }
  }

  async #send(
    kind: RegistryRequestKind,
    url: URL,
    method: 'GET' | 'HEAD',
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<Response> {
    this.counter.request(kind);
    return fetch(url, {
      method,
      headers: {
        'user-agent': USER_AGENT,
        'accept-encoding': 'identity',
        ...headers,
      },
      redirect: 'manual',
      signal,
      dispatcher: this.#agent,
    });
  }

  async #fetchToken(
    url: URL,
    authorization: string | undefined,
    signal?: AbortSignal,
  ) {
    this.policy.checkUrl(url, this.#registryUrl);
    let response: Response;
    try {
      response = await this.#send(
        'token',
        url,
        'GET',
        {
          accept: 'application/json',
          ...(authorization ? { authorization } : {}),
        },
        signal ?? AbortSignal.timeout(this.registry.limits.requestTimeoutMs),
      );
    } catch (error) {
      if (
        isAbort(error) ||
        findCause(error, isTimeoutCode) ||
        findCause(error, isForbidden)
      ) {
        throw error;
      }
      throw this.error(
        {},
        {
          reason: 'network',
          host: url.host,
          detail: `the token server ${
            url.host
          } could not be reached: ${describeCause(error)}`,
          cause: error,
        },
      );
    }
    if (response.status !== 200) {
      await discard(response);
      return { status: response.status, body: Buffer.alloc(0) };
    }
    const body = await this.#readBody(response, TOKEN_BODY_LIMIT, {}, url);
    return { status: response.status, body };
  }

  /**
   * Reads a body into memory, refusing (before reading when `Content-Length` says so, else as
   * soon as the cap is passed) anything larger than `maxBytes`.
   */
  async #readBody(
    response: Response,
    maxBytes: number,
    request: Pick<TransportRequest, 'repository' | 'reference'>,
    url: URL,
  ): Promise<Buffer> {
    const declared = response.headers.get('content-length');
    const declaredLength = declared === null ? undefined : Number(declared);
    if (declaredLength !== undefined && declaredLength > maxBytes) {
      await discard(response);
      throw this.error(request, {
        reason: 'too-large',
        host: url.host,
        detail: `the response announces ${declaredLength} bytes, more than the ${maxBytes} allowed`,
      });
    }
    if (!response.body) {
      return Buffer.alloc(0);
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        received += value.byteLength;
        if (received > maxBytes) {
          await reader.cancel().catch(() => {});
          throw this.error(request, {
            reason: 'too-large',
            host: url.host,
            detail: `the response is larger than the ${maxBytes} bytes allowed; the download was stopped`,
          });
        }
        chunks.push(value);
      }
    } catch (error) {
      if (
        RegistryError.is(error) ||
        isAbort(error) ||
        findCause(error, isTimeoutCode)
      ) {
        throw error;
      }
      throw this.error(request, {
        reason: 'truncated',
        host: url.host,
        detail: `the response body broke off after ${received} bytes`,
        cause: error,
      });
    }
    const encoding = response.headers.get('content-encoding');
    if (
      declaredLength !== undefined &&
      Number.isFinite(declaredLength) &&
      (!encoding || encoding === 'identity') &&
      received !== declaredLength
    ) {
      throw this.error(request, {
        reason: 'truncated',
        host: url.host,
        detail: `the response body has ${received} of the ${declaredLength} bytes announced`,
      });
    }
    return Buffer.concat(chunks, received);
  }

  async #readErrorBody(response: Response): Promise<Buffer> {
    if (!response.body) {
      return Buffer.alloc(0);
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      while (received < ERROR_BODY_LIMIT) {
        const { done, value } = await reader.read();
        if (done) {
          return Buffer.concat(chunks);
        }
        chunks.push(value);
        received += value.byteLength;
      }
      await reader.cancel().catch(() => {});
    } catch {
      // An error body is only used for the message; a broken one is not worth more.
    }
    return Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT);
  }

  #toRegistryError(error: unknown, request: TransportRequest): RegistryError {
    if (RegistryError.is(error)) {
      return error;
    }
    if (request.signal?.aborted) {
      return this.error(request, {
        reason: 'aborted',
        detail: `the ${request.kind} request was aborted`,
      });
    }
    const forbidden = findCause(error, isForbidden);
    if (forbidden) {
      return this.error(request, {
        reason: 'forbidden-host',
        host: forbidden.host,
        detail: forbidden.message,
      });
    }
    if (error instanceof AuthFailure) {
      return this.error(request, {
        reason: error.reason,
        status: error.status,
        detail: error.message,
      });
    }
    const timeout = findCause(error, isTimeoutCode);
    if (timeout) {
      const connect = timeout.code.includes('CONNECT');
      return this.error(request, {
        reason: 'timeout',
        detail: connect
          ? `could not connect within ${this.registry.limits.connectTimeoutMs} ms (limits.connectTimeout)`
          : `no complete answer to the ${request.kind} request within ${this.registry.limits.requestTimeoutMs} ms (limits.requestTimeout)`,
      });
    }
    return this.error(request, {
      reason: 'network',
      detail: `the ${request.kind} request failed: ${describeCause(error)}`,
      cause: error,
    });
  }
}

async function discard(response: Response) {
  try {
    await response.body?.cancel();
  } catch {
    // The connection is closed either way.
  }
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

function isForbidden(error: unknown): error is ForbiddenHostError {
  return error instanceof ForbiddenHostError;
}

/** The innermost coded cause of a network error, e.g. `ECONNREFUSED connect ECONNREFUSED …`. */
function describeCause(error: unknown): string {
  const coded = findCause(
    error,
    (e): e is Error & { code: string } =>
      typeof (e as { code?: unknown })?.code === 'string',
  );
  const message = coded?.message ?? (error as Error)?.message ?? String(error);
  return `${coded ? `${coded.code} ` : ''}${message}`.slice(0, 200);
}

function isTimeoutCode(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown })?.code;
  return (
    typeof code === 'string' &&
    /^UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT$/.test(code)
  );
}

function findCause<T>(
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
