import {
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { repositoryLocation } from '@kitstage/plugin-modelkit-common';
import {
  createRegistryService,
  StandaloneRegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  buildTestContainerImage,
  buildTestModelKit,
  startTestPostgres,
  startTestRegistry,
  TestPostgres,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  RegistryProxy,
  startRegistryProxy,
} from '../__testUtils__/startRegistryProxy';
import type { Knex } from '../state/knexClient';
import { initialEntityNames } from './entityNames';
import { ModelKitRegistryEntityProvider } from './ModelKitRegistryEntityProvider';

// The names the provider gives repositories, kept in a real database (SQLite, and PostgreSQL
// 15 started on loopback), reading Debian's docker-registry (one per database, so that
// repositories can sit at the top level) through a proxy that can hide repositories. A
// "restart" is a new provider and a new registry client on the same database.

const NAMES = 'modelkit_registry_provider__entity_names';
const PROVIDER_ID = 'modelkit-registry-provider:names';

function modelKit(name: string) {
  return buildTestModelKit({
    kitfile: {
      package: { name, version: '1.0.0', description: `${name} 1.0.0` },
      model: { path: 'model.safetensors', framework: 'transformers' },
    },
  });
}

describe('ModelKitRegistryEntityProvider entity names', () => {
  let postgres: TestPostgres;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
      postgres.connectionString;
  }, 120_000);

  afterAll(async () => {
    await postgres?.stop();
  }, 60_000);

  describe('on each database', () => {
    // Created in a block of its own, so that its databases are dropped before the server stops.
    const databases = TestDatabases.create({
      ids: ['POSTGRES_15', 'SQLITE_3'],
      // PostgreSQL comes from startTestPostgres, through the connection string variable.
      disableDocker: false,
    });

    describe.each(databases.eachSupportedId())('%s', databaseId => {
      let registry: TestRegistry;
      let proxy: RegistryProxy;
      let knex: Knex;
      const opened: StandaloneRegistryService[] = [];
      const logger: LoggerService = {
        child: () => logger,
        debug: () => {},
        info: () => {},
        warn: () => {},
        error: () => {},
      };

      /** A provider as a backend starts it: a new registry client, the same database. */
      async function start() {
        const config = new ConfigReader({
          kitstage: {
            registries: [
              {
                name: 'names',
                url: proxy.url,
                cache: { tagTtl: { milliseconds: 0 } },
                limits: { maxRetries: 0 },
                defaults: { owner: 'group:ml-platform' },
                maxRemovalShare: 1,
              },
            ],
          },
        });
        const registries = createRegistryService({ config, logger });
        opened.push(registries);
        const [provider] = ModelKitRegistryEntityProvider.fromConfig(config, {
          logger,
          scheduler: mockServices.scheduler.mock(),
          registries,
          database: mockServices.database({ knex }),
        });
        const mutations: EntityProviderMutation[] = [];
        const connection: EntityProviderConnection = {
          applyMutation: async mutation => {
            mutations.push(mutation);
          },
          refresh: async () => {},
        };
        await provider.connect(connection);
        return { provider, mutations };
      }

      /** Syncs, and gives the outcome and the repository of each entity added, by name. */
      async function sync(started: Awaited<ReturnType<typeof start>>) {
        const before = started.mutations.length;
        const result = await started.provider.refresh();
        const mutation = started.mutations[before];
        const added: Record<string, string> = {};
        for (const { entity, locationKey } of mutation?.type === 'delta'
          ? mutation.added
          : []) {
          const location = entity.metadata.annotations![ANNOTATION_LOCATION];
          // The entity and the key it is applied under name the same repository.
          expect(location).toBe(locationKey);
          added[entity.metadata.name] = location.slice(
            repositoryLocation('names', '').length,
          );
        }
        const removed =
          mutation?.type === 'delta'
            ? mutation.removed.map(r => ('entityRef' in r ? r.entityRef : ''))
            : undefined;
        return { result, added, removed };
      }

      const rows = async () =>
        Object.fromEntries(
          (
            await knex(NAMES)
              .where({ provider_id: PROVIDER_ID })
              .select('repository', 'name')
          ).map(r => [r.repository, r.name]),
        );

      let provider: Awaited<ReturnType<typeof start>>;

      beforeAll(async () => {
        knex = await databases.init(databaseId);
        registry = await startTestRegistry();
        proxy = await startRegistryProxy(registry.url);
        const { pusher } = registry;
        await pusher.push(
          'team-a/fraud-detector',
          await modelKit('fraud-detector'),
          ['v1'],
        );
        await pusher.push('team-c/churn', await modelKit('churn'), ['v1']);
        await pusher.push('apps/churn', await buildTestContainerImage(), [
          'latest',
        ]);
        await pusher.push('sentiment', await modelKit('sentiment'), ['v1']);
      }, 120_000);

      afterAll(async () => {
        for (const registries of opened) {
          await registries.close();
        }
        await proxy?.close();
        await registry?.stop();
      }, 60_000);

      it('gives on the first sync after an upgrade the names earlier versions gave, recording those of ModelKits only', async () => {
        // The database of an earlier version: its provider state tables, no names.
        await knex.migrate.up({
          directory: resolvePackagePath(
            '@kitstage/plugin-catalog-backend-module-modelkit',
            'migrations',
          ),
          tableName: 'modelkit_registry_provider__knex_migrations',
          name: '20260401000000_registry_provider_state.js',
        });
        expect(await knex.schema.hasTable(NAMES)).toBe(false);
        provider = await start();
        const first = await sync(provider);
        expect(first.result).toMatchObject({
          outcome: 'success',
          counts: { included: 4, ingested: 3, skipped: 1 },
        });
        // The container image apps/churn still counts, as it did: team-c/churn keeps the
        // name it has in the catalog.
        const earlier = initialEntityNames([
          'apps/churn',
          'sentiment',
          'team-a/fraud-detector',
          'team-c/churn',
        ]);
        expect(first.added).toEqual({
          'fraud-detector': 'team-a/fraud-detector',
          'team-c-churn': 'team-c/churn',
          sentiment: 'sentiment',
        });
        for (const [name, repository] of Object.entries(first.added)) {
          expect(earlier.get(repository)).toBe(name);
        }
        expect(await rows()).toEqual({
          'team-a/fraud-detector': 'fraud-detector',
          'team-c/churn': 'team-c-churn',
          sentiment: 'sentiment',
        });
      }, 120_000);

      it('keeps a name when a top-level or another namespace repository of the same last component is pushed', async () => {
        await registry.pusher.push(
          'fraud-detector',
          await modelKit('fraud-detector'),
          ['v1'],
        );
        await registry.pusher.push(
          'evil/fraud-detector',
          await modelKit('fraud-detector'),
          ['v1'],
        );
        const attacked = await sync(provider);
        expect(attacked.result.outcome).toBe('success');
        expect(attacked.removed).toEqual([]);
        expect(attacked.added['fraud-detector']).toBe('team-a/fraud-detector');
        expect(attacked.added['evil-fraud-detector']).toBe(
          'evil/fraud-detector',
        );
        const topLevel = Object.entries(attacked.added).find(
          ([, repository]) => repository === 'fraud-detector',
        )!;
        expect(topLevel[0]).toMatch(/^fraud-detector-[0-9a-f]{8}$/);
        expect(attacked.added['team-c-churn']).toBe('team-c/churn');
        expect(Object.keys(attacked.added)).toHaveLength(5);
      }, 120_000);

      it('names no repository that holds no ModelKit', async () => {
        await registry.pusher.push(
          'web/recommender',
          await buildTestContainerImage(),
          ['latest'],
        );
        await registry.pusher.push(
          'ml/recommender',
          await modelKit('recommender'),
          ['v1'],
        );
        const synced = await sync(provider);
        expect(synced.result.outcome).toBe('success');
        // Earlier versions renamed both to their whole paths.
        expect(synced.added.recommender).toBe('ml/recommender');
        const stored = await rows();
        expect(stored['ml/recommender']).toBe('recommender');
        expect(stored).not.toHaveProperty(['web/recommender']);
        expect(stored).not.toHaveProperty(['apps/churn']);
      }, 120_000);

      it('keeps every name after a restart, whatever the first-sync rule would give now', async () => {
        const before = await rows();
        const listing = Object.keys(before);
        expect(initialEntityNames(listing).get('team-a/fraud-detector')).toBe(
          'team-a-fraud-detector',
        );
        provider = await start();
        const restarted = await sync(provider);
        expect(restarted.result.outcome).toBe('success');
        expect(restarted.removed).toEqual([]);
        expect(
          Object.fromEntries(
            Object.entries(restarted.added).map(([n, r]) => [r, n]),
          ),
        ).toEqual(before);
        expect(await rows()).toEqual(before);
      }, 120_000);

      it('gives a deleted and recreated repository its name back, and that name to no other repository meanwhile', async () => {
        const digest = await registry.pusher.push(
          'team-a/fraud-detector',
          await modelKit('fraud-detector'),
          ['v1'],
        );
        await registry.pusher.deleteManifest('team-a/fraud-detector', digest);
        proxy.hidden.add('team-a/fraud-detector');
        const gone = await sync(provider);
        expect(gone.result.outcome).toBe('success');
        expect(gone.removed).toEqual(['modelkit:default/fraud-detector']);
        expect((await rows())['team-a/fraud-detector']).toBe('fraud-detector');

        await registry.pusher.push(
          'other/fraud-detector',
          await modelKit('fraud-detector'),
          ['v1'],
        );
        const meanwhile = await sync(provider);
        expect(meanwhile.added).not.toHaveProperty(['fraud-detector']);
        expect(meanwhile.added['other-fraud-detector']).toBe(
          'other/fraud-detector',
        );

        proxy.hidden.delete('team-a/fraud-detector');
        await registry.pusher.push(
          'team-a/fraud-detector',
          await modelKit('fraud-detector'),
          ['v2'],
        );
        const back = await sync(provider);
        expect(back.result.outcome).toBe('success');
        expect(back.added['fraud-detector']).toBe('team-a/fraud-detector');
        expect(back.removed).toEqual([]);
      }, 120_000);

      it('gives the same names when two instances sync new repositories at once', async () => {
        await registry.pusher.push('x/twin', await modelKit('twin'), ['v1']);
        await registry.pusher.push('y/twin', await modelKit('twin'), ['v1']);
        await registry.pusher.push('solo', await modelKit('solo'), ['v1']);
        const one = await start();
        const two = await start();
        const [a, b] = await Promise.all([sync(one), sync(two)]);
        expect(a.result.outcome).toBe('success');
        expect(b.result.outcome).toBe('success');
        expect(a.added).toEqual(b.added);
        expect(a.added).toMatchObject({
          'x-twin': 'x/twin',
          'y-twin': 'y/twin',
          solo: 'solo',
        });
        const stored = Object.values(await rows());
        expect(new Set(stored).size).toBe(stored.length);
      }, 120_000);

      it('applies nothing when a recorded name is not a valid entity name', async () => {
        await knex(NAMES)
          .where({ provider_id: PROVIDER_ID, repository: 'sentiment' })
          .update({ name: '-not a name-' });
        const before = provider.mutations.length;
        const broken = await sync(provider);
        expect(broken.result.outcome).toBe('failed');
        expect(broken.result.error).toBe(
          'the entity names of registry "names" could not be read or recorded, so the ingested entities were kept: the modelkit_registry_provider__entity_names row of repository "sentiment" holds "-not a name-", which is not a valid entity name; fix or delete the row',
        );
        expect(provider.mutations).toHaveLength(before);
        await knex(NAMES)
          .where({ provider_id: PROVIDER_ID, repository: 'sentiment' })
          .update({ name: 'sentiment' });
      }, 120_000);
    });
  });
});
