import {
  createBackendModule,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleModelKit } from './catalogModuleModelKit';

// The real catalog backend, on SQLite in memory, reading a file location with this module
// installed: valid ModelKits reach the catalog API with their relations, invalid ones are
// rejected with a processing error that names the bad field.

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'nlp-team' },
  spec: { type: 'team', children: [] },
};

const validModelKit: Entity = {
  apiVersion: 'kitstage.dev/v1alpha1',
  kind: 'ModelKit',
  metadata: { name: 'support-sentiment' },
  spec: {
    type: 'model',
    owner: 'group:nlp-team',
    lifecycle: 'production',
    repository: 'registry.example.com/kitstage-demo/support-sentiment',
    framework: 'transformers',
    baseModel: 'modelkit:sentiment-base',
    datasets: ['modelkit:support-tickets'],
    system: 'customer-insights',
  },
};

const invalidModelKit: Entity = {
  apiVersion: 'kitstage.dev/v1alpha1',
  kind: 'ModelKit',
  metadata: { name: 'broken-sentiment' },
  spec: {
    owner: 'group:nlp-team',
    lifecycle: 'production',
    repository: 'registry.example.com/kitstage-demo/broken-sentiment:1.0.0',
  },
};

type ProcessingError = { entityRef: string; messages: string[] };

/** Collects the catalog's processing errors through its public error handler hook. */
function processingErrorCollector(errors: ProcessingError[]): BackendFeature {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-processing-errors',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.setOnProcessingErrorHandler(
            ({ unprocessedEntity, errors: e }) => {
              errors.push({
                entityRef: `${unprocessedEntity.kind}:${
                  unprocessedEntity.metadata.namespace ?? 'default'
                }/${unprocessedEntity.metadata.name}`.toLocaleLowerCase(
                  'en-US',
                ),
                messages: e.map(error => error.message),
              });
            },
          );
        },
      });
    },
  });
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('catalogModuleModelKit', () => {
  const mockDir = createMockDirectory();
  const processingErrors: ProcessingError[] = [];
  let backend: TestBackend;

  async function getCatalog(path: string): Promise<Response> {
    return fetch(
      `http://localhost:${backend.server.port()}/api/catalog${path}`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
  }

  async function getEntity(
    kind: string,
    name: string,
  ): Promise<Entity | undefined> {
    const response = await getCatalog(
      `/entities/by-name/${kind}/default/${name}`,
    );
    return response.ok ? ((await response.json()) as Entity) : undefined;
  }

  beforeAll(async () => {
    // JSON documents are YAML documents: the file is serialized, never pasted together.
    mockDir.setContent({
      'catalog-info.yaml': [group, validModelKit, invalidModelKit]
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
            catalog: {
              rules: [{ allow: ['Group', 'ModelKit'] }],
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
        processingErrorCollector(processingErrors),
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  it('serves a valid ModelKit with its relations', async () => {
    const entity = await eventually('the valid ModelKit', () =>
      getEntity('modelkit', 'support-sentiment'),
    );

    expect(entity.spec).toEqual(validModelKit.spec);
    expect(
      entity.relations
        ?.map(r => `${r.type} ${r.targetRef}`)
        .sort((a, b) => a.localeCompare(b)),
    ).toEqual([
      'dependsOn modelkit:default/sentiment-base',
      'dependsOn modelkit:default/support-tickets',
      'ownedBy group:default/nlp-team',
      'partOf system:default/customer-insights',
    ]);

    const owner = await eventually(
      'the owner to list the ModelKit',
      async () => {
        const g = await getEntity('group', 'nlp-team');
        return g?.relations?.some(r => r.type === 'ownerOf') ? g : undefined;
      },
    );
    expect(owner.relations).toContainEqual({
      type: 'ownerOf',
      targetRef: 'modelkit:default/support-sentiment',
    });
  }, 120_000);

  it('rejects an invalid ModelKit with an error naming the bad field', async () => {
    const error = await eventually('the processing error', async () =>
      processingErrors.find(
        e => e.entityRef === 'modelkit:default/broken-sentiment',
      ),
    );
    expect(error.messages).toEqual([
      expect.stringContaining(
        'spec.repository: must be an OCI repository without tag or digest, got "registry.example.com/kitstage-demo/broken-sentiment:1.0.0" (a repository names no tag or digest, but this one names tag "1.0.0")',
      ),
    ]);
    expect(error.messages[0]).toContain('ModelKitEntityProcessor');

    // Only processing errors of the invalid entity were reported.
    expect(
      processingErrors.filter(
        e => e.entityRef !== 'modelkit:default/broken-sentiment',
      ),
    ).toEqual([]);

    await expect(
      getEntity('modelkit', 'broken-sentiment'),
    ).resolves.toBeUndefined();
    const listed = await getCatalog('/entities/by-query?filter=kind=modelkit');
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: Entity[] };
    expect(items.map(e => e.metadata.name)).toEqual(['support-sentiment']);
  }, 120_000);
});
