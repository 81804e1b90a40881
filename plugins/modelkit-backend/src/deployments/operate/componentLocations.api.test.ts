// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import '../__testUtils__/allowNativeDynamicImport';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import type { ComponentDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { eventually } from '../../__testUtils__/eventually';
import { component } from '../__fixtures__/catalog';
import {
  actionsOf,
  CLUSTER,
  modelKit,
  OWNER,
} from '../__testUtils__/deliveryActionsKit';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from '../__testUtils__/startDeploymentsTestBackend';
import { decideModelKitDeploymentActions } from '../permissionPolicy';

// A delivery object's kitstage.dev/operated-by annotation may name a Component nobody has
// registered yet; whoever registers that name first owns it, and owners may operate. With
// kitstage.deployments.actions.componentLocations, only Components the real catalog read
// from a file under one of its entries take actions: the catalog itself writes the
// backstage.io/managed-by-location annotation compared here, whatever the file says. The
// origin does not count: a file under an entry that adds a kind: Location elsewhere gives
// what that other file declares its origin.

jest.setTimeout(120_000);

const SQUATTER = 'user:default/mallory';

class OwnersOperate implements PermissionPolicy {
  async handle(query: PolicyQuery, user?: PolicyQueryUser) {
    return (
      decideModelKitDeploymentActions(query, user) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
  }
}

const yaml = (entities: Entity[]) =>
  entities.map(entity => JSON.stringify(entity, null, 2)).join('\n---\n');

describe('actions only for Components registered from the configured catalog locations', () => {
  const catalogDir = createMockDirectory();
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  const target = (service: string) => ({
    cluster: CLUSTER,
    kind: 'Kustomization',
    namespace: 'flux-system',
    name: service,
    action: 'suspend',
  });

  const card = async (service: string, caller: string) => {
    const response = await backend.get(
      `/api/modelkit/deployments/components/default/${service}`,
      caller,
    );
    expect(response.status).toBe(200);
    return (response.body as ComponentDeploymentsResponse).clusters.find(
      c => c.cluster.name === CLUSTER,
    )!;
  };

  beforeAll(async () => {
    cluster = await startKubernetesSimulator({
      objects: ['platform-api', 'unclaimed-api', 'smuggled-api'].flatMap(
        service =>
          buildServiceScenario('healthy', {
            service,
            namespace: 'nlp',
            modelKit: modelKit(service),
            cluster: CLUSTER,
          }),
      ),
    });
    const squatted = component('unclaimed-api', SQUATTER);
    catalogDir.setContent({
      'acme/platform-services/catalog-info.yaml': yaml([
        component('platform-api', OWNER),
      ]),
      // A file under the configured location that adds a location elsewhere: what that
      // location declares has the configured origin, not its location.
      'acme/platform-services/team-locations.yaml': yaml([
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Location',
          metadata: { name: 'team-locations' },
          spec: {
            type: 'file',
            target: catalogDir.resolve('mallory/catalog-info.yaml'),
          },
        },
      ]),
      'mallory/catalog-info.yaml': yaml([component('smuggled-api', SQUATTER)]),
      // A repository whose name starts like the configured one, and which writes the
      // origin annotation itself: the catalog overwrites it.
      'acme/platform-services-evil/catalog-info.yaml': yaml([
        {
          ...squatted,
          metadata: {
            ...squatted.metadata,
            annotations: {
              ...squatted.metadata.annotations,
              'backstage.io/managed-by-origin-location': `file:${catalogDir.resolve(
                'acme/platform-services/catalog-info.yaml',
              )}`,
            },
          },
        },
      ]),
    });
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: CLUSTER, url: cluster.url, token: cluster.token }],
      entities: [],
      policy: new OwnersOperate(),
      config: {
        catalog: {
          rules: [
            {
              allow: [
                'Group',
                'System',
                'Component',
                'ModelKit',
                'User',
                'Location',
              ],
            },
          ],
          locations: [
            'acme/platform-services/catalog-info.yaml',
            'acme/platform-services-evil/catalog-info.yaml',
            'acme/platform-services/team-locations.yaml',
          ].map(file => ({ type: 'file', target: catalogDir.resolve(file) })),
        },
        kitstage: {
          deployments: {
            actions: {
              enabled: true,
              componentLocations: [
                `file:${catalogDir.resolve('acme/platform-services')}`,
              ],
            },
          },
        },
      },
    });
    const started = backend;
    const registered = (name: string) => async () => {
      const response = await started.call(
        'GET',
        `/api/catalog/entities/by-name/component/default/${name}`,
        'service:external:test-setup',
      );
      return response.status === 200 &&
        response.body.relations?.some(
          (r: { type: string }) => r.type === 'ownedBy',
        )
        ? true
        : undefined;
    };
    for (const name of ['platform-api', 'unclaimed-api', 'smuggled-api']) {
      await eventually(
        `component:default/${name} in the catalog`,
        registered(name),
      );
    }
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });
  beforeEach(() => cluster.clearRequests());

  it('refuses the owner of a Component registered from elsewhere, in its view and on acting, and sends nothing', async () => {
    const origin = `file:${catalogDir.resolve(
      'acme/platform-services-evil/catalog-info.yaml',
    )}`;
    const reason = `component:default/unclaimed-api was registered from ${JSON.stringify(
      origin,
    )}, which is not under kitstage.deployments.actions.componentLocations; actions are done only for Components registered from a catalog location under kitstage.deployments.actions.componentLocations, so that no one can take a name a delivery object's kitstage.dev/operated-by annotation gives by registering it first`;
    // The delivery objects do name the squatted Component.
    expect((await card('unclaimed-api', SQUATTER)).actions).toEqual({
      enabled: true,
      permitted: false,
      prune: false,
      reason,
    });
    const response = await backend.call(
      'POST',
      actionsOf('unclaimed-api'),
      SQUATTER,
      target('unclaimed-api'),
    );
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(reason);
    expect(cluster.countRequests({ verb: 'get' })).toBe(0);
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
  });

  it('refuses the owner of a Component read from elsewhere through a Location under a configured location', async () => {
    const entity = await backend.call(
      'GET',
      '/api/catalog/entities/by-name/component/default/smuggled-api',
      'service:external:test-setup',
    );
    // The catalog gives it the configured origin: the origin alone would let it act.
    expect(
      entity.body.metadata.annotations[
        'backstage.io/managed-by-origin-location'
      ],
    ).toBe(
      `file:${catalogDir.resolve(
        'acme/platform-services/team-locations.yaml',
      )}`,
    );
    const reason = `component:default/smuggled-api was registered from ${JSON.stringify(
      `file:${catalogDir.resolve('mallory/catalog-info.yaml')}`,
    )}, which is not under kitstage.deployments.actions.componentLocations; actions are done only for Components registered from a catalog location under kitstage.deployments.actions.componentLocations, so that no one can take a name a delivery object's kitstage.dev/operated-by annotation gives by registering it first`;
    expect((await card('smuggled-api', SQUATTER)).actions).toEqual({
      enabled: true,
      permitted: false,
      prune: false,
      reason,
    });
    const response = await backend.call(
      'POST',
      actionsOf('smuggled-api'),
      SQUATTER,
      target('smuggled-api'),
    );
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(reason);
    expect(cluster.countRequests({ verb: 'get' })).toBe(0);
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
  });

  it('lets the owner of a Component registered from a configured location act', async () => {
    expect((await card('platform-api', OWNER)).actions).toEqual({
      enabled: true,
      permitted: true,
      prune: false,
    });
    const response = await backend.call(
      'POST',
      actionsOf('platform-api'),
      OWNER,
      target('platform-api'),
    );
    expect(response.status).toBe(200);
    expect(cluster.countRequests({ verb: 'patch', status: 200 })).toBe(1);
  });
});
