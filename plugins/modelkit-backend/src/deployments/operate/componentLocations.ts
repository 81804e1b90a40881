import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { quoteInMessage } from '@kitstage/plugin-modelkit-common';
import {
  CatalogLocationList,
  entityLocationOf,
} from '@kitstage/plugin-modelkit-node';

const KEY = 'kitstage.deployments.actions.componentLocations';

/**
 * The catalog locations whose Components may be operated, from
 * `kitstage.deployments.actions.componentLocations`, compared with the location each
 * Component was read from.
 *
 * @remarks
 * A `kitstage.dev/operated-by` annotation may name a Component nobody registered yet, and
 * anyone may register that name. With this list, only Components the catalog read from a file
 * under one of its entries take actions: their `backstage.io/managed-by-location` annotation
 * (`entityLocationOf`), which the catalog itself writes on every entity it reads (overwriting
 * whatever the entity's file says), must be a `url:` or `file:` location at or below an entry,
 * compared parsed by the same code as `kitstage.provenance.trustedLocations`
 * (`CatalogLocationList`, `under`: scheme, host, port and whole path segments;
 * `https://github.com/acme/` allows `https://github.com/acme/svc/blob/main/catalog-info.yaml`,
 * not `https://github.com/acme-evil/…`). Not the origin location: the catalog gives every
 * entity the origin of the root of its chain, so a file under an entry that adds a
 * `kind: Location` elsewhere would lend that origin to whatever the other file declares. An
 * entry is an http(s) URL, `url:<URL>` or `file:<path>`.
 *
 * @internal
 */
export class ComponentLocations {
  readonly #locations: CatalogLocationList;

  /**
   * @param entries - the configured entries, in order.
   * @throws InputError naming the key and position of an entry that is not a location.
   */
  constructor(entries: readonly string[]) {
    this.#locations = new CatalogLocationList(entries, {
      key: KEY,
      match: 'under',
    });
  }

  /**
   * Why the Component takes no action, or undefined when it was read from a location at or
   * below an entry. Never throws.
   */
  refusalOf(entity: Entity): string | undefined {
    const ref = stringifyEntityRef(entity);
    const location = entityLocationOf(entity);
    const why = `; actions are done only for Components registered from a catalog location under ${KEY}, so that no one can take a name a delivery object's kitstage.dev/operated-by annotation gives by registering it first`;
    if (!location) {
      return `${ref} has no ${ANNOTATION_LOCATION} annotation${why}`;
    }
    if (this.#locations.has(location)) return undefined;
    return `${ref} was registered from ${quoteInMessage(
      location,
      300,
    )}, which is not under ${KEY}${why}`;
  }
}
