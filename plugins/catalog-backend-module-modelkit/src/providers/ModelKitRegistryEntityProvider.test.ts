import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { JsonObject } from '@backstage/config';
import {
  buildTestContainerImage,
  buildTestModelKit,
  startTestRegistry,
  TestKitfile,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  CatalogProbe,
  catalogProbeModule,
  eventually,
  getRegistryEntities,
  relationsOf,
} from '../__testUtils__/catalogProbe';
import {
  RegistryProxy,
  startRegistryProxy,
} from '../__testUtils__/startRegistryProxy';
import { catalogModuleModelKit } from '../module/catalogModuleModelKit';
import { ModelKitRegistrySyncResult } from './status';

// The real catalog backend (SQLite in memory) with this module, ingesting from Debian's
// docker-registry through loopback proxies that make it fail on purpose. Each registry entry
// has its own proxy and repositories; the mock scheduler runs a sync when a test triggers it.

const TASK = (registry: string) =>
  `modelkit-registry-provider:${registry}:refresh`;

function modelKit(
  name: string,
  version: string,
  extra: Partial<TestKitfile> = {},
  created = '2026-01-01T00:00:00Z',
) {
  return buildTestModelKit({
    kitfile: {
      package: {
        name,
        version,
        description: `${name} ${version}`,
        license: 'Apache-2.0',
      },
      model: {
        path: 'model/weights.safetensors',
        framework: 'transformers',
        format: 'safetensors',
      },
      ...extra,
    },
    annotations: { 'org.opencontainers.image.created': created },
  });
}

function entry(
  name: string,
  proxy: RegistryProxy,
  extra: JsonObject = {},
): JsonObject {
  return {
    name,
    url: proxy.url,
    // Ask the registry on every sync, and fail at once on errors.
    cache: { tagTtl: { milliseconds: 0 } },
    limits: {
      maxRetries: 0,
      connectTimeout: { seconds: 2 },
      requestTimeout: { seconds: 10 },
    },
    // Syncs run when a test triggers them.
    schedule: {
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
      initialDelay: { hours: 1 },
    },
    ...extra,
  };
}

describe('ModelKitRegistryEntityProvider', () => {
  let registry: TestRegistry;
  const proxies: Record<string, RegistryProxy> = {};
  const probe: CatalogProbe = {};
  const removalDigests: Record<string, string> = {};
  let backend: TestBackend;

  async function sync(name: string): Promise<ModelKitRegistrySyncResult> {
    await probe.scheduler!.triggerTask(TASK(name));
    const status = probe.status!.get(name);
    return status!.lastRun!;
  }

  /** A sync that must succeed, for setting up a test. */
  async function syncOk(name: string): Promise<void> {
    const result = await sync(name);
    if (result.outcome !== 'success') {
      throw new Error(`The sync of ${name} did not succeed: ${result.error}`);
    }
  }

  const entities = (name: string) => getRegistryEntities(backend, name);

  async function entitiesWhen(
    name: string,
    what: string,
    ready: (entities: Map<string, Entity>) => boolean,
  ): Promise<Map<string, Entity>> {
    return eventually(what, async () => {
      const found = await entities(name);
      return ready(found) ? found : undefined;
    });
  }

  beforeAll(async () => {
    registry = await startTestRegistry();
    for (const name of ['lineage', 'outage', 'partial', 'removal']) {
      proxies[name] = await startRegistryProxy(registry.url);
    }
    const { pusher } = registry;
    const lineageHost = proxies.lineage.host;

    await pusher.push(
      'lineage/base-model',
      await modelKit('base-model', '1.0.0'),
      ['v1.0.0'],
    );
    await pusher.push(
      'lineage/tickets',
      await buildTestModelKit({
        kitfile: {
          package: {
            name: 'tickets',
            version: '1.0.0',
            license: 'CC-BY-4.0',
          },
          datasets: [{ name: 'train', path: 'data/train.csv' }],
        },
      }),
      ['v1.0.0'],
    );
    await pusher.push(
      'lineage/fine-tune',
      await modelKit('fine-tune', '1.0.0', {
        model: {
          path: `${lineageHost}/lineage/base-model:v1.0.0`,
          framework: 'transformers',
          parts: [{ path: 'model/adapter.safetensors', type: 'lora-adapter' }],
        },
        datasets: [
          {
            name: 'tickets',
            path: 'data/tickets',
            remotePath: `${lineageHost}/lineage/tickets:v1.0.0`,
          },
          {
            name: 'elsewhere',
            path: 'data/elsewhere',
            remotePath: 'registry.other.example.com/data/elsewhere:v1',
          },
          {
            name: 'not-ingested',
            path: 'data/orphan',
            remotePath: `${lineageHost}/lineage/orphan:v1`,
          },
        ],
      }),
      ['v1.0.0'],
    );
    await pusher.push('lineage/web-app', await buildTestContainerImage(), [
      'latest',
    ]);
    await pusher.push(
      'lineage/scratch-model',
      await modelKit('scratch-model', '0.1.0'),
      ['v0.1.0'],
    );
    await pusher.push('lineage/orphan', await modelKit('orphan', '1.0.0'), [
      'v1',
    ]);

    for (const name of ['o-alpha', 'o-beta', 'o-gamma', 'o-delta']) {
      await pusher.push(`outage/${name}`, await modelKit(name, '1.0.0'), [
        'v1.0.0',
      ]);
    }
    for (const name of ['p-one', 'p-two', 'p-three']) {
      await pusher.push(`partial/${name}`, await modelKit(name, '1.0.0'), [
        'v1.0.0',
      ]);
    }
    for (const name of ['r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6']) {
      removalDigests[name] = await pusher.push(
        `removal/${name}`,
        await modelKit(name, '1.0.0'),
        ['v1.0.0'],
      );
    }

    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            kitstage: {
              registries: [
                entry('lineage', proxies.lineage, {
                  include: ['lineage/**'],
                  exclude: ['lineage/scratch-*'],
                  owners: [
                    {
                      repository: 'lineage/base-model',
                      owner: 'group:ml-platform',
                      system: 'platform',
                    },
                    { repository: 'lineage/tickets', owner: 'data-team' },
                    {
                      repository: 'lineage/fine-*',
                      owner: 'group:nlp-team',
                      lifecycle: 'experimental',
                    },
                  ],
                  defaults: { system: 'ml-system' },
                }),
                entry('outage', proxies.outage, {
                  include: 'outage/*',
                  defaults: { owner: 'group:ml-platform' },
                }),
                entry('partial', proxies.partial, {
                  include: 'partial/*',
                  defaults: { owner: 'group:ml-platform' },
                }),
                entry('removal', proxies.removal, {
                  include: 'removal/*',
                  defaults: { owner: 'group:ml-platform' },
                }),
              ],
            },
          },
        }),
        catalogPlugin,
        catalogModuleModelKit,
        catalogProbeModule(probe),
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    for (const proxy of Object.values(proxies)) {
      await proxy.close();
    }
    await registry?.stop();
  }, 60_000);

  describe('ingestion', () => {
    it('creates one entity per ModelKit repository, with owners and lineage', async () => {
      const result = await sync('lineage');
      expect(result).toMatchObject({
        outcome: 'success',
        previousFrom: 'catalog',
        counts: {
          included: 5,
          ingested: 3,
          skipped: 2,
          failed: 0,
          removed: 0,
        },
        failedRepositories: [],
      });
      expect(result.skippedRepositories).toEqual([
        {
          repository: 'lineage/orphan',
          reason:
            'no owner rule matches the repository and there is no default owner',
        },
        {
          repository: 'lineage/web-app',
          reason: 'none of its tags is a ModelKit',
        },
      ]);

      const found = await entitiesWhen(
        'lineage',
        'the lineage entities with their relations',
        e =>
          e.size === 3 &&
          relationsOf(e.get('fine-tune')).some(r => r.startsWith('dependsOn')),
      );
      expect([...found.keys()].sort()).toEqual([
        'base-model',
        'fine-tune',
        'tickets',
      ]);
      const host = proxies.lineage.host;
      const fineTune = found.get('fine-tune')!;
      expect(fineTune.metadata).toMatchObject({
        title: 'Fine tune model',
        description: 'fine-tune 1.0.0',
        tags: ['transformers'],
        annotations: {
          'kitstage.dev/repository': `${host}/lineage/fine-tune`,
          'backstage.io/managed-by-location':
            'modelkit-registry:lineage/lineage/fine-tune',
          'backstage.io/managed-by-origin-location':
            'modelkit-registry:lineage',
        },
      });
      expect(fineTune.spec).toEqual({
        type: 'model',
        owner: 'group:nlp-team',
        lifecycle: 'experimental',
        repository: `${host}/lineage/fine-tune`,
        framework: 'transformers',
        license: 'Apache-2.0',
        baseModel: 'modelkit:base-model',
        datasets: ['modelkit:tickets'],
        system: 'ml-system',
      });
      expect(relationsOf(fineTune)).toEqual([
        'dependsOn modelkit:default/base-model',
        'dependsOn modelkit:default/tickets',
        'ownedBy group:default/nlp-team',
        'partOf system:default/ml-system',
      ]);
      expect(found.get('base-model')!.spec).toMatchObject({
        owner: 'group:ml-platform',
        lifecycle: 'production',
        system: 'platform',
      });
      expect(found.get('tickets')!.spec).toMatchObject({
        type: 'dataset',
        owner: 'data-team',
        license: 'CC-BY-4.0',
      });
      expect(
        relationsOf(
          await eventually('the reverse lineage relation', async () => {
            const base = (await entities('lineage')).get('base-model');
            return relationsOf(base).some(r => r.startsWith('dependencyOf'))
              ? base
              : undefined;
          }),
        ),
      ).toContain('dependencyOf modelkit:default/fine-tune');
    }, 120_000);

    it('re-syncs an unchanged registry with HEAD requests only, and fetches just what changed', async () => {
      await sync('lineage');
      const counts = () =>
        probe
          .registries!.getRequestCounts()
          .find(c => c.registry === 'lineage')!.byKind;
      const before = counts();
      const unchanged = await sync('lineage');
      expect(unchanged.outcome).toBe('success');
      const after = counts();
      expect(after.manifest - before.manifest).toBe(0);
      expect(after.blob - before.blob).toBe(0);
      expect(after.catalog - before.catalog).toBe(1);
      // One tag list per included repository, one HEAD per tag.
      expect(after.tags - before.tags).toBe(5);
      expect(after['manifest-head'] - before['manifest-head']).toBe(5);

      await registry.pusher.push(
        'lineage/fine-tune',
        await modelKit(
          'fine-tune',
          '2.0.0',
          { model: { path: 'model/weights.safetensors', framework: 'peft' } },
          '2026-02-01T00:00:00Z',
        ),
        ['v2.0.0'],
      );
      const changed = await sync('lineage');
      expect(changed.outcome).toBe('success');
      const last = counts();
      // The new tag: its manifest and its config, nothing else.
      expect(last.manifest - after.manifest).toBe(1);
      expect(last.blob - after.blob).toBe(1);
      const updated = await entitiesWhen(
        'lineage',
        'the fine-tune entity from version 2.0.0',
        e => e.get('fine-tune')?.metadata.description === 'fine-tune 2.0.0',
      );
      // The new version has no lineage, so the entity has none either.
      expect(updated.get('fine-tune')!.spec).toMatchObject({
        framework: 'peft',
      });
      expect(updated.get('fine-tune')!.spec!.baseModel).toBeUndefined();
    }, 120_000);
  });

  describe('a registry that fails', () => {
    let initial: Map<string, Entity>;

    beforeAll(async () => {
      await syncOk('outage');
      initial = await entitiesWhen(
        'outage',
        'the four outage entities',
        e => e.size === 4,
      );
    }, 120_000);

    afterEach(async () => {
      proxies.outage.setFault(undefined);
      await proxies.outage.up();
    });

    async function expectEntitiesKept() {
      const now = await entities('outage');
      expect([...now.keys()].sort()).toEqual([...initial.keys()].sort());
      for (const [name, entity] of now) {
        expect(entity.metadata.uid).toBe(initial.get(name)!.metadata.uid);
        expect(entity.spec).toEqual(initial.get(name)!.spec);
      }
      const status = probe.status!.get('outage')!;
      expect(status.lastError).toBeDefined();
      return status;
    }

    it('keeps every entity when the registry answers 500', async () => {
      proxies.outage.setFault({ status: 500 });
      const result = await sync('outage');
      expect(result.outcome).toBe('failed');
      expect(result.error).toContain(
        `listing the repositories of registry "outage" (${proxies.outage.host}) failed, so the ingested entities were kept`,
      );
      expect(result.error).toContain('500');
      await expectEntitiesKept();
    }, 60_000);

    it('keeps every entity when authentication fails', async () => {
      proxies.outage.setFault({ status: 401 });
      const result = await sync('outage');
      expect(result.outcome).toBe('failed');
      expect(result.error).toMatch(/401|unauthori[sz]ed|authenticat/i);
      await expectEntitiesKept();
    }, 60_000);

    it('keeps every entity while the registry is down, and reports it on the status', async () => {
      await proxies.outage.down();
      const result = await sync('outage');
      expect(result.outcome).toBe('failed');
      const status = await expectEntitiesKept();
      expect(status).toMatchObject({
        providerName: 'modelkit-registry-provider:outage',
        registry: 'outage',
        taskId: TASK('outage'),
        running: false,
        entities: 4,
        lastRun: { outcome: 'failed' },
      });
      expect(status.lastSuccessAt).toBeDefined();
      expect(status.lastSuccessAt! < status.lastRun!.startedAt).toBe(true);

      await proxies.outage.up();
      const recovered = await sync('outage');
      expect(recovered.outcome).toBe('success');
      expect(probe.status!.get('outage')!.lastError).toBeUndefined();
    }, 60_000);

    it('keeps every entity when the tags of every repository fail', async () => {
      proxies.outage.setFault({ status: 500, paths: /^\/v2\/outage\// });
      const result = await sync('outage');
      expect(result.outcome).toBe('failed');
      expect(result.counts).toMatchObject({ failed: 4, removed: 0 });
      await expectEntitiesKept();
    }, 60_000);
  });

  describe('a repository that fails', () => {
    beforeAll(async () => {
      await syncOk('partial');
      await entitiesWhen('partial', 'the partial entities', e => e.size === 3);
    }, 120_000);

    afterEach(() => proxies.partial.setFault(undefined));

    it('keeps its entity while the other repositories update', async () => {
      const { pusher } = registry;
      for (const name of ['p-two', 'p-three']) {
        await pusher.push(
          `partial/${name}`,
          await modelKit(name, '2.0.0', {}, '2026-02-01T00:00:00Z'),
          ['v2.0.0'],
        );
      }
      proxies.partial.setFault({
        status: 500,
        paths: /^\/v2\/partial\/p-two\//,
      });
      const result = await sync('partial');
      expect(result.outcome).toBe('partial');
      expect(result.counts).toMatchObject({
        ingested: 2,
        failed: 1,
        removed: 0,
      });
      expect(result.failedRepositories).toEqual([
        { repository: 'partial/p-two', error: expect.stringContaining('500') },
      ]);
      expect(probe.status!.get('partial')!.lastError).toContain(
        'partial/p-two',
      );

      const updated = await entitiesWhen(
        'partial',
        'p-three at version 2.0.0',
        e => e.get('p-three')?.metadata.description === 'p-three 2.0.0',
      );
      expect(updated.get('p-two')!.metadata.description).toBe('p-two 1.0.0');
      expect(updated.get('p-one')!.metadata.description).toBe('p-one 1.0.0');

      proxies.partial.setFault(undefined);
      expect((await sync('partial')).outcome).toBe('success');
      await entitiesWhen(
        'partial',
        'p-two at version 2.0.0',
        e => e.get('p-two')?.metadata.description === 'p-two 2.0.0',
      );
    }, 120_000);

    it('keeps its entity when its newest ModelKit has an invalid Kitfile', async () => {
      const invalid = await modelKit(
        'p-one',
        '9.0.0',
        { package: { name: 'p-one', version: '9.0.0', authors: 'not a list' } },
        '2026-03-01T00:00:00Z',
      );
      await registry.pusher.push('partial/p-one', invalid, ['v9.0.0']);
      const result = await sync('partial');
      expect(result.outcome).toBe('partial');
      expect(result.failedRepositories).toEqual([
        {
          repository: 'partial/p-one',
          error: expect.stringContaining(
            `tag "v9.0.0": ModelKit ${proxies.partial.host}/partial/p-one@${invalid.digest} from "partial": the config blob`,
          ),
        },
      ]);
      expect(result.failedRepositories[0].error).toContain(
        'package.authors: expected array',
      );
      const kept = await entities('partial');
      expect(kept.get('p-one')!.metadata.description).toBe('p-one 1.0.0');

      await registry.pusher.deleteManifest('partial/p-one', invalid.digest);
      expect((await sync('partial')).outcome).toBe('success');
    }, 120_000);
  });

  describe('removals', () => {
    beforeAll(async () => {
      await syncOk('removal');
      await entitiesWhen('removal', 'the six entities', e => e.size === 6);
    }, 120_000);

    afterEach(() => proxies.removal.setFault(undefined));

    const names = async () => [...(await entities('removal')).keys()].sort();

    it('removes an entity only after a complete listing no longer has its repository', async () => {
      proxies.removal.hidden.add('removal/r-6');
      proxies.removal.setFault({ status: 500, paths: /^\/v2\/_catalog/ });
      expect((await sync('removal')).outcome).toBe('failed');
      expect(await names()).toContain('r-6');

      proxies.removal.hidden.delete('removal/r-6');
      proxies.removal.setFault({
        status: 500,
        paths: /^\/v2\/removal\/r-6\//,
      });
      expect((await sync('removal')).outcome).toBe('partial');
      expect(await names()).toContain('r-6');

      proxies.removal.setFault(undefined);
      proxies.removal.hidden.add('removal/r-6');
      const result = await sync('removal');
      expect(result).toMatchObject({
        outcome: 'success',
        previousFrom: 'catalog',
        counts: { removed: 1 },
      });
      expect(await names()).toEqual(['r-1', 'r-2', 'r-3', 'r-4', 'r-5']);
    }, 120_000);

    it('refuses a listing that would remove more than half of the entities', async () => {
      for (const name of ['r-1', 'r-2', 'r-3']) {
        proxies.removal.hidden.add(`removal/${name}`);
      }
      const result = await sync('removal');
      expect(result.outcome).toBe('partial');
      expect(result.removalRefused).toEqual({
        removals: [
          'modelkit:default/r-1',
          'modelkit:default/r-2',
          'modelkit:default/r-3',
        ],
        count: 3,
        previous: 5,
        maxRemovalShare: 0.5,
      });
      expect(result.error).toContain(
        'the listing would remove 3 of the 5 ingested entities',
      );
      expect(await names()).toEqual(['r-1', 'r-2', 'r-3', 'r-4', 'r-5']);

      // An empty listing is refused the same way.
      for (const name of ['r-4', 'r-5']) {
        proxies.removal.hidden.add(`removal/${name}`);
      }
      expect((await sync('removal')).removalRefused?.count).toBe(5);
      expect(await names()).toHaveLength(5);

      for (const name of ['r-1', 'r-2', 'r-3', 'r-4', 'r-5']) {
        proxies.removal.hidden.delete(`removal/${name}`);
      }
      expect((await sync('removal')).outcome).toBe('success');
    }, 120_000);

    it('removes the entity of a repository that no longer holds a ModelKit', async () => {
      await registry.pusher.deleteManifest(
        'removal/r-5',
        removalDigests['r-5'],
      );
      const result = await sync('removal');
      expect(result).toMatchObject({
        outcome: 'success',
        counts: { removed: 1, skipped: 1 },
        skippedRepositories: [
          { repository: 'removal/r-5', reason: 'it has no tags' },
        ],
      });
      expect(await names()).toEqual(['r-1', 'r-2', 'r-3', 'r-4']);
    }, 120_000);
  });
});
