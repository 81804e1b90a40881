import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { catalogModuleModelKit } from '../module/catalogModuleModelKit';
import { ModelKitEntityProcessor } from './ModelKitEntityProcessor';

// The `aiModelResources` option: each ModelKit of type `model` also yields a `Resource` of
// type `ai-model` that depends on it, first as the processor's output, then through the catalog
// module, turned on by `kitstage.catalog.aiModelResources`, in the real catalog reading a file
// location.

const location: LocationSpec = {
  type: 'file',
  target: '/srv/catalog/modelkits.yaml',
};

const modelKit: Entity = {
  apiVersion: 'kitstage.dev/v1alpha1',
  kind: 'ModelKit',
  metadata: {
    name: 'support-sentiment',
    title: 'Support sentiment model',
    description: 'sentiment-base fine-tuned on support tickets',
    tags: ['transformers', 'safetensors'],
  },
  spec: {
    type: 'model',
    owner: 'group:nlp-team',
    lifecycle: 'production',
    repository: 'registry.example.com:5000/kitstage-demo/support-sentiment',
    system: 'customer-insights',
  },
};

const dataset: Entity = {
  apiVersion: 'kitstage.dev/v1alpha1',
  kind: 'ModelKit',
  metadata: { name: 'support-tickets', namespace: 'ml' },
  spec: {
    type: 'dataset',
    owner: 'group:data-team',
    lifecycle: 'production',
    repository: 'registry.example.com:5000/kitstage-demo/support-tickets',
  },
};

async function emittedEntities(
  processor: ModelKitEntityProcessor,
  entity: Entity,
): Promise<Entity[]> {
  const results: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(entity, location, result =>
    results.push(result),
  );
  return results.flatMap(result => {
    if (result.type !== 'entity') {
      return [];
    }
    expect(result.location).toEqual(location);
    return [result.entity];
  });
}

describe('ModelKitEntityProcessor with aiModelResources', () => {
  it('emits no entity unless the option is set', async () => {
    await expect(
      emittedEntities(new ModelKitEntityProcessor(), modelKit),
    ).resolves.toEqual([]);
    await expect(
      emittedEntities(
        new ModelKitEntityProcessor({ aiModelResources: false }),
        modelKit,
      ),
    ).resolves.toEqual([]);
  });

  it('emits the ai-model Resource of a model, pointing back at the ModelKit', async () => {
    const processor = new ModelKitEntityProcessor({ aiModelResources: true });
    await expect(emittedEntities(processor, modelKit)).resolves.toEqual([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'support-sentiment',
          title: 'Support sentiment model',
          description: 'sentiment-base fine-tuned on support tickets',
          tags: ['transformers', 'safetensors'],
          annotations: {
            'backstage.io/source-location':
              'url:oci://registry.example.com:5000/kitstage-demo/support-sentiment',
          },
        },
        spec: {
          type: 'ai-model',
          owner: 'group:nlp-team',
          lifecycle: 'production',
          system: 'customer-insights',
          dependsOn: ['modelkit:default/support-sentiment'],
        },
      },
    ]);
  });

  it('emits nothing for a dataset or an entity of another kind', async () => {
    const processor = new ModelKitEntityProcessor({ aiModelResources: true });
    await expect(emittedEntities(processor, dataset)).resolves.toEqual([]);
    await expect(
      emittedEntities(processor, {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'support-sentiment' },
        spec: { type: 'ai-model', owner: 'group:nlp-team' },
      }),
    ).resolves.toEqual([]);
  });

  describe('in the catalog', () => {
    const mockDir = createMockDirectory();
    let backend: TestBackend;

    async function getEntity(ref: string): Promise<Entity | undefined> {
      const [kind, rest] = ref.split(':');
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/${kind}/${rest}`,
        { headers: { Authorization: mockCredentials.user.header() } },
      );
      return response.ok ? ((await response.json()) as Entity) : undefined;
    }

    async function eventually<T>(
      what: string,
      probe: () => Promise<T | undefined>,
    ): Promise<T> {
      for (let attempt = 0; attempt < 360; attempt++) {
        const value = await probe();
        if (value !== undefined) {
          return value;
        }
        await new Promise(resolve => setTimeout(resolve, 250));
      }
      throw new Error(`gave up waiting for ${what}`);
    }

    beforeAll(async () => {
      // JSON documents are YAML documents: the file is serialized, never pasted together.
      mockDir.setContent({
        'catalog-info.yaml': [
          modelKit,
          { ...dataset, metadata: { name: 'support-tickets' } },
        ]
          .map(entity => JSON.stringify(entity, null, 2))
          .join('\n---\n'),
      });
      backend = await startTestBackend({
        features: [
          mockServices.rootConfig.factory({
            data: {
              backend: {
                database: { client: 'better-sqlite3', connection: ':memory:' },
              },
              kitstage: { catalog: { aiModelResources: true } },
              catalog: {
                rules: [{ allow: ['ModelKit', 'Resource'] }],
                locations: [
                  {
                    type: 'file',
                    target: mockDir.resolve('catalog-info.yaml'),
                  },
                ],
              },
            },
          }),
          catalogPlugin,
          catalogModuleModelKit,
        ],
      });
    }, 120_000);

    afterAll(async () => {
      await backend?.stop();
    });

    it('serves the Resource with its relation to the ModelKit, and none for the dataset', async () => {
      const resource = await eventually('the ai-model Resource', async () => {
        const entity = await getEntity('resource:default/support-sentiment');
        return entity?.relations?.length ? entity : undefined;
      });
      expect(resource.spec).toEqual({
        type: 'ai-model',
        owner: 'group:nlp-team',
        lifecycle: 'production',
        system: 'customer-insights',
        dependsOn: ['modelkit:default/support-sentiment'],
      });
      expect(resource.relations).toEqual(
        expect.arrayContaining([
          {
            type: 'dependsOn',
            targetRef: 'modelkit:default/support-sentiment',
          },
        ]),
      );
      const model = await eventually(
        'the ModelKit with its relations',
        async () => {
          const entity = await getEntity('modelkit:default/support-sentiment');
          return entity?.relations?.some(r => r.type === 'dependencyOf')
            ? entity
            : undefined;
        },
      );
      expect(model.relations).toEqual(
        expect.arrayContaining([
          {
            type: 'dependencyOf',
            targetRef: 'resource:default/support-sentiment',
          },
        ]),
      );
      await eventually('the dataset ModelKit', () =>
        getEntity('modelkit:default/support-tickets'),
      );
      await expect(
        getEntity('resource:default/support-tickets'),
      ).resolves.toBeUndefined();
    });
  });
});
