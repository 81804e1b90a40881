import { AuthFailure } from './authFailure';
import {
  CachedToken,
  parseTokenBody,
  TokenCache,
  TokenFetcher,
} from './bearerTokens';
import { DEFAULT_REGISTRY_CACHE, RegistryAuthConfig } from './configTypes';
import { parseWwwAuthenticate } from './wwwAuthenticate';

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
  readonly #tokens: TokenCache;
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
    this.#tokens = new TokenCache(maxTokens, this.#now);
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
      const cached = this.#tokens.get(scope);
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
        this.#tokens.set(scope, cached);
        return cached.token;
      })
      .finally(() => this.#pending.delete(scope));
    this.#pending.set(scope, promise);
    return promise;
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
    return parseTokenBody(response.body, url.host, this.#now);
  }
}
