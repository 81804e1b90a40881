import { AuthService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_MODELKIT_REPOSITORY,
  MODELKIT_KIND,
} from '@kitstage/plugin-modelkit-common';
import { registryOriginLocation } from './buildModelKitEntity';

const PAGE_SIZE = 500;
/** Stops a runaway cursor chain; 200 000 entities for one registry is far past any real one. */
const MAX_PAGES = 400;

/**
 * Reads the ModelKit entities the catalog holds from a registry entry (by their
 * `backstage.io/managed-by-origin-location`), with the repository path each one was built
 * from (from `kitstage.dev/repository`, without the host; undefined when it is missing or on
 * another host).
 *
 * @internal
 */
export async function readProviderEntities(options: {
  catalog: CatalogService;
  auth: AuthService;
  registry: string;
  host: string;
}): Promise<Map<string, string | undefined>> {
  const { catalog, auth, registry } = options;
  const prefix = `${options.host.toLocaleLowerCase('en-US')}/`;
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
      const repositoryRef =
        entity.metadata.annotations?.[ANNOTATION_MODELKIT_REPOSITORY];
      const repository =
        typeof repositoryRef === 'string' &&
        repositoryRef.toLocaleLowerCase('en-US').startsWith(prefix)
          ? repositoryRef.slice(prefix.length)
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
