import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  buildTestModelKit,
  startTestPostgres,
  startTestRegistry,
  TestPostgres,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  CatalogProbe,
  catalogProbeModule,
  eventually,
  getRegistryEntities,
} from '../__testUtils__/catalogProbe';
import {
  RegistryProxy,
  startRegistryProxy,
} from '../__testUtils__/startRegistryProxy';
import { catalogModuleModelKit } from '../module/catalogModuleModelKit';

// Backend instances sharing one PostgreSQL database, each with the real catalog, the real
// scheduler and this module, ingesting from Debian's docker-registry (behind a proxy that
// counts its requests and can hide repositories).

const FREQUENCY_SECONDS = 2;

interface Run {
  instance: string;
  startedAt: number;
  finishedAt: number;
}

describe('ModelKitRegistryEntityProvider on several backend instances', () => {
  let postgres: TestPostgres;
  let registry: TestRegistry;
  let proxy: RegistryProxy;
  const backends: TestBackend[] = [];

  async function startInstance(probe: CatalogProbe): Promise<TestBackend> {
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'pg', connection: postgres.connection },
            },
            kitstage: {
              registries: [
                {
                  name: 'shared',
                  url: proxy.url,
                  cache: { tagTtl: { milliseconds: 0 } },
                  limits: { maxRetries: 0 },
                  defaults: { owner: 'group:ml-platform' },
                  schedule: {
                    frequency: { seconds: FREQUENCY_SECONDS },
                    timeout: { seconds: 5 },
                    initialDelay: { seconds: 1 },
                  },
                },
              ],
            },
          },
        }),
        schedulerServiceFactory,
        catalogPlugin,
        catalogModuleModelKit,
        catalogProbeModule(probe),
      ],
    });
    backends.push(backend);
    return backend;
  }

  beforeAll(async () => {
    postgres = await startTestPostgres();
    registry = await startTestRegistry();
    proxy = await startRegistryProxy(registry.url);
    for (const name of ['m-1', 'm-2', 'm-3', 'm-4']) {
      await registry.pusher.push(
        `shared/${name}`,
        await buildTestModelKit({
          kitfile: {
            package: { name, version: '1.0.0' },
            model: { path: 'model.bin' },
          },
        }),
        ['v1.0.0'],
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const backend of backends) {
      await backend.stop();
    }
    await proxy?.close();
    await registry?.stop();
    await postgres?.stop();
  }, 60_000);

  it('runs each sync on one instance only, and a fresh instance removes entities others ingested', async () => {
    const probes: Record<string, CatalogProbe> = { a: {}, b: {} };
    const a = await startInstance(probes.a);
    const b = await startInstance(probes.b);

    // Watch both instances for a while and collect every sync that ends meanwhile.
    const runs = new Map<string, Run>();
    const watchMs = 8 * FREQUENCY_SECONDS * 1000;
    const watchStart = Date.now();
    const runCount = () =>
      probes.a.status!.get('shared')!.runs +
      probes.b.status!.get('shared')!.runs;
    const catalogRequests = () =>
      proxy.requests.filter(r => r.path.startsWith('/v2/_catalog')).length;
    const runsBefore = runCount();
    const catalogRequestsBefore = catalogRequests();
    // The counters are read in the same synchronous step as the last runs, so a sync that
    // ends after the last look is counted in neither.
    let totalRuns = 0;
    let listings = 0;
    while (Date.now() - watchStart < watchMs) {
      totalRuns = runCount() - runsBefore;
      listings = catalogRequests() - catalogRequestsBefore;
      for (const [instance, probe] of Object.entries(probes)) {
        const lastRun = probe.status!.get('shared')!.lastRun;
        if (lastRun && Date.parse(lastRun.finishedAt) >= watchStart) {
          runs.set(`${instance} ${lastRun.startedAt}`, {
            instance,
            startedAt: Date.parse(lastRun.startedAt),
            finishedAt: Date.parse(lastRun.finishedAt),
          });
        }
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    const ordered = [...runs.values()].sort(
      (x, y) => x.startedAt - y.startedAt,
    );

    // Every sync was seen, each listed the registry once (give or take the syncs running as
    // the watch started and ended), and no two overlapped.
    expect(ordered.length).toBe(totalRuns);
    expect(listings).toBeGreaterThanOrEqual(totalRuns - 1);
    expect(listings).toBeLessThanOrEqual(totalRuns + 1);
    for (let i = 1; i < ordered.length; i++) {
      expect(ordered[i].startedAt).toBeGreaterThanOrEqual(
        ordered[i - 1].finishedAt,
      );
    }
    // One sync per interval across both instances: the scheduler gives each interval to one
    // of them, so over the span of the runs there are at most span / frequency + 2 of them.
    // Two independent schedules would run about twice as many.
    expect(ordered.length).toBeGreaterThanOrEqual(3);
    const span = ordered[ordered.length - 1].startedAt - ordered[0].startedAt;
    expect(ordered.length).toBeLessThanOrEqual(
      Math.floor(span / (FREQUENCY_SECONDS * 1000)) + 2,
    );
    expect(ordered.length).toBeLessThanOrEqual(
      Math.ceil(watchMs / (FREQUENCY_SECONDS * 1000)) + 2,
    );

    const ingested = await eventually('the four entities', async () => {
      const found = await getRegistryEntities(b, 'shared');
      return found.size === 4 ? found : undefined;
    });
    expect([...ingested.keys()].sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
    expect((await getRegistryEntities(a, 'shared')).size).toBe(4);

    // A new instance, started when the others are gone, has no memory of its own; it finds
    // the entities in the catalog and removes the one whose repository left the registry.
    await a.stop();
    await b.stop();
    // Lets a run cut short by the shutdown time out, so its claim is released.
    await new Promise(resolve => setTimeout(resolve, 6_000));
    proxy.hidden.add('shared/m-4');
    const probeC: CatalogProbe = {};
    const c = await startInstance(probeC);
    const first = await eventually(
      'the first sync of the new instance',
      async () => {
        const status = probeC.status?.get('shared');
        return status?.lastRun ? status : undefined;
      },
    );
    expect(first.runs).toBe(1);
    expect(first.lastRun).toMatchObject({
      outcome: 'success',
      previousFrom: 'catalog',
      counts: { ingested: 3, removed: 1 },
    });
    expect([...(await getRegistryEntities(c, 'shared')).keys()].sort()).toEqual(
      ['m-1', 'm-2', 'm-3'],
    );
  }, 240_000);
});
