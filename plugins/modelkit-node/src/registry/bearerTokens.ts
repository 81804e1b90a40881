import { AuthFailure } from './authFailure';

/**
 * What the token realm answered.
 *
 * @internal
 */
export interface TokenResponse {
  /** The HTTP status. */
  status: number;
  /** The body of a 200 answer; empty otherwise. */
  body: Buffer;
}

/**
 * Fetches a token from a realm URL. Provided by the transport, which applies the host policy,
 * limits and request counting. `authorization` is set only when the realm may receive the
 * registry's credentials.
 *
 * @internal
 */
export type TokenFetcher = (
  url: URL,
  authorization: string | undefined,
  signal?: AbortSignal,
) => Promise<TokenResponse>;

/**
 * A bearer token as cached.
 *
 * @internal
 */
export interface CachedToken {
  /** The token, as sent after `Bearer `. */
  token: string;
  /** When the token is renewed and dropped from the cache: shortly before it expires. */
  refreshAt: number;
}

const DEFAULT_TOKEN_LIFETIME_S = 60;
const MAX_TOKEN_LIFETIME_S = 24 * 60 * 60;
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const MAX_TOKEN_LENGTH = 64 * 1024;

/**
 * Reads the token of a token server's JSON answer (`token` or `access_token`) and when it is
 * to be renewed: shortly before `expires_in` (60 s when absent, at most a day) runs out,
 * counted from `issued_at` when that is within five minutes of the local clock.
 *
 * @throws AuthFailure of reason `invalid-response` when the answer holds no usable token.
 * @internal
 */
export function parseTokenBody(
  body: Buffer,
  host: string,
  clock: () => number,
): CachedToken {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AuthFailure(
      'invalid-response',
      `the token server ${host} did not answer with JSON`,
    );
  }
  const data = (typeof json === 'object' && json !== null ? json : {}) as {
    token?: unknown;
    access_token?: unknown;
    expires_in?: unknown;
    issued_at?: unknown;
  };
  const token =
    typeof data.token === 'string' && data.token
      ? data.token
      : data.access_token;
  if (
    typeof token !== 'string' ||
    !token ||
    token.length > MAX_TOKEN_LENGTH ||
    !/^[\x21-\x7e]+$/.test(token)
  ) {
    throw new AuthFailure(
      'invalid-response',
      `the token server ${host} answered without a usable token`,
    );
  }
  const lifetimeS =
    typeof data.expires_in === 'number' &&
    Number.isFinite(data.expires_in) &&
    data.expires_in > 0
      ? Math.min(data.expires_in, MAX_TOKEN_LIFETIME_S)
      : DEFAULT_TOKEN_LIFETIME_S;
  const now = clock();
  const issued =
    typeof data.issued_at === 'string' ? Date.parse(data.issued_at) : NaN;
  const base =
    !Number.isNaN(issued) && Math.abs(issued - now) < MAX_CLOCK_SKEW_MS
      ? issued
      : now;
  const lifetimeMs = lifetimeS * 1000;
  const margin = Math.min(10_000, lifetimeMs / 10);
  return { token, refreshAt: base + lifetimeMs - margin };
}

/**
 * Bearer tokens by scope, at most `maxTokens` of them: tokens due for renewal are dropped at
 * the next lookup, and when the cache is full the least recently used goes.
 *
 * @internal
 */
export class TokenCache {
  readonly #maxTokens: number;
  readonly #now: () => number;
  /** Cached tokens by scope, least recently used first. */
  readonly #tokens = new Map<string, CachedToken>();
  /** No cached token is due for renewal before this time. */
  #nextRefreshAt = Infinity;

  constructor(maxTokens: number, now: () => number) {
    this.#maxTokens = maxTokens;
    this.#now = now;
  }

  /** How many tokens are cached. */
  get size(): number {
    return this.#tokens.size;
  }

  /** The cached token of a scope, if it is not due for renewal; marks it recently used. */
  get(scope: string): string | undefined {
    this.#dropExpired(this.#now());
    const cached = this.#tokens.get(scope);
    if (!cached) {
      return undefined;
    }
    this.#tokens.delete(scope);
    this.#tokens.set(scope, cached);
    return cached.token;
  }

  /**
   * Caches a token, making room by dropping expired tokens and then the least recently used.
   * A token that is already due for renewal is not cached.
   */
  set(scope: string, cached: CachedToken): void {
    const now = this.#now();
    this.#dropExpired(now);
    this.#tokens.delete(scope);
    if (cached.refreshAt <= now) {
      return;
    }
    for (const oldest of this.#tokens.keys()) {
      if (this.#tokens.size < this.#maxTokens) {
        break;
      }
      this.#tokens.delete(oldest);
    }
    this.#tokens.set(scope, cached);
    this.#nextRefreshAt = Math.min(this.#nextRefreshAt, cached.refreshAt);
  }

  /** Forgets the token of a scope. */
  delete(scope: string): void {
    this.#tokens.delete(scope);
  }

  /** Drops every token due for renewal; scans the cache only when one may be. */
  #dropExpired(now: number): void {
    if (now < this.#nextRefreshAt) {
      return;
    }
    let next = Infinity;
    for (const [scope, cached] of this.#tokens) {
      if (cached.refreshAt <= now) {
        this.#tokens.delete(scope);
      } else {
        next = Math.min(next, cached.refreshAt);
      }
    }
    this.#nextRefreshAt = next;
  }
}
