import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseEntityNameStore } from './DatabaseEntityNameStore';
import { DatabaseProviderStateStore } from './DatabaseProviderStateStore';
import { EntityNameStore } from './EntityNameStore';
import { Knex } from './knexClient';
import { ProviderStateStore } from './ProviderStateStore';

/** The migrations table of the provider state, apart from the catalog's own. */
const MIGRATIONS_TABLE = 'modelkit_registry_provider__knex_migrations';

/**
 * The tables where the registry entity providers keep their state, in the database of the
 * catalog plugin (`coreServices.database`): created by the package's knex migrations on first
 * use, unless `migrations.skip` is set on the database service.
 *
 * @internal
 */
export class ProviderStateDatabase {
  readonly #database: DatabaseService;
  #client?: Promise<Knex>;

  constructor(database: DatabaseService) {
    this.#database = database;
  }

  /** The state store of one provider, namespaced to its id. */
  forProvider(providerId: string, logger: LoggerService): ProviderStateStore {
    return new DatabaseProviderStateStore({
      providerId,
      logger,
      client: () => this.client(),
    });
  }

  /** The entity names of one provider, namespaced to its id. */
  entityNames(providerId: string): EntityNameStore {
    return new DatabaseEntityNameStore({
      providerId,
      client: () => this.client(),
    });
  }

  /**
   * The database client, once the migrations have run. A failure is not remembered: the
   * next call tries again.
   */
  client(): Promise<Knex> {
    if (!this.#client) {
      this.#client = this.#connect();
      this.#client.catch(() => {
        this.#client = undefined;
      });
    }
    return this.#client;
  }

  async #connect(): Promise<Knex> {
    const client = await this.#database.getClient();
    if (!this.#database.migrations?.skip) {
      await client.migrate.latest({
        directory: resolvePackagePath(
          '@kitstage/plugin-catalog-backend-module-modelkit',
          'migrations',
        ),
        tableName: MIGRATIONS_TABLE,
      });
    }
    return client;
  }
}
