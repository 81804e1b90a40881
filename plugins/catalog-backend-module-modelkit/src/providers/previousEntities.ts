import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readProviderEntities } from './readProviderEntities';
import { ModelKitRegistrySyncResult } from './status';

/**
 * The entities one provider instance applied, by repository, kept while they are believed to
 * be in the catalog: the fallback for the previous entities when the catalog cannot be asked.
 *
 * @internal
 */
export class AppliedEntities {
  #entities = new Map<string, Entity>();
  /** Whether the entities reflect at least one sync of this instance. */
  #synced = false;

  /** How many entities this instance believes the provider has in the catalog. */
  get size(): number {
    return this.#entities.size;
  }

  /**
   * The remembered entities by entity ref, with their repository; undefined before the first
   * sync of this instance, when they are unknown.
   */
  previous(): Map<string, string | undefined> | undefined {
    if (!this.#synced) {
      return undefined;
    }
    return new Map(
      [...this.#entities].map(([repository, entity]) => [
        stringifyEntityRef(entity),
        repository,
      ]),
    );
  }

  /**
   * Remembers what is in the catalog after a sync: the entities just applied, and the earlier
   * ones of repositories that were not ingested this time unless they were removed.
   */
  record(ingested: ReadonlyMap<string, Entity>, removed: readonly string[]) {
    const removedRefs = new Set(removed);
    const entities = new Map(ingested);
    for (const [repository, entity] of this.#entities) {
      if (
        !entities.has(repository) &&
        !removedRefs.has(stringifyEntityRef(entity))
      ) {
        entities.set(repository, entity);
      }
    }
    this.#entities = entities;
    this.#synced = true;
  }
}

/**
 * The entities the provider of a registry entry has in the catalog, by entity ref, with their
 * repository; undefined when they are unknown. They are read from the catalog when it can be
 * asked, else taken from what this instance applied itself; `result.previousFrom` says which.
 *
 * @internal
 */
export async function readPreviousEntities(options: {
  registry: string;
  catalog?: { service: CatalogService; auth: AuthService };
  applied: AppliedEntities;
  logger: LoggerService;
  result: ModelKitRegistrySyncResult;
}): Promise<Map<string, string | undefined> | undefined> {
  const { registry, catalog, applied, logger, result } = options;
  if (catalog) {
    try {
      const previous = await readProviderEntities({
        catalog: catalog.service,
        auth: catalog.auth,
        registry,
      });
      result.previousFrom = 'catalog';
      return previous;
    } catch (error) {
      logger.warn(
        `Could not read the entities of registry "${registry}" from the catalog; removals are decided from this instance's own syncs: ${
          toError(error).message
        }`,
      );
    }
  }
  const previous = applied.previous();
  result.previousFrom = previous ? 'memory' : 'unknown';
  return previous;
}
