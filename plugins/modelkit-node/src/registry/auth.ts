import { DEFAULT_REGISTRY_CACHE, RegistryAuthConfig } from './config';

/**
 * One challenge of a `WWW-Authenticate` header.
 *
 * @internal
 */
export interface AuthChallenge {
  /** The scheme, lowercased, e.g. `bearer` or `basic`. */
  scheme: string;
  /** The parameters, with lowercased names. */
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` header into its challenges (RFC 9110 section 11.6.1), including
 * quoted values with commas and escapes, e.g. `scope="repository:a:pull,push"`.
 *
 * @internal
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(header[i])) i++;
    return header.slice(start, i);
  };
  let current: AuthChallenge | undefined;
  while (i < n) {
    skipSpace();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const token = readToken();
    if (!token) {
      i++;
      continue;
    }
    skipSpace();
    if (header[i] === '=' && current) {
      i++;
      skipSpace();
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header[i++];
        }
        i++;
      } else {
        // Unquoted values should be tokens; be lenient with URLs that were not quoted.
        const start = i;
        while (
          i < n &&
          header[i] !== ',' &&
          header[i] !== ' ' &&
          header[i] !== '\t'
        )
          i++;
        value = header.slice(start, i);
      }
      current.params[token.toLowerCase()] = value;
      continue;
    }
    current = { scheme: token.toLowerCase(), params: {} };
    challenges.push(current);
  }
  return challenges;
}

/**
 * What the token realm answered.
 *
 * @internal
 */
export interface TokenResponse {
  status: number;
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
 * Thrown when authentication cannot proceed; the transport turns it into a `RegistryError`.
 *
 * @internal
 */
export class AuthFailure extends Error {
  constructor(
    readonly reason: 'unauthorized' | 'denied' | 'invalid-response',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface CachedToken {
  token: string;
  /** When the token is renewed and dropped from the cache: shortly before it expires. */
  refreshAt: number;
}

const DEFAULT_TOKEN_LIFETIME_S = 60;
const MAX_TOKEN_LIFETIME_S = 24 * 60 * 60;
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const MAX_TOKEN_LENGTH = 64 * 1024;

/**
 * Authentication state of one registry, shared by every client of the process: which scheme
 * the registry asked for, and bearer tokens per scope, cached until shortly before they
 * expire. Scopes come from repository names, which callers and registry content choose, so
 * at most `maxTokens` tokens are kept: tokens due for renewal are dropped at the next token
 * lookup, and when the cache is full the least recently used goes. Credentials are only ever
 * attached by the transport to requests for the registry's own origin and to token realms
 * allowed by {@link RegistryAuthenticator.realmMayReceiveCredentials}.
 *
 * @internal
 */
export class RegistryAuthenticator {
  readonly #auth: RegistryAuthConfig;
  readonly #registryUrl: URL;
  readonly #fetchToken: TokenFetcher;
  readonly #now: () => number;
  #scheme: 'unknown' | 'basic' | 'bearer' = 'unknown';
  #realm?: URL;
  #service?: string;
  readonly #maxTokens: number;
  /** Cached tokens by scope, least recently used first. */
  readonly #tokens = new Map<string, CachedToken>();
  /** No cached token is due for renewal before this time. */
  #nextRefreshAt = Infinity;
  readonly #pending = new Map<string, Promise<string>>();

  constructor(options: {
    auth: RegistryAuthConfig;
    registryUrl: string;
    fetchToken: TokenFetcher;
    now?: () => number;
    /** Most bearer tokens cached; defaults to `cache.maxTokens` (256). */
    maxTokens?: number;
  }) {
    const maxTokens = options.maxTokens ?? DEFAULT_REGISTRY_CACHE.maxTokens;
    if (!Number.isSafeInteger(maxTokens) || maxTokens < 1) {
      throw new Error('maxTokens must be an integer of at least 1');
    }
    this.#auth = options.auth;
    this.#registryUrl = new URL(options.registryUrl);
    this.#fetchToken = options.fetchToken;
    this.#now = options.now ?? Date.now;
    this.#maxTokens = maxTokens;
  }

  /** How many bearer tokens are cached. */
  get cachedTokenCount(): number {
    return this.#tokens.size;
  }

  /** The `Authorization` header to send to the registry for a request of this scope, if any. */
  async authorizationFor(
    scope: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    if (this.#auth.type === 'bearer') {
      return `Bearer ${this.#auth.token}`;
    }
    if (this.#scheme === 'basic' && this.#auth.type === 'basic') {
      return this.#basicHeader();
    }
    if (this.#scheme === 'bearer') {
      return `Bearer ${await this.#token(scope, undefined, false, signal)}`;
    }
    return undefined;
  }

  /**
   * Handles a 401 challenge for a request of this scope. Returns true when new credentials
   * are ready and the request should be repeated once.
   */
  async handleChallenge(
    header: string | null,
    scope: string,
    sentAuthorization: string | undefined,
    signal?: AbortSignal,
  ): Promise<boolean> {
    if (this.#auth.type === 'bearer' || !header) {
      return false;
    }
    const challenges = parseWwwAuthenticate(header);
    const bearer = challenges.find(c => c.scheme === 'bearer');
    if (bearer) {
      const realm = bearer.params.realm;
      let realmUrl: URL;
      try {
        realmUrl = new URL(realm, this.#registryUrl);
      } catch {
        throw new AuthFailure(
          'invalid-response',
          `the Bearer challenge names an invalid token realm`,
        );
      }
      if (!realm) {
        throw new AuthFailure(
          'invalid-response',
          `the Bearer challenge names no token realm`,
        );
      }
      this.#scheme = 'bearer';
      this.#realm = realmUrl;
      this.#service = bearer.params.service;
      this.#tokens.delete(scope);
      if (sentAuthorization?.startsWith('Bearer ')) {
        // A token we sent was refused: fetch a fresh one, but only once.
        const fresh = await this.#token(
          scope,
          bearer.params.scope,
          true,
          signal,
        );
        return `Bearer ${fresh}` !== sentAuthorization;
      }
      await this.#token(scope, bearer.params.scope, true, signal);
      return true;
    }
    const basic = challenges.find(c => c.scheme === 'basic');
    if (basic && this.#auth.type === 'basic') {
      this.#scheme = 'basic';
      return sentAuthorization !== this.#basicHeader();
    }
    return false;
  }

  /**
   * Whether the registry's credentials may go to this token realm: it must be on the
   * registry's own origin, or an https host listed in `auth.tokenRealmHosts`.
   */
  realmMayReceiveCredentials(realm: URL): boolean {
    if (realm.origin === this.#registryUrl.origin) {
      return true;
    }
    if (this.#auth.type !== 'basic') {
      return false;
    }
    const secureEnough =
      realm.protocol === 'https:' || this.#registryUrl.protocol === 'http:';
    return (
      secureEnough &&
      this.#auth.tokenRealmHosts.includes(realm.host.toLowerCase())
    );
  }

  #basicHeader(): string {
    if (this.#auth.type !== 'basic') {
      throw new Error('no basic credentials');
    }
    const pair = `${this.#auth.username}:${this.#auth.password}`;
    return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }

  #token(
    scope: string,
    challengeScope: string | undefined,
    force: boolean,
    signal?: AbortSignal,
  ): Promise<string> {
    if (!force) {
      const cached = this.#cachedToken(scope);
      if (cached !== undefined) {
        return Promise.resolve(cached);
      }
    }
    const pending = this.#pending.get(scope);
    if (pending) {
      return pending;
    }
    const promise = this.#requestToken(scope, challengeScope ?? scope, signal)
      .then(cached => {
        this.#storeToken(scope, cached);
        return cached.token;
      })
      .finally(() => this.#pending.delete(scope));
    this.#pending.set(scope, promise);
    return promise;
  }

  /** The cached token of a scope, if it is not due for renewal; marks it recently used. */
  #cachedToken(scope: string): string | undefined {
    this.#dropExpiredTokens(this.#now());
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
  #storeToken(scope: string, cached: CachedToken): void {
    const now = this.#now();
    this.#dropExpiredTokens(now);
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

  /** Drops every token due for renewal; scans the cache only when one may be. */
  #dropExpiredTokens(now: number): void {
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

  async #requestToken(
    scope: string,
    requestScope: string,
    signal?: AbortSignal,
  ): Promise<CachedToken> {
    const url = new URL(this.#realm!.href);
    if (this.#service) {
      url.searchParams.set('service', this.#service);
    }
    for (const part of requestScope.split(' ').filter(Boolean)) {
      url.searchParams.append('scope', part);
    }
    const authorization =
      this.#auth.type === 'basic' && this.realmMayReceiveCredentials(url)
        ? this.#basicHeader()
        : undefined;
    const response = await this.#fetchToken(url, authorization, signal);
    if (response.status === 401 || response.status === 403) {
      throw new AuthFailure(
        response.status === 401 ? 'unauthorized' : 'denied',
        `the token server ${url.host} refused ${
          authorization ? 'the configured credentials' : 'an anonymous request'
        } for scope "${scope}"${
          this.#auth.type === 'basic' && !authorization
            ? `; credentials are only sent to a realm on the registry's own origin or listed in auth.tokenRealmHosts`
            : ''
        }`,
        response.status,
      );
    }
    if (response.status !== 200) {
      throw new AuthFailure(
        'invalid-response',
        `the token server ${url.host} answered HTTP ${response.status} for scope "${scope}"`,
        response.status,
      );
    }
    return this.#parseToken(response.body, url.host);
  }

  #parseToken(body: Buffer, host: string): CachedToken {
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
    const now = this.#now();
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
}
