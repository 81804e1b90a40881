import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  createRegistryService,
  StandaloneRegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  buildTestContainerImage,
  buildTestModelKit,
  startTestPostgres,
  startTestRegistry,
  TestArtifact,
  TestPostgres,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  RegistryProxy,
  startRegistryProxy,
} from '../__testUtils__/startRegistryProxy';
import type { Knex } from '../state/knexClient';
import { ModelKitRegistryEntityProvider } from './ModelKitRegistryEntityProvider';
import { ModelKitRegistrySyncResult } from './status';

// The provider with its state in a real database (SQLite, and PostgreSQL 15 started on
// loopback), reading Debian's docker-registry through a proxy that counts the requests and
// can fail. A "restart" is a new provider and a new registry client (so an empty cache) on
// the same database.

const TAGS = 'modelkit_registry_provider__tags';
const MANIFESTS = 'modelkit_registry_provider__manifests';

function modelKit(name: string, version: string, created: string) {
  return buildTestModelKit({
    kitfile: {
      package: { name, version, description: `${name} ${version}` },
      model: { path: 'model.safetensors', framework: 'transformers' },
    },
    annotations: { 'org.opencontainers.image.created': created },
  });
}

/** The registry requests made while `fn` runs, by kind. */
async function requestsDuring(proxy: RegistryProxy, fn: () => Promise<void>) {
  const start = proxy.requests.length;
  await fn();
  const made = proxy.requests.slice(start);
  const count = (method: string, path: RegExp) =>
    made.filter(r => r.method === method && path.test(r.path)).length;
  return {
    tags: count('GET', /\/tags\/list/),
    heads: count('HEAD', /\/manifests\//),
    manifests: count('GET', /\/manifests\//),
    blobs: count('GET', /\/blobs\//),
  };
}

describe('ModelKitRegistryEntityProvider with its state in a database', () => {
  let postgres: TestPostgres;
  let registry: TestRegistry;
  let proxy: RegistryProxy;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
      postgres.connectionString;
    registry = await startTestRegistry();
    proxy = await startRegistryProxy(registry.url);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
    await postgres?.stop();
  }, 60_000);

  afterEach(() => {
    proxy.setFault(undefined);
    proxy.hidden.clear();
  });

  describe('on each database', () => {
    // Created in a block of its own, so that its databases are dropped before the server stops.
    const databases = TestDatabases.create({
      ids: ['POSTGRES_15', 'SQLITE_3'],
      // PostgreSQL comes from startTestPostgres, through the connection string variable.
      disableDocker: false,
    });

    describe.each(databases.eachSupportedId())('%s', databaseId => {
      const ns = `state-${databaseId.toLocaleLowerCase('en-US')}`;
      const digests: Record<string, string> = {};
      let beta: TestArtifact;
      let knex: Knex;
      const opened: StandaloneRegistryService[] = [];
      const warnings: string[] = [];
      /** The warnings about the stored state, leaving out those about the registry. */
      const stateWarnings = () =>
        warnings.filter(
          w =>
            w.startsWith('Ignored the stored content') ||
            w.includes('in the database; syncs go on without the stored state'),
        );
      const logger: LoggerService = {
        child: () => logger,
        debug: () => {},
        info: () => {},
        warn: message => {
          warnings.push(message);
        },
        error: () => {},
      };

      /** A provider as a backend starts it: a new registry client, the same database. */
      async function start(options: { skipMigrations?: boolean } = {}) {
        const config = new ConfigReader({
          kitstage: {
            registries: [
              {
                name: 'state',
                url: proxy.url,
                include: `${ns}/*`,
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
          database: mockServices.database({
            knex,
            migrations: { skip: options.skipMigrations ?? false },
          }),
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

      /** Syncs and gives the outcome, the requests it made and the mutation it applied. */
      async function sync(provider: ModelKitRegistryEntityProvider) {
        let result: ModelKitRegistrySyncResult | undefined;
        const requests = await requestsDuring(proxy, async () => {
          result = await provider.refresh();
        });
        return { result: result!, requests };
      }

      const added = (mutation: EntityProviderMutation | undefined) => {
        const entities = new Map<string, Entity>();
        for (const { entity } of mutation?.type === 'delta'
          ? mutation.added
          : []) {
          entities.set(entity.metadata.name, entity);
        }
        return entities;
      };

      const tagRows = async () =>
        (
          await knex(TAGS)
            .where({ provider_id: 'modelkit-registry-provider:state' })
            .select('repository', 'tag', 'digest')
        )
          .map(r => `${r.repository}:${r.tag}@${r.digest}`)
          .sort();
      const manifestDigests = async () =>
        (await knex(MANIFESTS).select('digest'))
          .map(r => r.digest as string)
          .sort();

      beforeAll(async () => {
        knex = await databases.init(databaseId);
        const { pusher } = registry;
        digests.alpha1 = await pusher.push(
          `${ns}/alpha`,
          await modelKit('alpha', '1.0.0', '2026-01-01T00:00:00Z'),
          ['v1.0.0'],
        );
        digests.alpha2 = await pusher.push(
          `${ns}/alpha`,
          await modelKit('alpha', '1.1.0', '2026-01-02T00:00:00Z'),
          ['v1.1.0'],
        );
        beta = await modelKit('beta', '1.0.0', '2026-01-01T00:00:00Z');
        digests.beta = await pusher.push(`${ns}/beta`, beta, [
          'v1.0.0',
          'latest',
        ]);
        digests.gamma = await pusher.push(
          `${ns}/gamma`,
          await modelKit('gamma', '1.0.0', '2026-01-01T00:00:00Z'),
          ['v1.0.0'],
        );
        digests.web = await pusher.push(
          `${ns}/web`,
          await buildTestContainerImage(),
          ['latest'],
        );
      }, 120_000);

      beforeEach(() => {
        warnings.length = 0;
      });

      afterAll(async () => {
        for (const registries of opened) {
          await registries.close();
        }
      });

      let latest: Awaited<ReturnType<typeof start>>;
      let ingested: Map<string, Entity>;

      it('downloads no manifest or config in the first sync after a restart', async () => {
        const first = await start();
        const full = await sync(first.provider);
        expect(full.result).toMatchObject({
          outcome: 'success',
          counts: { included: 4, ingested: 3, skipped: 1, failed: 0 },
        });
        // A new tag costs its manifest, and a new ModelKit its config, as without a state.
        expect(full.requests).toEqual({
          tags: 4,
          heads: 0,
          manifests: 6,
          blobs: 4,
        });
        ingested = added(first.mutations[0]);
        expect([...ingested.keys()].sort()).toEqual(['alpha', 'beta', 'gamma']);
        expect(await tagRows()).toEqual(
          [
            `${ns}/alpha:v1.0.0@${digests.alpha1}`,
            `${ns}/alpha:v1.1.0@${digests.alpha2}`,
            `${ns}/beta:latest@${digests.beta}`,
            `${ns}/beta:v1.0.0@${digests.beta}`,
            `${ns}/gamma:v1.0.0@${digests.gamma}`,
            `${ns}/web:latest@${digests.web}`,
          ].sort(),
        );
        expect(await manifestDigests()).toEqual(
          [
            digests.alpha1,
            digests.alpha2,
            digests.beta,
            digests.gamma,
            digests.web,
          ].sort(),
        );

        latest = await start();
        const restarted = await sync(latest.provider);
        expect(restarted.result).toMatchObject({
          outcome: 'success',
          counts: { ingested: 3, skipped: 1, failed: 0 },
        });
        // A tag list per repository and a HEAD per tag, nothing else.
        expect(restarted.requests).toEqual({
          tags: 4,
          heads: 6,
          manifests: 0,
          blobs: 0,
        });
        expect(added(latest.mutations[0])).toEqual(ingested);
        expect(stateWarnings()).toEqual([]);
      }, 120_000);

      it('reads a tag again when it points at a new digest, and only the manifest of a new tag of a known digest', async () => {
        digests.alpha3 = await registry.pusher.push(
          `${ns}/alpha`,
          await modelKit('alpha', '1.2.0', '2026-01-03T00:00:00Z'),
          ['v1.1.0'],
        );
        await registry.pusher.push(`${ns}/beta`, beta, ['stable']);
        const moved = await sync(latest.provider);
        expect(moved.result.outcome).toBe('success');
        // The moved tag: the manifest and config of its digest; the new tag: its manifest.
        expect(moved.requests).toEqual({
          tags: 4,
          heads: 6,
          manifests: 2,
          blobs: 1,
        });
        expect(
          added(latest.mutations[1]).get('alpha')!.metadata.description,
        ).toBe('alpha 1.2.0');
        expect(await tagRows()).toEqual(
          expect.arrayContaining([
            `${ns}/alpha:v1.1.0@${digests.alpha3}`,
            `${ns}/beta:stable@${digests.beta}`,
          ]),
        );
        // The stored config of beta's manifest stays.
        expect(
          (await knex(MANIFESTS).where({ digest: digests.beta }).first())
            .config,
        ).toContain('beta 1.0.0');
        // No tag points at the replaced manifest any more.
        expect(await manifestDigests()).not.toContain(digests.alpha2);
        expect(await manifestDigests()).toContain(digests.alpha3);
      }, 120_000);

      it('never emits a tampered row, and reads it from the registry again', async () => {
        const row = (digest: string) =>
          knex(MANIFESTS).where({ digest }).first();
        const genuineGamma = await row(digests.gamma);
        const genuineBeta = await row(digests.beta);
        // A changed config, and another manifest's text under beta's digest.
        await knex(MANIFESTS)
          .where({ digest: digests.gamma })
          .update({
            config: genuineGamma.config.replace('gamma 1.0.0', 'tampered'),
          });
        await knex(MANIFESTS)
          .where({ digest: digests.beta })
          .update({ manifest: (await row(digests.alpha1)).manifest });

        latest = await start();
        const resync = await sync(latest.provider);
        expect(resync.result.outcome).toBe('success');
        // Beta's manifest (and with it its config) and gamma's config come from the registry
        // again.
        expect(resync.requests).toEqual({
          tags: 4,
          heads: 7,
          manifests: 1,
          blobs: 2,
        });
        const entities = added(latest.mutations[0]);
        expect(entities.get('gamma')).toEqual(ingested.get('gamma'));
        expect(entities.get('beta')).toEqual(ingested.get('beta'));
        expect(JSON.stringify(latest.mutations)).not.toContain('tampered');
        expect(stateWarnings().sort()).toEqual([
          `Ignored the stored content of ${ns}/beta@${digests.beta} and read it from the registry again: the stored manifest does not hash to its digest`,
          `Ignored the stored content of ${ns}/gamma@${digests.gamma} and read it from the registry again: the stored config does not hash to its digest`,
        ]);
        // The fresh copies replaced the tampered rows.
        expect(await row(digests.gamma)).toEqual(genuineGamma);
        expect(await row(digests.beta)).toEqual(genuineBeta);
      }, 120_000);

      it('forgets a deleted tag, a repository without tags and one that left the listing, with their entities', async () => {
        await registry.pusher.deleteManifest(`${ns}/alpha`, digests.alpha1);
        await registry.pusher.deleteManifest(`${ns}/gamma`, digests.gamma);
        proxy.hidden.add(`${ns}/web`);
        const result = await sync(latest.provider);
        expect(result.result).toMatchObject({
          outcome: 'success',
          counts: { included: 3, ingested: 2, skipped: 1, removed: 1 },
        });
        expect(result.requests).toMatchObject({ manifests: 0, blobs: 0 });
        expect(latest.mutations[1]).toMatchObject({
          type: 'delta',
          removed: [{ entityRef: 'modelkit:default/gamma' }],
        });
        expect(await tagRows()).toEqual(
          [
            `${ns}/alpha:v1.1.0@${digests.alpha3}`,
            `${ns}/beta:latest@${digests.beta}`,
            `${ns}/beta:stable@${digests.beta}`,
            `${ns}/beta:v1.0.0@${digests.beta}`,
          ].sort(),
        );
        expect(await manifestDigests()).toEqual(
          [digests.alpha3, digests.beta].sort(),
        );
      }, 120_000);

      it('leaves entities and rows alone when the registry fails', async () => {
        proxy.hidden.add(`${ns}/web`);
        const rowsBefore = await tagRows();
        const manifestsBefore = await manifestDigests();
        const mutationsBefore = latest.mutations.length;

        proxy.setFault({ status: 500 });
        const down = await sync(latest.provider);
        expect(down.result.outcome).toBe('failed');
        expect(latest.mutations).toHaveLength(mutationsBefore);

        // One repository failing: the others update, nothing of it is removed.
        proxy.setFault({ status: 500, paths: new RegExp(`^/v2/${ns}/beta/`) });
        await registry.pusher.deleteManifest(`${ns}/alpha`, digests.alpha3);
        const partial = await sync(latest.provider);
        expect(partial.result).toMatchObject({
          outcome: 'partial',
          counts: { failed: 1, removed: 1 },
        });
        expect(await tagRows()).toEqual(
          rowsBefore.filter(r => !r.startsWith(`${ns}/alpha:`)),
        );
        expect(await manifestDigests()).toEqual(
          manifestsBefore.filter(d => d !== digests.alpha3),
        );
        expect(stateWarnings()).toEqual([]);
      }, 120_000);

      it('reads without a state, says so once, and applies nothing, since no entity name can be kept, when the migrations were skipped on an empty database', async () => {
        knex = await databases.init(databaseId);
        const skipped = await start({ skipMigrations: true });
        const result = await sync(skipped.provider);
        expect(result.result).toMatchObject({
          outcome: 'failed',
          error: expect.stringMatching(
            /^the entity names of registry "state" could not be read or recorded, so the ingested entities were kept: .*modelkit_registry_provider__entity_names/,
          ),
        });
        expect(skipped.mutations).toEqual([]);
        expect(await knex.schema.hasTable(TAGS)).toBe(false);
        expect(stateWarnings()).toEqual([
          expect.stringMatching(
            /^Could not read the state of a repository in the database; syncs go on without the stored state .*modelkit_registry_provider__tags/,
          ),
        ]);
      }, 120_000);
    });
  });
});
