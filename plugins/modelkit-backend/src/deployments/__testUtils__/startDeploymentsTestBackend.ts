// Must come first: the Kubernetes backend below imports an ESM-only package dynamically.
import './allowNativeDynamicImport';
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { kubernetesResourcesReadPermission } from '@backstage/plugin-kubernetes-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import catalogModuleModelKit from '@kitstage/plugin-catalog-backend-module-modelkit';
import { modelkitReadPermission } from '@kitstage/plugin-modelkit-common';
import request from 'supertest';
import { modelkitPlugin } from '../../plugin';
import {
  authWithActors,
  permissionPolicyModule,
  TestPermissionPolicy,
} from '../../__testUtils__/permissionTestFeatures';
import { eventually } from '../../__testUtils__/eventually';

/** Users of the test permission policy. */
export const TEST_USERS = {
  /** May read everything. */
  reader: 'user:default/reader',
  /** May not read any catalog entity. */
  outsider: 'user:default/outsider',
  /** May read entities, but not Kubernetes resources. */
  noKubernetes: 'user:default/no-kubernetes',
  /**
   * May read every entity, but the Kitstage data (`kitstage.modelkit.read`) of the platform
   * team's entities only.
   */
  platformMember: 'user:default/platform-member',
};

/**
 * `catalog.entity.read` is denied to the outsider, `kubernetes.resources.read` to noKubernetes,
 * `kitstage.modelkit.read` to the platform member outside the platform team's entities.
 */
const TEST_POLICY = new TestPermissionPolicy([
  {
    user: TEST_USERS.outsider,
    permission: catalogEntityReadPermission,
    decision: 'deny',
  },
  {
    user: TEST_USERS.noKubernetes,
    permission: kubernetesResourcesReadPermission,
    decision: 'deny',
  },
  {
    user: TEST_USERS.platformMember,
    permission: modelkitReadPermission,
    decision: { ownedBy: ['group:default/platform-team'] },
  },
]);

/** A cluster as configured under `kubernetes.clusterLocatorMethods`. */
export interface TestCluster {
  name: string;
  url: string;
  token: string;
}

/** Options for {@link startDeploymentsTestBackend}. */
export interface DeploymentsTestBackendOptions {
  clusters: TestCluster[];
  /** Catalog entities, served from a `file` location. */
  entities: Entity[];
  /** The `kitstage` config section (registries, deployments). */
  kitstage?: JsonObject;
  /**
   * Catalog entities served from a second `file` location that is not listed under
   * `kitstage.provenance.trustedLocations`, like entities users register by hand.
   */
  untrustedEntities?: Entity[];
  /** The permission policy; defaults to the test policy (`TEST_POLICY`). */
  policy?: PermissionPolicy;
  /** More features, such as a policy status service or a mock auditor's factory. */
  features?: BackendFeature[];
  /**
   * More configuration, merged into the test backend's own (objects key by key, anything
   * else replaced), e.g. `backend.actions` or `kitstage.registries`.
   */
  config?: JsonObject;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `extra` merged into `base`: objects key by key, anything else replaced. */
function mergeConfig(base: JsonObject, extra: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] =
      isObject(current) && isObject(value)
        ? mergeConfig(current, value)
        : value;
  }
  return merged;
}

/**
 * Who calls: a user entity ref, `service:<subject>` for a service principal, or `none`.
 */
export type TestCaller = string;

function authorizationOf(caller: TestCaller, path: string): string {
  if (caller === 'none') return mockCredentials.none.header();
  if (caller.startsWith('service:')) {
    return mockCredentials.service.header({
      onBehalfOf: mockCredentials.service(caller.slice('service:'.length)),
      // A service token is issued for the plugin it calls.
      targetPluginId: path.split('/')[2],
    });
  }
  return mockCredentials.user.header(caller);
}

/** A running backend and a way to call it. */
export interface DeploymentsTestBackend {
  backend: TestBackend;
  /** A GET on the backend as a user (an entity ref), or without credentials for `none`. */
  get(path: string, user?: string | 'none'): request.Test;
  /** A request on the backend as any caller. */
  call(
    method: 'GET' | 'POST',
    path: string,
    caller: TestCaller,
    body?: object,
  ): request.Test;
  stop(): Promise<void>;
}

/**
 * Starts one backend with the real Kubernetes backend configured to the given (simulated)
 * clusters with `serviceAccount` auth, the real catalog (SQLite in memory, the Kitstage
 * catalog module, a `file` location), the real permission backend with the test policy (`TEST_POLICY`),
 * and the modelkit plugin. Resolves once the catalog serves every entity with its relations.
 */
export async function startDeploymentsTestBackend(
  options: DeploymentsTestBackendOptions,
): Promise<DeploymentsTestBackend> {
  const catalogDir = createMockDirectory();
  // JSON documents are YAML documents: the file is serialised, never pasted together.
  const yaml = (entities: Entity[]) =>
    entities.map(entity => JSON.stringify(entity, null, 2)).join('\n---\n');
  catalogDir.setContent({
    'catalog-info.yaml': yaml(options.entities),
    'registered-by-hand.yaml': yaml(options.untrustedEntities ?? []),
  });
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: mergeConfig(
          {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            permission: { enabled: true },
            catalog: {
              rules: [
                { allow: ['Group', 'System', 'Component', 'ModelKit', 'User'] },
              ],
              locations: [
                {
                  type: 'file',
                  target: catalogDir.resolve('catalog-info.yaml'),
                },
                ...(options.untrustedEntities?.length
                  ? [
                      {
                        type: 'file',
                        target: catalogDir.resolve('registered-by-hand.yaml'),
                      },
                    ]
                  : []),
              ],
            },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: options.clusters.map(cluster => ({
                    name: cluster.name,
                    title: `${cluster.name} (simulated)`,
                    url: cluster.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: cluster.token,
                    skipTLSVerify: true,
                    skipMetricsLookup: true,
                  })),
                },
              ],
            },
            // The file's ModelKits are trusted as if the registry provider emitted them.
            kitstage: {
              provenance: {
                trustedLocations: [
                  `file:${catalogDir.resolve('catalog-info.yaml')}`,
                ],
              },
              ...options.kitstage,
            },
          },
          options.config ?? {},
        ),
      }),
      authWithActors,
      catalogPlugin,
      catalogModuleModelKit,
      permissionPlugin,
      permissionPolicyModule(
        'deployments-test-policy',
        options.policy ?? TEST_POLICY,
      ),
      kubernetesPlugin,
      modelkitPlugin,
      ...(options.features ?? []),
    ],
  });

  const call = (
    method: 'GET' | 'POST',
    path: string,
    caller: TestCaller,
    body?: object,
  ) => {
    const test = (
      method === 'GET'
        ? request(backend.server).get(path)
        : request(backend.server)
            .post(path)
            .send(body ?? {})
    ).set('authorization', authorizationOf(caller, path));
    return test;
  };
  const get = (path: string, user: string | 'none' = TEST_USERS.reader) =>
    call('GET', path, user);

  try {
    for (const entity of [
      ...options.entities,
      ...(options.untrustedEntities ?? []),
    ]) {
      const ref = `${entity.kind}/${entity.metadata.namespace ?? 'default'}/${
        entity.metadata.name
      }`;
      await eventually(`${ref} in the catalog`, async () => {
        // As a service, which every policy lets read the whole catalog.
        const response = await call(
          'GET',
          `/api/catalog/entities/by-name/${ref}`,
          'service:external:test-setup',
        );
        const owned = (entity.spec as { owner?: unknown } | undefined)?.owner;
        return response.status === 200 &&
          (!owned ||
            response.body.relations?.some(
              (r: { type: string }) => r.type === 'ownedBy',
            ))
          ? true
          : undefined;
      });
    }
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return { backend, get, call, stop: () => backend.stop() };
}
