import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * The class of an IP address, as far as request forgery is concerned.
 *
 * @internal
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'special';

/**
 * Classifies an IP address. IPv4-mapped IPv6 addresses are classified as IPv4; NAT64,
 * 6to4, Teredo, multicast, reserved and unspecified addresses are `special`.
 *
 * @internal
 */
export function classifyAddress(address: string): AddressClass {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return 'special';
  }
  switch (parsed.range()) {
    case 'unicast':
      return 'public';
    case 'loopback':
      return 'loopback';
    case 'private':
    case 'uniqueLocal':
    case 'carrierGradeNat':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    default:
      return 'special';
  }
}

/**
 * Thrown (or passed to a lookup callback) when a host may not be contacted.
 *
 * @internal
 */
export class ForbiddenHostError extends Error {
  readonly code = 'KITSTAGE_FORBIDDEN_HOST';
  constructor(readonly host: string, detail: string) {
    super(detail);
    this.name = 'ForbiddenHostError';
  }
}

type Resolver = (
  hostname: string,
  options: { all: true; family?: number; hints?: number },
  callback: (error: Error | null, addresses: LookupAddress[]) => void,
) => void;

type LookupCallback = (
  error: Error | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function familyNumber(family: LookupOptions['family']): number | undefined {
  if (family === 'IPv4') {
    return 4;
  }
  if (family === 'IPv6') {
    return 6;
  }
  return family;
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']')
    ? hostname.slice(1, -1)
    : hostname;
}

/**
 * Decides which URLs and addresses the client may contact on behalf of one registry.
 *
 * @remarks
 *
 * The configured registry host is always allowed. Any other host (a token realm, a redirect
 * target, a pagination link) must be reached over http(s), never by going from https to
 * http, and every address it resolves to must be public, or of a class the registry itself
 * resolves to (a registry on a private network may redirect within it). The lookup hook is
 * given to the connection agent, so the checked addresses are the ones connected to.
 *
 * @internal
 */
export class HostPolicy {
  readonly #registryHostname: string;
  readonly #allowed = new Set<AddressClass>(['public']);
  readonly #resolver: Resolver;

  constructor(
    registryUrl: string,
    resolver: Resolver = dns.lookup as Resolver,
  ) {
    this.#registryHostname = stripBrackets(
      new URL(registryUrl).hostname.toLowerCase(),
    );
    this.#resolver = resolver;
    if (ipaddr.isValid(this.#registryHostname)) {
      this.#allowed.add(classifyAddress(this.#registryHostname));
    }
  }

  /** Address classes other hosts may resolve to. */
  get allowedClasses(): ReadonlySet<AddressClass> {
    return this.#allowed;
  }

  /**
   * Checks a URL before it is requested. `from` is the URL whose response pointed at it (or
   * the registry URL). Throws a `ForbiddenHostError` when it may not be contacted.
   */
  checkUrl(target: URL, from: URL): void {
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      throw new ForbiddenHostError(
        target.host,
        `refusing to follow a ${target.protocol} URL; only https and http are allowed`,
      );
    }
    if (from.protocol === 'https:' && target.protocol === 'http:') {
      throw new ForbiddenHostError(
        target.host,
        `refusing to go from https (${from.host}) to plain http (${target.host})`,
      );
    }
    if (target.username || target.password) {
      throw new ForbiddenHostError(
        target.host,
        `refusing to follow a URL to ${target.host} that embeds credentials`,
      );
    }
    const hostname = stripBrackets(target.hostname.toLowerCase());
    if (hostname === this.#registryHostname) {
      return;
    }
    if (ipaddr.isValid(hostname)) {
      this.#checkAddress(target.host, hostname);
    }
  }

  /** A `net.connect` lookup function that enforces the policy on every resolved address. */
  readonly lookup = (
    hostname: string,
    options: LookupOptions,
    callback: LookupCallback,
  ): void => {
    const normalized = stripBrackets(hostname.toLowerCase());
    this.#resolver(
      hostname,
      {
        all: true,
        family: familyNumber(options.family),
        hints: options.hints,
      },
      (error, addresses) => {
        if (error) {
          callback(error, []);
          return;
        }
        if (!addresses || addresses.length === 0) {
          callback(
            new ForbiddenHostError(hostname, `${hostname} has no addresses`),
            [],
          );
          return;
        }
        try {
          if (normalized === this.#registryHostname) {
            for (const { address } of addresses) {
              this.#allowed.add(classifyAddress(address));
            }
          } else {
            for (const { address } of addresses) {
              this.#checkAddress(hostname, address);
            }
          }
        } catch (forbidden) {
          callback(forbidden as Error, []);
          return;
        }
        if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
    );
  };

  #checkAddress(host: string, address: string) {
    const addressClass = classifyAddress(address);
    if (!this.#allowed.has(addressClass)) {
      throw new ForbiddenHostError(
        host,
        `refusing to contact ${host}: it resolves to the ${addressClass} address ${address}, and the registry is not on such a network`,
      );
    }
  }
}

/**
 * Whether two URLs share scheme, host and port.
 *
 * @internal
 */
export function isSameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}
