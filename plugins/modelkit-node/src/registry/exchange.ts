import { Response } from 'undici';
import { RegistryAuthenticator } from './auth';
import { RegistryConfig } from './configTypes';
import { HostPolicy } from './hosts';
import { RequestCounter } from './metrics';
import { discard, readBody, readErrorBody } from './responseBody';
import { transportError } from './transportErrors';
import { TransportRequest, TransportResponse } from './transportTypes';
import { RegistryRequestKind } from './types';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * What one exchange with a registry goes through: its settings, host policy, authentication
 * state and request counter, and how a single HTTP request is sent.
 *
 * @internal
 */
export interface ExchangeTarget {
  /** The registry's settings. */
  registry: RegistryConfig;
  /** The registry's own URL; only its origin receives credentials. */
  registryUrl: URL;
  /** Where requests and redirects may go. */
  policy: HostPolicy;
  /** Credentials and bearer tokens of the registry. */
  authenticator: RegistryAuthenticator;
  /** Counts challenges. */
  counter: RequestCounter;
  /** Sends one HTTP request without following redirects. */
  send(
    kind: RegistryRequestKind,
    url: URL,
    method: 'GET' | 'HEAD',
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<Response>;
}

/**
 * One attempt of a request: answers one `401` challenge with fresh credentials, follows
 * redirects by hand (each target checked by the host policy, credentials sent only to the
 * registry's own origin, at most `limits.maxRedirects`), and reads the final body within its
 * cap (or at most 16 KiB of an error body).
 *
 * @internal
 */
export async function exchange(
  target: ExchangeTarget,
  request: TransportRequest,
  signal: AbortSignal,
): Promise<TransportResponse> {
  let url = request.url;
  let from = target.registryUrl;
  let credentialed = true;
  let challenged = false;
  let redirects = 0;
  for (;;) {
    target.policy.checkUrl(url, from);
    if (url.origin !== target.registryUrl.origin) {
      credentialed = false;
    }
    const authorization = credentialed
      ? await target.authenticator.authorizationFor(request.scope, signal)
      : undefined;
    const response = await target.send(
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
      target.counter.challenge();
      challenged = true;
      await discard(response);
      const retry = await target.authenticator.handleChallenge(
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
        throw transportError(target.registry, request, {
          reason: 'invalid-response',
          status: response.status,
          host: url.host,
          detail: `a redirect without a Location header`,
        });
      }
      redirects += 1;
      if (redirects > target.registry.limits.maxRedirects) {
        throw transportError(target.registry, request, {
          reason: 'too-many-redirects',
          host: url.host,
          detail: `more than ${target.registry.limits.maxRedirects} redirects (limits.maxRedirects)`,
        });
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw transportError(target.registry, request, {
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
      ? await readBody(
          target.registry,
          response,
          request.maxBytes,
          request,
          url,
        )
      : await readErrorBody(response);
    return { status: response.status, headers: response.headers, body, url };
  }
}
