import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  GitRemoteUrl,
  isGitRemoteUnder,
  parseGitRemoteUrl,
} from '@kitstage/plugin-modelkit-node';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const KEY = 'kitstage.deployments.actions.componentLocations';

/** A location reference as text for a message: at most 300 characters. */
function quote(text: string): string {
  return JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);
}

/**
 * A catalog location target parsed for comparison, as the remote policy parses Git remotes
 * (`parseGitRemoteUrl`): a `url` target as an http(s) URL (scheme, host, port, whole path
 * segments, `.` and `..` resolved); a `file` target resolved as the catalog resolves the
 * targets of `catalog.locations` (`path.resolve`, against the working directory when
 * relative), then compared as a `file://` URL of that absolute path.
 *
 * @throws InputError (or NotAllowedError) naming `what` when it is not such a target.
 */
function parseTarget(type: string, target: string, what: string): GitRemoteUrl {
  if (type === 'file') {
    return parseGitRemoteUrl(pathToFileURL(path.resolve(target)).href, what);
  }
  if (type === 'url') {
    const url = parseGitRemoteUrl(target, what);
    if (url.scheme === 'file') {
      throw new InputError(
        `${what} ${quote(target)} must be an http(s) URL in a url location`,
      );
    }
    return url;
  }
  throw new InputError(
    `${what} is a ${quote(
      type,
    )} location; only url and file locations are compared`,
  );
}

/**
 * The catalog locations whose Components may be operated, from
 * `kitstage.deployments.actions.componentLocations`, compared with the location each
 * Component was registered from.
 *
 * @remarks
 * A `kitstage.dev/operated-by` annotation may name a Component nobody registered yet, and
 * anyone may register that name. With this list, only Components the catalog read through a
 * location under one of its entries take actions: their `backstage.io/managed-by-origin-location`
 * annotation, which the catalog itself writes on every entity it reads from a registered
 * location (the root location of the chain, overwriting whatever the entity's file says), must
 * be a `url:` or `file:` location at or below an entry, compared parsed (scheme, host, port
 * and whole path segments; `https://github.com/acme/` allows
 * `https://github.com/acme/svc/blob/main/catalog-info.yaml`, not
 * `https://github.com/acme-evil/…`). An entry is an http(s) URL, `url:<URL>` or
 * `file:<path>`.
 *
 * @internal
 */
export class ComponentLocations {
  readonly #entries: GitRemoteUrl[];

  /**
   * @param entries - the configured entries, in order.
   * @throws InputError naming the key and position of an entry that is not a location.
   */
  constructor(entries: readonly string[]) {
    this.#entries = entries.map((entry, i) => {
      const what = `${KEY}[${i}]`;
      if (/^https?:\/\//i.test(entry)) return parseTarget('url', entry, what);
      let ref;
      try {
        ref = parseLocationRef(entry);
      } catch (error) {
        throw new InputError(
          `${what} ${quote(
            entry,
          )} is neither an http(s) URL nor a location reference (url:<URL>, file:<path>)`,
        );
      }
      return parseTarget(ref.type, ref.target, what);
    });
  }

  /**
   * Why the Component takes no action, or undefined when it was registered from a location
   * at or below an entry. Never throws.
   */
  refusalOf(entity: Entity): string | undefined {
    const ref = stringifyEntityRef(entity);
    const origin = entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
    const why = `; actions are done only for Components registered from a catalog location under ${KEY}, so that no one can take a name a delivery object's kitstage.dev/operated-by annotation gives by registering it first`;
    if (typeof origin !== 'string' || !origin) {
      return `${ref} has no ${ANNOTATION_ORIGIN_LOCATION} annotation${why}`;
    }
    let location: GitRemoteUrl | undefined;
    try {
      const parsed = parseLocationRef(origin);
      location = parseTarget(parsed.type, parsed.target, 'the location');
    } catch {
      location = undefined;
    }
    if (location && this.#entries.some(e => isGitRemoteUnder(location!, e))) {
      return undefined;
    }
    return `${ref} was registered from ${quote(
      origin,
    )}, which is not under ${KEY}${why}`;
  }
}
