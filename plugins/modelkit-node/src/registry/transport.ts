import { rootCertificates } from 'node:tls';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Agent, fetch, Response } from 'undici';
import { RegistryAuthenticator } from './auth';
import { RegistryConfig } from './configTypes';
import { RegistryError } from './errors';
import { exchange, ExchangeTarget } from './exchange';
import { HostPolicy } from './hosts';
import { RequestCounter } from './metrics';
import { discard, readBody } from './responseBody';
import {
  backoffDelay,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  sleep,
} from './retry';
import { Semaphore } from './semaphore';
import {
  describeCause,
  findCause,
  isAbort,
  isForbidden,
  isTimeoutCode,
  toRegistryError,
  transportError,
  TransportErrorOptions,
} from './transportErrors';
import {
  RequestSubject,
  TransportRequest,
  TransportResponse,
} from './transportTypes';
import { RegistryRequestKind } from './types';

const USER_AGENT = 'kitstage-registry-client/1';
const TOKEN_BODY_LIMIT = 64 * 1024;

/**
 * The HTTP layer of one registry: a connection agent whose DNS lookups go through the host
 * policy, authentication, manual redirects, size caps, timeouts, retries with backoff,
 * bounded concurrency and request counting. One instance per registry is shared by every
 * client in the process.
 *
 * @internal
 */
export class RegistryTransport {
  /** The registry's settings. */
  readonly registry: RegistryConfig;
  /** Where requests, redirects and token realms may go. */
  readonly policy: HostPolicy;
  /** The requests made, by kind, with challenges and retries. */
  readonly counter = new RequestCounter();
  /** Credentials and bearer tokens of the registry. */
  readonly authenticator: RegistryAuthenticator;
  readonly #registryUrl: URL;
  readonly #agent: Agent;
  readonly #semaphore: Semaphore;
  readonly #logger: LoggerService;
  readonly #random: () => number;
  readonly #target: ExchangeTarget;

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
    this.#target = {
      registry,
      registryUrl: this.#registryUrl,
      policy: this.policy,
      authenticator: this.authenticator,
      counter: this.counter,
      send: (kind, url, method, headers, signal) =>
        this.#send(kind, url, method, headers, signal),
    };
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
    const backoff = (attempt: number) =>
      backoffDelay(attempt, retryBaseDelayMs, maxRetryDelayMs, this.#random);
    for (let attempt = 0; ; attempt++) {
      let response: TransportResponse;
      try {
        response = await this.#semaphore.run(
          () => this.#attempt(request),
          request.signal,
        );
      } catch (error) {
        const failure = toRegistryError(this.registry, error, request);
        const retryable =
          failure.reason === 'network' || failure.reason === 'truncated';
        if (!retryable || attempt >= maxRetries) {
          throw failure;
        }
        await this.#wait(backoff(attempt), request, failure.message);
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
        retryAfter ?? backoff(attempt),
        request,
        `HTTP ${response.status}`,
      );
    }
  }

  /** Builds a `RegistryError` about a request. */
  error(
    request: RequestSubject,
    options: TransportErrorOptions,
  ): RegistryError {
    return transportError(this.registry, request, options);
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
      throw toRegistryError(this.registry, error, request);
    }
  }

  async #attempt(request: TransportRequest): Promise<TransportResponse> {
    const timeout = AbortSignal.timeout(this.registry.limits.requestTimeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, timeout])
      : timeout;
    try {
      return await exchange(this.#target, request, signal);
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
    const body = await readBody(
      this.registry,
      response,
      TOKEN_BODY_LIMIT,
      {},
      url,
    );
    return { status: response.status, body };
  }
}
