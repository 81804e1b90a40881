import { resolve } from 'node:path';
import {
  BackendFeature,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogModuleModelKit from '@kitstage/plugin-catalog-backend-module-modelkit';
import { modelkitReadPermission } from '@kitstage/plugin-modelkit-common';
import {
  modelkitRegistryServiceRef,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  buildTestContainerImage,
  buildTestModelKit,
  LoopbackServer,
  startLoopbackServer,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import request from 'supertest';
import { modelkitPlugin } from '../plugin';
import {
  authWithActors,
  permissionPolicyModule,
  TestPermissionPolicy,
} from './permissionTestFeatures';
import { eventually } from './eventually';

/**
 * The demo image layout of the repository.
 *
 * @internal
 */
export const DEMO_LAYOUT = resolve(
  __dirname,
  '../../../../examples/oci-layout',
);

/**
 * The registry host the demo image layout stands for.
 *
 * @internal
 */
export const DEMO_HOST = 'registry.example.com';

/**
 * Users of the test permission policy.
 *
 * @internal
 */
export const USERS = {
  /** May read everything. */
  reader: 'user:default/reader',
  /** May not read any catalog entity. */
  outsider: 'user:default/outsider',
  /** May read entities, but not the registry data of any ModelKit. */
  viewer: 'user:default/viewer',
  /** May read the registry data of the ModelKits group:nlp-team owns. */
  nlpMember: 'user:default/nlp-member',
};

/**
 * The policy of the test permission backend: `catalog.entity.read` is denied to the outsider,
 * `kitstage.modelkit.read` to the viewer and, through a catalog condition the catalog itself
 * evaluates, allowed to the NLP team member for the ModelKits that group owns only.
 */
const TEST_POLICY = new TestPermissionPolicy([
  {
    user: USERS.outsider,
    permission: catalogEntityReadPermission,
    decision: 'deny',
  },
  { user: USERS.viewer, permission: modelkitReadPermission, decision: 'deny' },
  {
    user: USERS.nlpMember,
    permission: modelkitReadPermission,
    decision: { ownedBy: ['group:default/nlp-team'] },
  },
]);

/** A plugin that hands out its registry service, whose request counters span the backend. */
function registryProbe(
  onService: (service: RegistryService) => void,
): BackendFeature {
  return createBackendPlugin({
    pluginId: 'registry-probe',
    register(env) {
      env.registerInit({
        deps: { registries: modelkitRegistryServiceRef },
        async init({ registries }) {
          onService(registries);
        },
      });
    },
  });
}

const created = (day: string) => ({
  'org.opencontainers.image.created': `${day}T08:00:00Z`,
});

function kitfile(version: string, datasets: string[]) {
  return {
    package: {
      name: 'sentiment',
      version,
      description: 'Classifies support tickets',
      license: 'Apache-2.0',
    },
    model: {
      name: 'sentiment',
      path: 'model/weights.safetensors',
      framework: 'transformers',
      parts: [
        {
          name: 'adapter',
          path: 'model/adapter.safetensors',
          type: 'lora-adapter',
        },
      ],
    },
    code: [{ path: 'inference.py' }],
    datasets: datasets.map(path => ({
      name: path.replace(/^data\/|\.csv$/g, ''),
      path,
    })),
    docs: [{ path: 'README.md' }],
  };
}

/**
 * What the test registries hold.
 *
 * @internal
 */
export interface TestArtifacts {
  /** `team/sentiment:v1.0.0`. */
  v1: TestArtifact;
  /** `team/sentiment:v1.1.0`. */
  v11: TestArtifact;
  /** `team/sentiment:v2.0.0` and `:latest`. */
  v2: TestArtifact;
  /** `team/sentiment:runtime`, a container image. */
  image: TestArtifact;
  /** `team/secret:v1`, owned by the security team. */
  secret: TestArtifact;
  /** `team/broken:v1`, a ModelKit whose Kitfile is invalid. */
  broken: TestArtifact;
}

/**
 * A running backend with the catalog, permissions and the modelkit plugin, and its data.
 *
 * @internal
 */
export interface ApiTestBackend {
  backend: TestBackend;
  /** The docker-registry named `main`. */
  main: TestRegistry;
  /** The docker-registry named `doomed`, with basic authentication, for tests that stop it. */
  doomed: TestRegistry;
  /**
   * The registry named `liar`: serves `team/liar:v1` with a manifest whose digest is not the
   * one it claims, and never answers the tag list of `team/slow`.
   */
  liar: LoopbackServer;
  /** Requests for the tag list of `team/slow` whose connection has been closed. */
  slowRequestsClosed(): number;
  artifacts: TestArtifacts;
  /** Requests the backend has made to a registry so far. */
  registryRequests(name: string): number;
  /** A GET on the backend as `user` (an entity ref), or without credentials for `none`. */
  get(path: string, user?: string | 'none'): request.Test;
  stop(): Promise<void>;
}

function modelKit(name: string, owner: string, repository: string): Entity {
  return {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name },
    spec: { type: 'model', owner, lifecycle: 'production', repository },
  };
}

/**
 * Starts two real `docker-registry` processes filled with ModelKits, a loopback registry that
 * lies about digests, and a backend with the real catalog (SQLite in memory, the Kitstage
 * catalog module, a `file` location plus `examples/modelkits.yaml`), the real permission
 * backend with the test policy (`TEST_POLICY`), and the modelkit plugin reading the registries and the
 * demo image layout. Resolves once the catalog serves every test entity with its relations.
 *
 * @internal
 */
export async function startApiTestBackend(): Promise<ApiTestBackend> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop();
    }
  };
  try {
    const main = await startTestRegistry();
    stops.push(() => main.stop());
    const doomed = await startTestRegistry({ auth: 'htpasswd' });
    stops.push(() => doomed.stop());

    const artifacts: TestArtifacts = {
      v1: await buildTestModelKit({
        kitfile: kitfile('1.0.0', ['data/eval.csv']),
        files: { 'model/adapter.safetensors': 'adapter 1', 'README.md': '# 1' },
        annotations: created('2026-01-10'),
      }),
      v11: await buildTestModelKit({
        kitfile: kitfile('1.1.0', ['data/eval.csv']),
        files: { 'model/adapter.safetensors': 'adapter 2', 'README.md': '# 1' },
        annotations: created('2026-02-10'),
      }),
      v2: await buildTestModelKit({
        kitfile: kitfile('2.0.0', ['data/eval.csv', 'data/extra.csv']),
        files: { 'model/adapter.safetensors': 'adapter 3', 'README.md': '# 2' },
        annotations: created('2026-03-10'),
      }),
      image: await buildTestContainerImage(),
      secret: await buildTestModelKit({
        kitfile: {
          package: { name: 'secret', version: '0.1.0' },
          model: { path: 'model.bin' },
        },
        annotations: created('2026-01-01'),
      }),
      broken: await buildTestModelKit({
        kitfile: {
          package: { name: 'broken', version: '1.0.0' },
          model: { path: 'model.bin', parts: [{ path: 'part.bin', name: 7 }] },
        },
      }),
    };
    await main.pusher.push('team/sentiment', artifacts.v1, ['v1.0.0']);
    await main.pusher.push('team/sentiment', artifacts.v11, ['v1.1.0']);
    await main.pusher.push('team/sentiment', artifacts.v2, [
      'v2.0.0',
      'latest',
    ]);
    await main.pusher.push('team/sentiment', artifacts.image, ['runtime']);
    await main.pusher.push('team/secret', artifacts.secret, ['v1']);
    await main.pusher.push('team/broken', artifacts.broken, ['v1']);
    await doomed.pusher.push('team/flaky', artifacts.v1, ['v1.0.0']);

    let slowRequestsClosed = 0;
    const liar = await startLoopbackServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://liar').pathname;
      if (path === '/v2/team/slow/tags/list') {
        res.once('close', () => {
          slowRequestsClosed++;
        });
        return;
      }
      if (path === '/v2/') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else if (path === '/v2/team/liar/tags/list') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ name: 'team/liar', tags: ['v1'] }));
      } else if (path === '/v2/team/liar/manifests/v1') {
        res
          .writeHead(200, {
            'content-type': artifacts.v1.mediaType,
            'docker-content-digest': artifacts.v2.digest,
          })
          .end(req.method === 'HEAD' ? undefined : artifacts.v1.raw);
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      }
    });
    stops.push(() => liar.close());

    const catalogDir = createMockDirectory();
    const entities: Entity[] = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'nlp-team' },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'security-team' },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sentiment-service' },
        spec: {
          type: 'service',
          owner: 'group:nlp-team',
          lifecycle: 'production',
        },
      },
      modelKit('sentiment', 'group:nlp-team', `${main.host}/team/sentiment`),
      modelKit('secret', 'group:security-team', `${main.host}/team/secret`),
      modelKit('broken', 'group:nlp-team', `${main.host}/team/broken`),
      modelKit('gone', 'group:nlp-team', `${main.host}/team/gone`),
      modelKit('flaky', 'group:nlp-team', `${doomed.host}/team/flaky`),
      modelKit('liar', 'group:nlp-team', `${liar.host}/team/liar`),
      modelKit('slow', 'group:nlp-team', `${liar.host}/team/slow`),
      modelKit(
        'elsewhere',
        'group:nlp-team',
        'registry.unconfigured.example/team/model',
      ),
    ];
    // JSON documents are YAML documents: the file is serialised, never pasted together.
    catalogDir.setContent({
      'catalog-info.yaml': entities
        .map(entity => JSON.stringify(entity, null, 2))
        .join('\n---\n'),
    });

    let registries: RegistryService | undefined;
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Group', 'Component', 'ModelKit'] }],
              locations: [
                {
                  type: 'file',
                  target: catalogDir.resolve('catalog-info.yaml'),
                },
                {
                  type: 'file',
                  target: resolve(
                    __dirname,
                    '../../../../examples/modelkits.yaml',
                  ),
                },
              ],
            },
            // The entities come from the file locations; the catalog module's entity
            // provider stays off, so the registries see only the API's requests. The two
            // files are trusted as if the provider had emitted them.
            kitstage: {
              provenance: {
                trustedLocations: [
                  `file:${catalogDir.resolve('catalog-info.yaml')}`,
                  `file:${resolve(
                    __dirname,
                    '../../../../examples/modelkits.yaml',
                  )}`,
                ],
              },
              registries: [
                main.configEntry('main', { ingest: false }),
                doomed.configEntry('doomed', {
                  ingest: false,
                  limits: { maxRetries: 0, connectTimeout: { seconds: 2 } },
                }),
                {
                  name: 'liar',
                  url: liar.url,
                  ingest: false,
                  limits: { maxRetries: 0 },
                },
                {
                  name: 'demo',
                  type: 'oci-layout',
                  path: DEMO_LAYOUT,
                  host: DEMO_HOST,
                  ingest: false,
                },
              ],
            },
          },
        }),
        authWithActors,
        catalogPlugin,
        catalogModuleModelKit,
        permissionPlugin,
        permissionPolicyModule('test-policy', TEST_POLICY),
        modelkitPlugin,
        registryProbe(service => {
          registries = service;
        }),
      ],
    });
    stops.push(() => backend.stop());

    const get = (path: string, user: string | 'none' = USERS.reader) =>
      request(backend.server)
        .get(path)
        .set(
          'authorization',
          user === 'none'
            ? mockCredentials.none.header()
            : mockCredentials.user.header(user),
        );

    // Every entity is served, and ownership is stitched (the conditional policy needs it).
    for (const entity of entities) {
      const ref = `${entity.kind}/default/${entity.metadata.name}`;
      await eventually(`${ref} in the catalog`, async () => {
        const response = await get(`/api/catalog/entities/by-name/${ref}`);
        return response.status === 200 &&
          (entity.kind === 'Group' ||
            response.body.relations?.some(
              (r: { type: string }) => r.type === 'ownedBy',
            ))
          ? true
          : undefined;
      });
    }
    await eventually('the demo ModelKits in the catalog', async () => {
      const response = await get(
        '/api/catalog/entities/by-name/modelkit/default/fraud-detector',
      );
      return response.status === 200 ? true : undefined;
    });

    return {
      backend,
      main,
      doomed,
      liar,
      slowRequestsClosed: () => slowRequestsClosed,
      artifacts,
      registryRequests(name) {
        const counts = registries
          ?.getRequestCounts()
          .find(c => c.registry === name);
        if (!counts) {
          throw new Error(`No request counts for registry ${name}`);
        }
        return counts.total;
      },
      get,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The size the API reports for a version: config plus layers.
 *
 * @internal
 */
export function sizeOf(artifact: TestArtifact): number {
  const manifest = artifact.manifest as {
    config: { size: number };
    layers: Array<{ size: number }>;
  };
  return manifest.layers.reduce(
    (total, layer) => total + layer.size,
    manifest.config.size,
  );
}
