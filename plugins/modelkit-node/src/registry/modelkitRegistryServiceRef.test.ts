import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { buildTestModelKit, startTestRegistry, TestRegistry } from '../testing';
import { modelkitRegistryServiceRef } from './modelkitRegistryServiceRef';
import { RegistryService } from './RegistryService';

jest.setTimeout(60_000);

function pluginCapturing(pluginId: string, into: Map<string, RegistryService>) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { registry: modelkitRegistryServiceRef },
        async init({ registry }) {
          into.set(pluginId, registry);
        },
      });
    },
  });
}

describe('modelkitRegistryServiceRef', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startTestRegistry({ auth: 'token' });
    const modelKit = await buildTestModelKit({
      kitfile: { package: { name: 'shared' }, model: { path: 'model.bin' } },
    });
    await registry.pusher.push('team/shared', modelKit, ['v1']);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('gives each plugin a service on one shared runtime: tokens and request counts', async () => {
    const services = new Map<string, RegistryService>();
    const backend = await startTestBackend({
      features: [
        pluginCapturing('modelkit', services),
        pluginCapturing('catalog', services),
        mockServices.rootConfig.factory({
          data: { kitstage: { registries: [registry.configEntry('shared')] } },
        }),
      ],
    });
    try {
      const modelkit = services.get('modelkit')!;
      const catalog = services.get('catalog')!;
      expect(modelkit).not.toBe(catalog);
      expect(modelkit.listSources().map(s => [s.name, s.kind, s.host])).toEqual(
        [['shared', 'registry', registry.host]],
      );

      const tokens = registry.tokenServer!;
      const before = tokens.tokensIssued();
      await catalog.getSource('shared').getManifest('team/shared', 'v1');
      expect(tokens.tokensIssued() - before).toBe(1);
      const afterCatalog = catalog.getRequestCounts()[0].total;

      // The backend plugin uses the token the catalog module fetched, and sees its requests.
      await modelkit.getSource('shared').getManifest('team/shared', 'v1');
      expect(tokens.tokensIssued() - before).toBe(1);
      expect(modelkit.getRequestCounts()).toEqual(catalog.getRequestCounts());
      expect(modelkit.getRequestCounts()[0].total).toBeGreaterThan(
        afterCatalog,
      );

      // Within one plugin, the cache answers again without a request.
      const settled = modelkit.getRequestCounts()[0].total;
      await modelkit.getSource('shared').getManifest('team/shared', 'v1');
      expect(modelkit.getRequestCounts()[0].total).toBe(settled);

      expect(modelkit.findSource(`${registry.host}/team/shared`)).toEqual({
        source: modelkit.getSource('shared'),
        repository: 'team/shared',
      });
      expect(
        modelkit.findSource('elsewhere.example.com/team/shared'),
      ).toBeUndefined();
      expect(() =>
        modelkit.findSource(`${registry.host}/Team/Shared:v1`),
      ).toThrow('does not name a valid repository');
      expect(() => modelkit.getSource('missing')).toThrow(
        'Registry "missing": no registry of this name is configured under kitstage.registries (known: shared)',
      );
    } finally {
      await backend.stop();
    }
    // The shutdown hook closed the shared connections.
    await expect(
      services.get('modelkit')!.getSource('shared').listTags('team/other'),
    ).rejects.toMatchObject({ name: 'RegistryError', reason: 'network' });
  });

  it.each([
    ['unset', undefined, false],
    ['memory', 'memory', false],
    ['redis', 'redis', true],
  ])(
    "with backend.cache.store %s, keeps content in the backend's cache only for a shared store",
    async (_name, store, usesBackendCache) => {
      const services = new Map<string, RegistryService>();
      const cache = mockServices.cache.mock({
        get: jest.fn(async () => undefined),
        set: jest.fn(async () => undefined),
      });
      const backend = await startTestBackend({
        features: [
          pluginCapturing('modelkit', services),
          cache.factory,
          mockServices.rootConfig.factory({
            data: {
              ...(store ? { backend: { cache: { store } } } : {}),
              kitstage: { registries: [registry.configEntry('shared')] },
            },
          }),
        ],
      });
      try {
        const service = services.get('modelkit')!;
        const source = service.getSource('shared');
        await source.getManifest('team/shared', 'v1');
        const settled = service.getRequestCounts()[0].total;
        await source.getManifest('team/shared', 'v1');
        // Backstage's memory store is replaced by a bounded cache of the service's own, which
        // answers the second read; the mocked shared store forgets everything.
        expect(service.getRequestCounts()[0].total - settled).toBe(
          usesBackendCache ? 1 : 0,
        );
        expect(cache.get.mock.calls.length > 0).toBe(usesBackendCache);
        expect(cache.set.mock.calls.length > 0).toBe(usesBackendCache);
      } finally {
        await backend.stop();
      }
    },
  );

  it('fails the backend start with the key path of a bad registry entry', async () => {
    await expect(
      startTestBackend({
        features: [
          pluginCapturing('modelkit', new Map()),
          mockServices.rootConfig.factory({
            data: {
              kitstage: {
                registries: [{ name: 'bad', url: 'registry.example.com' }],
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'kitstage.registries[0].url: "registry.example.com" is not a valid URL',
    );
  });
});
