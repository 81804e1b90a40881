import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  dynamicPluginsFeatureLoader,
  DynamicPlugin,
  dynamicPluginsServiceRef,
} from '@backstage/backend-dynamic-feature-service';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';

// Loads the dynamic plugin exports of scripts/export-dynamic.sh through Backstage's dynamic
// feature service, the way Red Hat Developer Hub loads them: the catalog and the scaffolder
// are the host's, the three Kitstage backend packages come only from the exports, and the
// ModelKits come from the demo image layout of the repository.

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, '../../..');
const EXPORTS =
  process.env.KITSTAGE_DYNAMIC_PLUGINS ?? join(ROOT, 'dist-dynamic');
const BACKEND_EXPORTS = [
  'kitstage-plugin-modelkit-backend-dynamic',
  'kitstage-plugin-catalog-backend-module-modelkit-dynamic',
  'kitstage-plugin-scaffolder-backend-module-modelkit-dynamic',
];
const FRONTEND_EXPORT = 'kitstage-plugin-modelkit-dynamic';

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`gave up waiting for ${what}: ${last ?? 'no answer yet'}`);
}

describe('the Kitstage dynamic plugin exports', () => {
  let rootDirectory: string;
  let backend: TestBackend;
  let loaded: DynamicPlugin[] = [];
  let withFrontend = false;

  const get = (path: string) =>
    request(backend.server)
      .get(path)
      .set('authorization', mockCredentials.user.header());

  beforeAll(async () => {
    const available = await readdir(EXPORTS).catch(() => {
      throw new Error(
        `${EXPORTS} does not exist: run scripts/export-dynamic.sh first`,
      );
    });
    const missing = BACKEND_EXPORTS.filter(name => !available.includes(name));
    if (missing.length > 0) {
      throw new Error(
        `${EXPORTS} lacks ${missing.join(
          ', ',
        )}: run scripts/export-dynamic.sh first`,
      );
    }
    withFrontend = available.includes(FRONTEND_EXPORT);

    // The exports are copied, as an installer would, into a directory of the host backend's
    // root (as Red Hat Developer Hub's dynamic-plugins-root is): the loader lets them resolve
    // the host's node_modules for the shared @backstage packages and their own for the rest.
    await mkdir(join(ROOT, '.kitstage'), { recursive: true });
    rootDirectory = await mkdtemp(join(ROOT, '.kitstage', 'dynamic-plugins-'));
    for (const name of [
      ...BACKEND_EXPORTS,
      ...(withFrontend ? [FRONTEND_EXPORT] : []),
    ]) {
      await cp(join(EXPORTS, name), join(rootDirectory, name), {
        recursive: true,
      });
    }

    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            dynamicPlugins: { rootDirectory },
            catalog: {
              rules: [{ allow: ['ModelKit', 'Location'] }],
            },
            kitstage: {
              registries: [
                {
                  name: 'demo',
                  type: 'oci-layout',
                  path: join(ROOT, 'examples/oci-layout'),
                  host: 'registry.example.com',
                  include: ['kitstage-demo/*'],
                  defaults: { owner: 'group:default/ml-platform' },
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 5 },
                    initialDelay: { seconds: 0 },
                  },
                },
              ],
            },
          },
        }),
        schedulerServiceFactory,
        dynamicPluginsFeatureLoader,
        catalogPlugin,
        scaffolderPlugin,
        createBackendPlugin({
          pluginId: 'dynamic-plugins-probe',
          register(env) {
            env.registerInit({
              deps: { dynamicPlugins: dynamicPluginsServiceRef },
              async init({ dynamicPlugins }) {
                loaded = dynamicPlugins.plugins({ includeFailed: true });
              },
            });
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    if (rootDirectory) {
      await rm(rootDirectory, { recursive: true, force: true });
    }
  });

  it('loads the three backend exports, none failed', () => {
    const backends = loaded
      .filter(plugin => plugin.platform === 'node')
      .map(plugin => ({ name: plugin.name, failure: plugin.failure }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(backends).toEqual([
      {
        name: '@kitstage/plugin-catalog-backend-module-modelkit-dynamic',
        failure: undefined,
      },
      { name: '@kitstage/plugin-modelkit-backend-dynamic', failure: undefined },
      {
        name: '@kitstage/plugin-scaffolder-backend-module-modelkit-dynamic',
        failure: undefined,
      },
    ]);
  });

  it('finds the frontend export as a frontend plugin, when it was exported', async () => {
    const frontends = loaded
      .filter(plugin => plugin.platform === 'web')
      .map(plugin => plugin.name);
    expect(frontends).toEqual(
      withFrontend ? ['@kitstage/plugin-modelkit-dynamic'] : [],
    );
    // The Scalprum name is the key of the frontend plugin's wiring in Developer Hub.
    const scalprumName = withFrontend
      ? JSON.parse(
          await readFile(
            join(
              rootDirectory,
              FRONTEND_EXPORT,
              'dist-scalprum/plugin-manifest.json',
            ),
            'utf8',
          ),
        ).name
      : undefined;
    expect(scalprumName).toBe(
      withFrontend ? 'kitstage.plugin-modelkit' : undefined,
    );
  });

  it('serves the frontend export to the new frontend system when it has module federation assets', async () => {
    const federated =
      withFrontend &&
      (await readFile(
        join(rootDirectory, FRONTEND_EXPORT, 'dist/mf-manifest.json'),
      ).then(
        () => true,
        () => false,
      ));
    const response = await request(backend.server).get(
      '/.backstage/dynamic-features/remotes',
    );
    expect(response.status).toBe(200);
    const remotes = (
      response.body as Array<{
        packageName: string;
        remoteInfo: { name: string; entry: string };
      }>
    ).filter(
      remote => remote.packageName === '@kitstage/plugin-modelkit-dynamic',
    );
    expect(remotes).toHaveLength(federated ? 1 : 0);
    const entry = federated
      ? await request(backend.server).get(
          new URL(remotes[0].remoteInfo.entry).pathname,
        )
      : undefined;
    expect(entry?.status).toBe(federated ? 200 : undefined);
    expect(entry?.body.name).toBe(
      federated ? remotes[0].remoteInfo.name : undefined,
    );
  });

  it('answers /api/modelkit/health', async () => {
    const response = await request(backend.server).get('/api/modelkit/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('ingests the demo ModelKits through the catalog module and lists their versions through the backend plugin', async () => {
    const modelKits = await until(
      'the ModelKits of the demo layout',
      async () => {
        const response = await get(
          '/api/catalog/entities?filter=kind=ModelKit',
        );
        return response.status === 200 && response.body.length > 0
          ? (response.body as Array<{
              metadata: { name: string; namespace?: string };
              spec: { repository: string };
            }>)
          : undefined;
      },
    );
    const sentiment = modelKits.find(
      entity =>
        entity.spec.repository ===
        'registry.example.com/kitstage-demo/sentiment-base',
    );
    expect(sentiment).toBeDefined();

    const response = await get(
      `/api/modelkit/modelkits/${sentiment!.metadata.namespace ?? 'default'}/${
        sentiment!.metadata.name
      }/versions`,
    );
    expect(response.status).toBe(200);
    expect(response.body.repository).toBe(
      'registry.example.com/kitstage-demo/sentiment-base',
    );
    expect(response.body.items.length).toBeGreaterThan(0);
    for (const item of response.body.items) {
      expect(item.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it('registers the scaffolder actions of the scaffolder module', async () => {
    const response = await get('/api/scaffolder/v2/actions');
    expect(response.status).toBe(200);
    expect(response.body.map((action: { id: string }) => action.id)).toEqual(
      expect.arrayContaining(['kitstage:modelkit:promote']),
    );
  });
});
