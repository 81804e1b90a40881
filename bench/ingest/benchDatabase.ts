// The database the benchmark gives the provider for its state: a PostgreSQL server started on
// loopback (as in production, where the catalog's database is PostgreSQL), or SQLite in memory.
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { startTestPostgres } from '@kitstage/plugin-modelkit-node/testUtils';
import knexFactory from 'knex';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** Where the benchmark's databases come from. */
export interface BenchDatabases {
  /** `PostgreSQL 15` or `SQLite (in memory)`, for the printout. */
  label: string;
  /** A new, empty database, as the catalog plugin's `coreServices.database`. */
  create(name: string): Promise<DatabaseService>;
  /** Closes every database and stops the server. */
  stop(): Promise<void>;
}

export async function startBenchDatabases(
  kind: 'pg' | 'sqlite',
): Promise<BenchDatabases> {
  const clients: Knex[] = [];
  const service = (client: Knex): DatabaseService => {
    clients.push(client);
    return { getClient: async () => client };
  };
  const closeClients = async () => {
    for (const client of clients.splice(0)) {
      await client.destroy();
    }
  };

  if (kind === 'sqlite') {
    return {
      label: 'SQLite (in memory)',
      create: async () =>
        service(
          knexFactory({
            client: 'better-sqlite3',
            connection: { filename: ':memory:' },
            useNullAsDefault: true,
          }),
        ),
      stop: closeClients,
    };
  }

  const postgres = await startTestPostgres();
  const admin = knexFactory({
    client: 'pg',
    connection: { ...postgres.connection, database: 'postgres' },
  });
  return {
    label: 'PostgreSQL 15',
    create: async name => {
      await admin.raw('CREATE DATABASE ??', [name]);
      return service(
        knexFactory({
          client: 'pg',
          connection: { ...postgres.connection, database: name },
        }),
      );
    },
    stop: async () => {
      await closeClients();
      await admin.destroy();
      await postgres.stop();
    },
  };
}
