import { LoggerService } from '@backstage/backend-plugin-api';
import { RegistryContentCache } from './cache';
import { isOciDigest, isOciRepositoryName, isOciTag } from './digest';
import { RegistryError, RegistryErrorReason } from './errors';
import { walkPages } from './pagination';
import { errorForResponse } from './responses';
import { RegistryTransport } from './transport';
import { RequestSubject, TransportResponse } from './transportTypes';
import { RegistryRequestKind } from './types';

/**
 * The token scope for reading a repository.
 *
 * @internal
 */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

/**
 * What the operations of one registry client share: the registry's transport, the
 * client's content cache and logger, argument checks, error building and paginated requests.
 *
 * @internal
 */
export class RegistryClientContext {
  /** The registry name. */
  readonly name: string;
  /** The registry host and port. */
  readonly host: string;
  /** The HTTP layer of the registry, shared by its clients. */
  readonly transport: RegistryTransport;
  /** The content cache of this client. */
  readonly cache: RegistryContentCache;
  /** Where malformed listings and truncations are reported. */
  readonly logger: LoggerService;

  constructor(options: {
    transport: RegistryTransport;
    cache: RegistryContentCache;
    logger: LoggerService;
  }) {
    this.transport = options.transport;
    this.cache = options.cache;
    this.logger = options.logger;
    this.name = options.transport.registry.name;
    this.host = options.transport.registry.host;
  }

  /** Builds a `RegistryError` about the registry, by default on its own host. */
  error(
    context: RequestSubject,
    reason: RegistryErrorReason,
    detail: string,
    host = this.host,
  ): RegistryError {
    return new RegistryError({
      reason,
      registry: this.name,
      host,
      detail,
      ...context,
    });
  }

  /** The `RegistryError` for an unsuccessful response. */
  responseError(
    response: TransportResponse,
    context: RequestSubject,
    what: string,
  ): RegistryError {
    return errorForResponse(this.transport.registry, response, context, what);
  }

  /** Requests every page of a listing, following its `Link` headers within the limits. */
  pages(
    kind: RegistryRequestKind,
    first: URL,
    scope: string,
    accept: string,
    context: RequestSubject,
    what: string,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<TransportResponse> {
    const limits = this.transport.registry.limits;
    return walkPages({
      first,
      maxPages: limits.maxPages,
      what,
      fetch: url =>
        this.transport.request({
          kind,
          method: 'GET',
          url,
          scope,
          accept,
          maxBytes: limits.maxManifestBytes,
          signal,
          ...context,
        }),
      fail: (reason, detail, host) => this.error(context, reason, detail, host),
    });
  }

  /** Refuses a repository name that is not valid. */
  checkRepository(repository: string) {
    if (typeof repository !== 'string' || !isOciRepositoryName(repository)) {
      throw this.error(
        {},
        'invalid-argument',
        `"${String(repository).slice(
          0,
          300,
        )}" is not a valid repository name (lowercase path components separated by '/')`,
      );
    }
  }

  /** Refuses a tag that is not valid. */
  checkTag(repository: string, tag: string) {
    if (typeof tag !== 'string' || !isOciTag(tag)) {
      throw this.error(
        { repository },
        'invalid-argument',
        `"${String(tag).slice(
          0,
          200,
        )}" is neither a valid tag nor a sha256/sha512 digest`,
      );
    }
  }

  /** Refuses a digest that is not a sha256 or sha512 digest. */
  checkDigest(repository: string, digest: string) {
    if (typeof digest !== 'string' || !isOciDigest(digest)) {
      throw this.error(
        { repository },
        'invalid-argument',
        `"${String(digest).slice(0, 200)}" is not a sha256 or sha512 digest`,
      );
    }
  }
}
