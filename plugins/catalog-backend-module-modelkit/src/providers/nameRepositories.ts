import { EntityNameStore } from '../state/EntityNameStore';
import { initialEntityNames, newEntityNames } from './entityNames';
import { RepositoryRead } from './readRepository';

/** Rounds of naming when other backend instances record names meanwhile. */
const MAX_ROUNDS = 3;

/**
 * The entity name of every included repository that has one: the name it was given before,
 * kept in `store`, or a name given now to a repository read as holding a ModelKit.
 *
 * @remarks
 *
 * Names are given once and kept (see {@link newEntityNames} for the rule): a repository's
 * name never changes and never passes to another repository, also after the repository is
 * gone. Only repositories that hold a ModelKit are named; one without a ModelKit, or that
 * failed to read, takes no name.
 *
 * When the store holds no name for the provider yet (its first sync, also right after an
 * upgrade from a version that did not keep names), the names are those earlier versions gave
 * ({@link initialEntityNames} over every included repository), so no entity already in the
 * catalog is renamed; then repositories that failed to read are named too, since they may
 * have an entity.
 *
 * @throws Error when the store fails, or names cannot be recorded; the sync then applies
 * nothing.
 * @internal
 */
export async function nameRepositories(options: {
  store: EntityNameStore;
  included: readonly string[];
  reads: ReadonlyMap<string, RepositoryRead>;
}): Promise<Map<string, string>> {
  const { store, included, reads } = options;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const stored = await store.read();
    const first = stored.size === 0;
    const unnamed = included.filter(repository => {
      const status = reads.get(repository)?.status;
      return (
        !stored.has(repository) &&
        (status === 'modelkit' || (first && status === 'failed'))
      );
    });
    let given: Map<string, string>;
    if (first) {
      const initial = initialEntityNames(included);
      given = new Map(unnamed.map(r => [r, initial.get(r)!]));
    } else {
      given = newEntityNames(unnamed, stored.values());
    }
    await store.claim(given);
    const names = given.size > 0 ? await store.read() : stored;
    if (unnamed.every(repository => names.has(repository))) {
      return new Map(
        included.flatMap(repository => {
          const name = names.get(repository);
          return name === undefined ? [] : [[repository, name] as const];
        }),
      );
    }
    // Another instance gave one of the names meanwhile: name the rest again.
  }
  throw new Error(
    `could not record entity names after ${MAX_ROUNDS} attempts while other backend instances recorded names`,
  );
}
