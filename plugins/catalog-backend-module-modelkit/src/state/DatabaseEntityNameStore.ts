import { makeValidator } from '@backstage/catalog-model';
import type { Knex } from './knexClient';
import { EntityNameStore } from './EntityNameStore';

const NAMES = 'modelkit_registry_provider__entity_names';
/** Rows per statement, well within the bound-parameter limits of every database. */
const CHUNK = 100;
const MAX_SHOWN = 80;

const validators = makeValidator();

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(
    text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text,
  );
}

/**
 * The entity names of one registry entity provider in the catalog's database: one row per
 * repository, keyed by the provider id, and unique per provider and name. Rows are only ever
 * inserted (never updated), with inserts that leave out a row whose repository or name
 * another backend instance recorded meanwhile. Every failure rejects.
 *
 * @internal
 */
export class DatabaseEntityNameStore implements EntityNameStore {
  readonly #providerId: string;
  readonly #client: () => Promise<Knex>;

  constructor(options: { providerId: string; client: () => Promise<Knex> }) {
    this.#providerId = options.providerId;
    this.#client = options.client;
  }

  async read(): Promise<Map<string, string>> {
    const db = await this.#client();
    const rows: Array<{ repository: unknown; name: unknown }> = await db(NAMES)
      .where({ provider_id: this.#providerId })
      .select('repository', 'name');
    const names = new Map<string, string>();
    for (const { repository, name } of rows) {
      // The names are the entity refs others depend on: a row that cannot be one stops the
      // sync rather than renaming its repository.
      if (
        typeof repository !== 'string' ||
        repository === '' ||
        typeof name !== 'string' ||
        !validators.isValidEntityName(name)
      ) {
        throw new Error(
          `the ${NAMES} row of repository ${shown(repository)} holds ${shown(
            name,
          )}, which is not a valid entity name; fix or delete the row`,
        );
      }
      names.set(repository, name);
    }
    return names;
  }

  async claim(names: ReadonlyMap<string, string>): Promise<void> {
    if (names.size === 0) {
      return;
    }
    const db = await this.#client();
    const rows = [...names]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([repository, name]) => ({
        provider_id: this.#providerId,
        repository,
        name,
      }));
    await db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        // No conflict target: a row that breaks either key is left out.
        await tx(NAMES)
          .insert(rows.slice(i, i + CHUNK))
          .onConflict()
          .ignore();
      }
    });
  }
}
