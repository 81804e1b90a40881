import { AuthService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MODELKIT_KIND,
  registryOriginLocation,
  repositoryLocation,
} from '@kitstage/plugin-modelkit-common';

const PAGE_SIZE = 500;
/** Stops a runaway cursor chain; 200 000 entities for one registry is far past any real one. */
const MAX_PAGES = 400;

/**
 * Reads the ModelKit entities the catalog holds from a registry entry (by their
 * `backstage.io/managed-by-origin-location`), with the repository path each one was built
 * from (from `backstage.io/managed-by-location`, `modelkit-registry:<registry>/<repository>`,
 * which does not change when the registry moves to another host; undefined when it does not
 * have that form).
 *
 * @internal
 */
export async function readProviderEntities(options: {
  catalog: CatalogService;
  auth: AuthService;
  registry: string;
}): Promise<Map<string, string | undefined>> {
  const { catalog, auth, registry } = options;
  const prefix = repositoryLocation(registry, '');
  const credentials = await auth.getOwnServiceCredentials();
  const entities = new Map<string, string | undefined>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE }
        : {
            filter: {
              kind: MODELKIT_KIND,
              [`metadata.annotations.${ANNOTATION_ORIGIN_LOCATION}`]:
                registryOriginLocation(registry),
            },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.annotations',
            ],
            limit: PAGE_SIZE,
          },
      { credentials },
    );
    for (const entity of response.items) {
      const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
      const repository =
        typeof location === 'string' &&
        location.startsWith(prefix) &&
        location.length > prefix.length
          ? location.slice(prefix.length)
          : undefined;
      entities.set(stringifyEntityRef(entity), repository);
    }
    cursor = response.pageInfo.nextCursor;
    if (!cursor) {
      return entities;
    }
  }
  throw new Error(
    `the catalog listed more than ${
      MAX_PAGES * PAGE_SIZE
    } entities of registry "${registry}"`,
  );
}
