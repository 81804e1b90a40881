import type { ModelKitMetricsError } from '@kitstage/plugin-modelkit-common';
import type { PrometheusAuth } from './config';

/**
 * A failed Prometheus query, classified for the API.
 *
 * @internal
 */
export class PrometheusQueryError extends Error {
  readonly detail: ModelKitMetricsError;
  constructor(detail: ModelKitMetricsError) {
    super(detail.message);
    this.name = 'PrometheusQueryError';
    this.detail = detail;
  }
}

const MAX_BODY_BYTES = 1_000_000;

/**
 * Instant queries against Prometheus's HTTP API (`/api/v1/query`). Talks to the configured
 * URL only: redirects are refused, and the URL is never taken from a request.
 *
 * @internal
 */
export class PrometheusClient {
  readonly #url: URL;
  readonly #authorization?: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: {
    url: URL;
    auth: PrometheusAuth;
    timeoutMs: number;
    fetch?: typeof fetch;
  }) {
    this.#url = new URL('api/v1/query', options.url);
    const { auth } = options;
    if (auth.type === 'bearer') this.#authorization = `Bearer ${auth.token}`;
    if (auth.type === 'basic') {
      this.#authorization = `Basic ${Buffer.from(
        `${auth.username}:${auth.password}`,
      ).toString('base64')}`;
    }
    this.#timeoutMs = options.timeoutMs;
    this.#fetch = options.fetch ?? fetch;
  }

  /**
   * Evaluates a query at an instant (Unix seconds) and returns its one value: null when the
   * result is empty or not a finite number (NaN when there was no traffic).
   *
   * @throws PrometheusQueryError
   */
  async queryValue(query: string, time: number): Promise<number | null> {
    const body = new URLSearchParams({ query, time: String(time) });
    const where = `Prometheus at ${this.#url.origin}`;
    let response: Response;
    try {
      response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          ...(this.#authorization && { authorization: this.#authorization }),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new PrometheusQueryError({
          kind: 'timeout',
          message: `${where} did not answer within ${this.#timeoutMs} ms`,
        });
      }
      const cause = (e.cause as Error | undefined)?.message ?? e.message;
      throw new PrometheusQueryError({
        kind: 'unreachable',
        message: `${where} could not be reached: ${cause}`,
      });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const e = error as Error;
      throw new PrometheusQueryError({
        kind: e.name === 'TimeoutError' ? 'timeout' : 'unreachable',
        message: `${where} broke off its answer: ${e.message}`,
        statusCode: response.status,
      });
    }
    if (response.status === 401 || response.status === 403) {
      throw new PrometheusQueryError({
        kind: 'unauthorized',
        message: `${where} refused the configured credentials (HTTP ${response.status})`,
        statusCode: response.status,
      });
    }
    if (text.length > MAX_BODY_BYTES) {
      throw new PrometheusQueryError({
        kind: 'bad-response',
        message: `${where} answered with more than ${MAX_BODY_BYTES} bytes`,
        statusCode: response.status,
      });
    }
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PrometheusQueryError({
        kind: 'bad-response',
        message: `${where} answered HTTP ${response.status} with something that is not JSON`,
        statusCode: response.status,
      });
    }
    if (json?.status !== 'success') {
      const message =
        typeof json?.error === 'string'
          ? json.error.slice(0, 300)
          : 'no reason';
      throw new PrometheusQueryError({
        kind: 'query-error',
        message: `${where} could not evaluate the query (HTTP ${response.status}): ${message}`,
        statusCode: response.status,
      });
    }
    return valueOf(json.data, where);
  }
}

function sampleValue(sample: unknown, where: string): number | null {
  if (
    !Array.isArray(sample) ||
    sample.length !== 2 ||
    typeof sample[1] !== 'string'
  ) {
    throw new PrometheusQueryError({
      kind: 'bad-response',
      message: `${where} answered with a malformed sample`,
    });
  }
  const value = Number(sample[1]);
  return Number.isFinite(value) ? value : null;
}

function valueOf(data: any, where: string): number | null {
  if (data?.resultType === 'scalar') return sampleValue(data.result, where);
  if (data?.resultType === 'vector' && Array.isArray(data.result)) {
    if (data.result.length === 0) return null;
    if (data.result.length > 1) {
      throw new PrometheusQueryError({
        kind: 'query-error',
        message: `${where} returned ${data.result.length} series for a query that must return one; aggregate it (for example with sum)`,
      });
    }
    return sampleValue(data.result[0].value, where);
  }
  throw new PrometheusQueryError({
    kind: 'bad-response',
    message: `${where} answered with a ${String(
      data?.resultType,
    )} result; a vector or scalar was expected`,
  });
}
