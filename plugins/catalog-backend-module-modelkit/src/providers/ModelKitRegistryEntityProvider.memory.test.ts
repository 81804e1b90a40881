import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  CatalogService,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  createOciLayoutSources,
  createRegistryService,
  StandaloneRegistryService,
} from '@kitstage/plugin-modelkit-node';
import { ModelKitRegistryEntityProvider } from './ModelKitRegistryEntityProvider';

// The provider on its own, reading a copy of the demo OCI image layout, when the catalog API
// cannot be asked which entities it already has: it falls back to what this instance applied.
// The connection records the mutations instead of a catalog.

const DEMO_LAYOUT = resolve(__dirname, '../../../../examples/oci-layout');

describe('ModelKitRegistryEntityProvider without the catalog API', () => {
  let dir: string;
  let registries: StandaloneRegistryService;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kitstage-provider-layout-'));
    await cp(DEMO_LAYOUT, dir, { recursive: true });
  });

  afterAll(async () => {
    await registries?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('removes nothing on its first sync, then decides removals from its own syncs', async () => {
    const config = new ConfigReader({
      kitstage: {
        registries: [
          {
            name: 'demo',
            type: 'oci-layout',
            path: dir,
            host: 'registry.example.com',
            defaults: { owner: 'group:ml-platform' },
          },
        ],
      },
    });
    const warnings: string[] = [];
    const logger: LoggerService = {
      child: () => logger,
      debug: () => {},
      info: () => {},
      warn: message => {
        warnings.push(message);
      },
      error: () => {},
    };
    registries = createRegistryService({
      config,
      logger,
      additionalSources: createOciLayoutSources({ config, logger }),
    });
    const unavailableCatalog = {
      queryEntities: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
      },
    } as unknown as CatalogService;
    const [provider] = ModelKitRegistryEntityProvider.fromConfig(config, {
      logger,
      scheduler: mockServices.scheduler.mock(),
      registries,
      catalog: {
        service: unavailableCatalog,
        auth: mockServices.auth(),
      },
    });
    const mutations: EntityProviderMutation[] = [];
    const connection: EntityProviderConnection = {
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    };
    await provider.connect(connection);

    const first = await provider.refresh();
    expect(first).toMatchObject({
      outcome: 'success',
      previousFrom: 'unknown',
      counts: { ingested: 6, removed: 0 },
    });
    expect(mutations).toHaveLength(1);
    expect(mutations[0]).toMatchObject({ type: 'delta', removed: [] });
    expect(
      mutations[0].type === 'delta' &&
        mutations[0].added.map(d => d.entity.metadata.name).sort(),
    ).toEqual([
      'fraud-detector',
      'product-reviews',
      'review-sentiment',
      'sentiment-base',
      'support-sentiment',
      'support-tickets',
    ]);
    expect(warnings).toEqual([
      expect.stringContaining(
        'Could not read the entities of registry "demo" from the catalog; removals are decided from this instance\'s own syncs: connect ECONNREFUSED',
      ),
    ]);

    // fraud-detector leaves the layout.
    const indexFile = join(dir, 'index.json');
    const index = JSON.parse(await readFile(indexFile, 'utf8'));
    index.manifests = index.manifests.filter(
      (m: { annotations?: Record<string, string> }) =>
        !m.annotations?.['org.opencontainers.image.ref.name']?.includes(
          '/fraud-detector:',
        ),
    );
    await writeFile(indexFile, JSON.stringify(index));
    // The layout source reads its index again after 10 seconds.
    await new Promise(r => setTimeout(r, 10_500));

    const second = await provider.refresh();
    expect(second).toMatchObject({
      outcome: 'success',
      previousFrom: 'memory',
      counts: { ingested: 5, removed: 1 },
    });
    expect(mutations[1]).toMatchObject({
      type: 'delta',
      removed: [{ entityRef: 'modelkit:default/fraud-detector' }],
    });
    expect(provider.getStatus()).toMatchObject({ entities: 5, runs: 2 });
  }, 60_000);
});
