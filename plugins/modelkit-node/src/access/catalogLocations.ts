import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { quoteInMessage } from '@kitstage/plugin-modelkit-common';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  GitRemoteUrl,
  isGitRemoteUnder,
  parseGitRemoteUrl,
} from '../git/remoteUrl';
import { isAtCommitOrRef } from '../git/locationInRepository';

/**
 * The catalog location an entity was read from: its `backstage.io/managed-by-location`
 * annotation, which the catalog itself writes on every entity it reads (overwriting whatever
 * the entity's file says). Undefined when it has none.
 *
 * @remarks
 *
 * This, not `backstage.io/managed-by-origin-location`, is what decides whether a location
 * vouches for an entity. The catalog gives every entity the origin of the root location of
 * its chain: the files a listed aggregator file references, and every `kind: Location` those
 * files add, all carry the aggregator's origin, so whoever may edit any of them would be
 * trusted like the aggregator itself.
 *
 * @public
 */
export function entityLocationOf(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  return typeof location === 'string' && location ? location : undefined;
}

/**
 * How a {@link CatalogLocationList} compares a location with its entries.
 *
 * @public
 */
export interface CatalogLocationListOptions {
  /** The configuration key of the entries, for error messages, e.g. `kitstage.provenance.trustedLocations`. */
  key: string;
  /**
   * `exact`: a location matches an entry equal to it; `under`: an entry equal to it or
   * above it (the entry's path segments are the location's first segments, compared whole),
   * unless the location is a web URL of a file at a commit id or a `refs/…` ref (`/blob/<id>/…`
   * and the other hosts' forms), which a pull request or a fork can place under the
   * repository's URL.
   */
  match: 'exact' | 'under';
}

/** A location reference parsed for comparison. */
type ParsedLocation =
  | { kind: 'parsed'; url: GitRemoteUrl }
  | { kind: 'text'; type: string; target: string };

/**
 * Parses a location reference (`url:<URL>`, `file:<path>`, another `<type>:<target>`, or an
 * http(s) URL meaning `url:<URL>`) for comparison: a `url` target as the remote policy parses
 * Git remotes ({@link parseGitRemoteUrl}: scheme, host, port, whole path segments, `.` and `..`
 * resolved, percent-decoded once); a `file` target resolved as the catalog resolves the
 * targets of `catalog.locations` (`path.resolve`, against the working directory when
 * relative), then parsed as the `file://` URL of that absolute path. Other types are kept as
 * text, and only when `allowOther`.
 *
 * @throws InputError naming `what` when it is none of these.
 */
function parseLocation(
  ref: string,
  what: string,
  allowOther: boolean,
): ParsedLocation {
  if (/^https?:\/\//i.test(ref)) {
    return { kind: 'parsed', url: parseGitRemoteUrl(ref, what) };
  }
  let type: string;
  let target: string;
  try {
    ({ type, target } = parseLocationRef(ref));
  } catch {
    throw new InputError(
      `${what} ${quoteInMessage(
        ref,
        300,
      )} is neither an http(s) URL nor a location reference (url:<URL>, file:<path>)`,
    );
  }
  if (type === 'file') {
    const url = pathToFileURL(path.resolve(target)).href;
    return { kind: 'parsed', url: parseGitRemoteUrl(url, what) };
  }
  if (type === 'url') {
    const url = parseGitRemoteUrl(target, what);
    if (url.scheme === 'file') {
      throw new InputError(
        `${what} ${quoteInMessage(
          target,
          300,
        )} must be an http(s) URL in a url location`,
      );
    }
    return { kind: 'parsed', url };
  }
  if (!allowOther) {
    throw new InputError(
      `${what} is a ${quoteInMessage(
        type,
        300,
      )} location; only url and file locations are compared`,
    );
  }
  return { kind: 'text', type, target };
}

/**
 * A list of catalog locations from configuration, parsed once: the one comparison of the
 * location an entity was read from ({@link entityLocationOf}) with configured locations, for
 * `kitstage.provenance.trustedLocations` ({@link TrustedLocations}) and for the Components
 * delivery actions are allowed for (`kitstage.deployments.actions.componentLocations`).
 *
 * @remarks
 *
 * Compared parsed, never as text: `url` targets as {@link parseGitRemoteUrl} parses them
 * (scheme and host in lower case, default port, `.` and `..` resolved, whole path segments;
 * user information, queries, fragments and encoded slashes are refused); `file` targets
 * resolved as the catalog resolves the targets of `catalog.locations`, a relative one against
 * the backend's working directory, so `file:../../catalog/entities.yaml` matches the
 * `file:/…/catalog/entities.yaml` the catalog writes on the entities it read from
 * `target: ../../catalog/entities.yaml`.
 *
 * @public
 */
export class CatalogLocationList {
  readonly #entries: ParsedLocation[];
  readonly #match: 'exact' | 'under';

  /**
   * @param entries - the configured location references, in order.
   * @param options - the configuration key and how to compare.
   * @throws InputError naming the key and position of an entry that is not a location (in
   *   `under` mode, also of one that is neither a `url` nor a `file` location).
   */
  constructor(entries: readonly string[], options: CatalogLocationListOptions) {
    this.#match = options.match;
    this.#entries = entries.map((entry, i) =>
      parseLocation(entry, `${options.key}[${i}]`, options.match === 'exact'),
    );
  }

  /** Whether a location reference matches an entry, compared parsed. Never throws. */
  has(ref: unknown): boolean {
    if (typeof ref !== 'string' || !ref) return false;
    let location: ParsedLocation;
    try {
      location = parseLocation(ref, 'the location', this.#match === 'exact');
    } catch {
      return false;
    }
    return this.#entries.some(entry => {
      if (location.kind === 'text' || entry.kind === 'text') {
        return (
          location.kind === 'text' &&
          entry.kind === 'text' &&
          location.type === entry.type &&
          location.target === entry.target
        );
      }
      if (this.#match === 'exact') {
        return (
          isGitRemoteUnder(location.url, entry.url) &&
          location.url.segments.length === entry.url.segments.length
        );
      }
      // Below an entry, a file at a commit id or `refs/…` may be a pull request's or a
      // fork's, served under the repository's URL by the host: never at or below an entry.
      return (
        isGitRemoteUnder(location.url, entry.url) &&
        (location.url.scheme === 'file' ||
          !isAtCommitOrRef(location.url.segments))
      );
    });
  }

  /**
   * The location the entity was read from ({@link entityLocationOf}), as the entity spells
   * it, when it matches an entry; otherwise undefined. Never throws.
   */
  find(entity: Entity): string | undefined {
    const location = entityLocationOf(entity);
    return this.has(location) ? location : undefined;
  }
}
