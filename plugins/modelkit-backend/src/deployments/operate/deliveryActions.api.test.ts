// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import '../__testUtils__/allowNativeDynamicImport';
import { AuditorService } from '@backstage/backend-plugin-api';
import { mockCredentials, ServiceMock } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import type {
  ComponentDeploymentsResponse,
  DeliveryActionRequest,
} from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import supertest from 'supertest';
import { component } from '../__fixtures__/catalog';
import {
  actionsOf,
  CLUSTER,
  deliveryEvents,
  modelKit,
  OWNER,
  recordingAuditor,
  withoutPreconditions,
} from '../__testUtils__/deliveryActionsKit';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from '../__testUtils__/startDeploymentsTestBackend';
import { decideModelKitDeploymentActions } from '../permissionPolicy';

// The real Kubernetes backend, catalog and permission backend with the modelkit plugin, in
// front of the loopback Kubernetes simulator: each action must reach the cluster as the exact
// merge patch its controller expects, and only for an owner of the Component, on one of the
// Component's own delivery objects, while actions are enabled. Every attempt is audited.

jest.setTimeout(120_000);

const STRANGER = 'user:default/mallory';
const SERVICE = 'service:external:automation';

/** The default decision of Kitstage for the operate permission; everything else allowed. */
class OwnersOperate implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return (
      decideModelKitDeploymentActions(query, user) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
  }
}

const OBJECTS = [
  ...buildServiceScenario('healthy', {
    service: 'flux-api',
    namespace: 'nlp',
    modelKit: modelKit('flux-api'),
    cluster: CLUSTER,
  }),
  ...buildServiceScenario('healthy', {
    service: 'helm-api',
    namespace: 'nlp',
    delivery: 'helm-release',
    modelKit: modelKit('helm-api'),
    cluster: CLUSTER,
  }),
  ...buildServiceScenario('healthy', {
    service: 'argo-api',
    namespace: 'nlp',
    delivery: 'argocd',
    modelKit: modelKit('argo-api'),
    cluster: CLUSTER,
  }),
  ...buildServiceScenario('healthy', {
    service: 'other-api',
    namespace: 'risk',
    modelKit: modelKit('other-api'),
    cluster: CLUSTER,
  }),
];

const ENTITIES = [
  component('flux-api', OWNER),
  component('helm-api', OWNER),
  component('argo-api', OWNER),
  component('other-api', 'user:default/someone-else'),
];

describe('actions on delivery objects', () => {
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;
  let auditor: ServiceMock<AuditorService>;

  /** The uid the cluster holds now for the object at a path of its API. */
  const uidAt = async (path: string) => {
    const response = await fetch(`${cluster.url}${path}`, {
      headers: { authorization: `Bearer ${cluster.token}` },
    });
    return ((await response.json()) as { metadata: { uid: string } }).metadata
      .uid;
  };

  /**
   * The patches the cluster received. Each must name the uid of the object it changes, and
   * the resource version it had when it was read just before (by a GET of the same path), as
   * its preconditions; that is checked here and both left out of what is returned.
   */
  const patches = async () => {
    const result = [];
    for (const [index, request] of cluster.requests.entries()) {
      if (request.method !== 'PATCH') continue;
      const { path, contentType, body, status } = request;
      const { metadata } = body as {
        metadata: { uid?: string; resourceVersion?: string };
      };
      expect(metadata.uid).toBe(await uidAt(path));
      const read = cluster.requests
        .slice(0, index)
        .reverse()
        .find(r => r.verb === 'get' && r.path === path);
      expect(read?.status).toBe(200);
      expect(metadata.resourceVersion).toMatch(/^\d+$/);
      result.push({
        path,
        contentType,
        body: withoutPreconditions(body),
        status,
      });
    }
    return result;
  };

  const act = (
    service: string,
    request: DeliveryActionRequest,
    caller = OWNER,
  ) => backend.call('POST', actionsOf(service), caller, request);

  const view = async (name: string, caller = OWNER) => {
    const response = await backend.get(
      `/api/modelkit/deployments/components/default/${name}`,
      caller,
    );
    expect(response.status).toBe(200);
    return response.body as ComponentDeploymentsResponse;
  };

  beforeAll(async () => {
    cluster = await startKubernetesSimulator({ objects: OBJECTS });
    auditor = recordingAuditor();
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: CLUSTER, url: cluster.url, token: cluster.token }],
      entities: ENTITIES,
      policy: new OwnersOperate(),
      features: [auditor.factory],
      config: { kitstage: { deployments: { actions: { enabled: true } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });
  beforeEach(() => {
    cluster.clearRequests();
    (auditor.createEvent as jest.Mock).mockClear();
  });

  it('tells the owner, and only the owner, that the actions are available', async () => {
    const actionsOn = async (caller: string) =>
      (await view('flux-api', caller)).clusters.find(
        c => c.cluster.name === CLUSTER,
      )!.actions;
    expect(await actionsOn(OWNER)).toEqual({
      enabled: true,
      permitted: true,
      prune: false,
    });
    expect(await actionsOn(STRANGER)).toEqual({
      enabled: true,
      permitted: false,
      prune: false,
      reason:
        'Acting on the delivery objects of component:default/flux-api needs the permission kitstage.deployments.operate',
    });
  });

  it('offers the actions on the fleet page to a signed-in user, not to a service, also on a revalidated page', async () => {
    const fleet = await backend.get('/api/modelkit/deployments/fleet', OWNER);
    expect(fleet.status).toBe(200);
    expect(fleet.body.actions).toEqual({ offered: true });
    expect(fleet.body.services.length).toBeGreaterThan(0);
    const again = await backend
      .get('/api/modelkit/deployments/fleet', OWNER)
      .set('If-None-Match', fleet.headers.etag);
    expect(again.status).toBe(304);
    const asService = await backend.call(
      'GET',
      '/api/modelkit/deployments/fleet',
      SERVICE,
    );
    expect(asService.status).toBe(200);
    expect(asService.body.actions).toEqual({
      offered: false,
      reason: 'Only a signed-in user may act on delivery objects',
    });
  });

  it('reconciles a Kustomization with a fresh requestedAt annotation, and audits it', async () => {
    const before = Date.now();
    const response = await act('flux-api', {
      cluster: CLUSTER,
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'flux-api',
      action: 'reconcile',
    });
    expect(response.status).toBe(200);
    const requestedAt =
      response.body.patch.metadata.annotations[
        'reconcile.fluxcd.io/requestedAt'
      ];
    expect(Date.parse(requestedAt)).toBeGreaterThanOrEqual(before);
    expect(await patches()).toEqual([
      {
        path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/flux-api',
        contentType: 'application/merge-patch+json',
        body: {
          metadata: {
            annotations: { 'reconcile.fluxcd.io/requestedAt': requestedAt },
          },
        },
        status: 200,
      },
    ]);
    expect(response.body).toMatchObject({
      action: 'reconcile',
      cluster: CLUSTER,
      object: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'flux-api',
      },
      requestedAt,
    });
    expect(await deliveryEvents(auditor)).toEqual([
      {
        outcome: 'success',
        error: undefined,
        meta: {
          actor: OWNER,
          component: 'component:default/flux-api',
          cluster: CLUSTER,
          object: 'Kustomization flux-system/flux-api',
          action: 'reconcile',
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          effect: 'Flux reconciles the Kustomization now',
          patch: response.body.patch,
          resourceVersion: response.body.resourceVersion,
          outcome: 'succeeded',
        },
      },
    ]);
  });

  it('suspends and resumes a Kustomization and its GitRepository, and the view shows it at once', async () => {
    const target = {
      cluster: CLUSTER,
      namespace: 'flux-system',
      name: 'flux-api',
    };
    const delivery = async () =>
      (await view('flux-api')).clusters.find(c => c.cluster.name === CLUSTER)!
        .deliveries[0];

    expect(
      (
        await act('flux-api', {
          ...target,
          kind: 'Kustomization',
          action: 'suspend',
        })
      ).status,
    ).toBe(200);
    expect((await delivery()).suspended).toBe(true);
    expect(
      (
        await act('flux-api', {
          ...target,
          kind: 'GitRepository',
          action: 'suspend',
        })
      ).status,
    ).toBe(200);
    expect((await delivery()).source?.suspended).toBe(true);
    expect(
      (
        await act('flux-api', {
          ...target,
          kind: 'Kustomization',
          action: 'resume',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await act('flux-api', {
          ...target,
          kind: 'GitRepository',
          action: 'resume',
        })
      ).status,
    ).toBe(200);
    const after = await delivery();
    expect(after.suspended).toBe(false);
    expect(after.source?.suspended).toBe(false);

    expect((await patches()).map(({ path, body }) => ({ path, body }))).toEqual(
      [
        {
          path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/flux-api',
          body: { spec: { suspend: true } },
        },
        {
          path: '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/flux-api',
          body: { spec: { suspend: true } },
        },
        {
          path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/flux-api',
          body: { spec: { suspend: false } },
        },
        {
          path: '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/flux-api',
          body: { spec: { suspend: false } },
        },
      ],
    );
  });

  it('reconciles a HelmRelease and suspends its OCIRepository', async () => {
    const target = {
      cluster: CLUSTER,
      namespace: 'flux-system',
      name: 'helm-api',
    };
    const reconcile = await act('helm-api', {
      ...target,
      kind: 'HelmRelease',
      action: 'reconcile',
    });
    expect(reconcile.status).toBe(200);
    const suspend = await act('helm-api', {
      ...target,
      kind: 'OCIRepository',
      action: 'suspend',
    });
    expect(suspend.status).toBe(200);
    const [helm, oci] = await patches();
    expect(helm.path).toMatch(
      /^\/apis\/helm\.toolkit\.fluxcd\.io\/v2[a-z0-9]*\/namespaces\/flux-system\/helmreleases\/helm-api$/,
    );
    expect(helm.body).toEqual({
      metadata: {
        annotations: {
          'reconcile.fluxcd.io/requestedAt': reconcile.body.requestedAt,
        },
      },
    });
    expect(oci).toMatchObject({
      path: '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/ocirepositories/helm-api',
      body: { spec: { suspend: true } },
    });
    const card = (await view('helm-api')).clusters.find(
      c => c.cluster.name === CLUSTER,
    )!;
    expect(card.deliveries[0].source?.suspended).toBe(true);
  });

  it('refreshes and syncs an Argo CD Application, without pruning', async () => {
    const target = {
      cluster: CLUSTER,
      kind: 'Application',
      namespace: 'argocd',
      name: 'argo-api',
    };
    expect(
      (await act('argo-api', { ...target, action: 'refresh' })).status,
    ).toBe(200);
    expect((await act('argo-api', { ...target, action: 'sync' })).status).toBe(
      200,
    );
    expect((await patches()).map(({ path, body }) => ({ path, body }))).toEqual(
      [
        {
          path: '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/argo-api',
          body: {
            metadata: {
              annotations: { 'argocd.argoproj.io/refresh': 'normal' },
            },
          },
        },
        {
          path: '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/argo-api',
          body: {
            operation: {
              initiatedBy: { username: OWNER },
              sync: { prune: false, syncStrategy: { hook: {} } },
            },
          },
        },
      ],
    );
    // The refusal of a sync while one runs: deliveryReactions.api.test.ts.
  });

  it('answers 403 to a user without the permission, sends nothing and audits the refusal', async () => {
    const response = await act(
      'flux-api',
      {
        cluster: CLUSTER,
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'flux-api',
        action: 'suspend',
      },
      STRANGER,
    );
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(
      'Not allowed to act on the delivery objects of component:default/flux-api (permission kitstage.deployments.operate)',
    );
    expect(await patches()).toEqual([]);
    expect(await deliveryEvents(auditor)).toEqual([
      {
        outcome: 'fail',
        error: response.body.error.message,
        meta: {
          actor: STRANGER,
          component: 'component:default/flux-api',
          cluster: CLUSTER,
          object: 'Kustomization flux-system/flux-api',
          action: 'suspend',
          outcome: 'refused',
        },
      },
    ]);
  });

  it('refuses a service principal, which every permission would allow', async () => {
    const response = await act(
      'flux-api',
      {
        cluster: CLUSTER,
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'flux-api',
        action: 'reconcile',
      },
      SERVICE,
    );
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain(
      'Acting on delivery objects needs a signed-in user; the service principal external:automation may not',
    );
    expect(await patches()).toEqual([]);
    const [event] = await deliveryEvents(auditor);
    expect(event).toMatchObject({
      outcome: 'fail',
      meta: { actor: 'service:external:automation', outcome: 'refused' },
    });
  });

  it('never acts on an object that is not one of the Component’s delivery objects', async () => {
    const response = await act('flux-api', {
      cluster: CLUSTER,
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'other-api',
      action: 'suspend',
    });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe(
      'Kustomization flux-system/other-api is not a delivery object of component:default/flux-api on cluster prod-eu',
    );
    const unknownCluster = await act('flux-api', {
      cluster: 'elsewhere',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'flux-api',
      action: 'suspend',
    });
    expect(unknownCluster.status).toBe(404);
    expect(await patches()).toEqual([]);
    const events = await deliveryEvents(auditor);
    expect(events.map(e => e.meta.outcome)).toEqual(['refused', 'refused']);
  });

  it('names what is wrong with a request it cannot take', async () => {
    const wrongAction = await act('flux-api', {
      cluster: CLUSTER,
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'flux-api',
      action: 'sync',
    });
    expect(wrongAction.status).toBe(400);
    expect(wrongAction.body.error.message).toBe(
      'A Kustomization cannot be asked to sync; it takes reconcile, suspend, resume',
    );
    const badBody = await backend.call('POST', actionsOf('flux-api'), OWNER, {
      cluster: CLUSTER,
      kind: 'Deployment',
      namespace: 'Flux System',
      name: 'flux-api',
      action: 'delete',
      extra: 1,
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/^Invalid request body: /);
    for (const field of ['kind', 'namespace', 'action', 'extra']) {
      expect(badBody.body.error.message).toContain(field);
    }
    const notJson = await supertest(backend.backend.server)
      .post(actionsOf('flux-api'))
      .set('authorization', mockCredentials.user.header(OWNER))
      .set('content-type', 'application/json')
      .send('{"cluster": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(
      /^Invalid request body: Unexpected end of JSON input/,
    );
    expect(await patches()).toEqual([]);
    // Each refusal is recorded, with what the body named as far as it could be read.
    expect(await deliveryEvents(auditor)).toMatchObject([
      {
        outcome: 'fail',
        meta: {
          actor: OWNER,
          cluster: CLUSTER,
          object: 'Kustomization flux-system/flux-api',
          action: 'sync',
          outcome: 'refused',
        },
      },
      {
        outcome: 'fail',
        meta: {
          actor: OWNER,
          component: 'component:default/flux-api',
          object: 'Deployment Flux System/flux-api',
          action: 'delete',
          outcome: 'refused',
        },
        error: expect.stringMatching(/^Invalid request body: /),
      },
      {
        outcome: 'fail',
        meta: { actor: OWNER, outcome: 'refused' },
        error: expect.stringMatching(/^Invalid request body: /),
      },
    ]);
  });

  it("records the catalog's own reference of the Component, whatever case the path used", async () => {
    const response = await backend.call('POST', actionsOf('FLUX-API'), OWNER, {
      cluster: CLUSTER,
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'flux-api',
      action: 'reconcile',
    });
    expect(response.status).toBe(200);
    expect(await deliveryEvents(auditor)).toMatchObject([
      {
        outcome: 'success',
        meta: { component: 'component:default/flux-api', action: 'reconcile' },
      },
    ]);
  });

  it('audits a path the catalog rules refuse as refused, and sends nothing', async () => {
    const response = await backend.call('POST', actionsOf('-flux-api'), OWNER, {
      cluster: CLUSTER,
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'flux-api',
      action: 'suspend',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^Invalid path: /);
    expect(await patches()).toEqual([]);
    expect(await deliveryEvents(auditor)).toMatchObject([
      {
        outcome: 'fail',
        meta: {
          actor: OWNER,
          component: 'component:default/-flux-api',
          outcome: 'refused',
        },
      },
    ]);
  });
});

describe('actions on delivery objects, read-only by default', () => {
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;
  let auditor: ServiceMock<AuditorService>;

  beforeAll(async () => {
    cluster = await startKubernetesSimulator({ objects: OBJECTS });
    auditor = recordingAuditor();
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: CLUSTER, url: cluster.url, token: cluster.token }],
      entities: ENTITIES,
      policy: new OwnersOperate(),
      features: [auditor.factory],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });

  it('says so in the view and refuses every action, audited, without touching the cluster', async () => {
    const view = await backend.get(
      '/api/modelkit/deployments/components/default/flux-api',
      OWNER,
    );
    const [card] = view.body.clusters;
    expect(card.actions).toEqual({
      enabled: false,
      permitted: false,
      prune: false,
      reason:
        'Actions on delivery objects are turned off: the portal is read-only until kitstage.deployments.actions.enabled is true',
    });
    const response = await backend.call('POST', actionsOf('flux-api'), OWNER, {
      cluster: CLUSTER,
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'flux-api',
      action: 'suspend',
    });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(card.actions.reason);
    const fleet = await backend.get('/api/modelkit/deployments/fleet', OWNER);
    expect(fleet.body.actions).toEqual({
      offered: false,
      reason: card.actions.reason,
    });
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
    const [event] = await deliveryEvents(auditor);
    expect(event).toMatchObject({
      outcome: 'fail',
      meta: { actor: OWNER, action: 'suspend', outcome: 'refused' },
    });
  });
});

// The backend reads a cluster's objects ahead of an action; an object deleted and created
// again under the same name in between must not be patched in its place. With watches off,
// the snapshot keeps the old object for the cache's lifetime, which makes that window wide.
describe('actions on an object replaced since the cluster was read', () => {
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  beforeAll(async () => {
    cluster = await startKubernetesSimulator({ objects: OBJECTS });
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: CLUSTER, url: cluster.url, token: cluster.token }],
      entities: ENTITIES,
      policy: new OwnersOperate(),
      config: {
        kitstage: {
          deployments: {
            watch: false,
            cacheTtl: { minutes: 5 },
            actions: { enabled: true },
          },
        },
      },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });

  it('answers 409 and changes nothing when the uid it read is no longer the object’s', async () => {
    const view = await backend.get(
      '/api/modelkit/deployments/components/default/flux-api',
      OWNER,
    );
    expect(view.status).toBe(200);
    const original = OBJECTS.find(
      o => o.kind === 'Kustomization' && o.metadata.name === 'flux-api',
    )!;
    cluster.delete(original);
    cluster.apply({
      ...original,
      metadata: {
        ...original.metadata,
        uid: 'a-new-object',
        resourceVersion: undefined,
      },
      spec: { ...(original.spec as object), suspend: false },
    });
    const response = await backend.call('POST', actionsOf('flux-api'), OWNER, {
      cluster: CLUSTER,
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'flux-api',
      action: 'suspend',
    });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain(
      'suspend Kustomization flux-system/flux-api was not sent: the object was deleted and created again since it was read',
    );
    // The object was read again before the change: the new uid is seen, nothing is sent.
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
    const stored = await fetch(
      `${cluster.url}/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/flux-api`,
      { headers: { authorization: `Bearer ${cluster.token}` } },
    );
    const object = (await stored.json()) as {
      metadata: { uid: string };
      spec: { suspend?: boolean };
    };
    expect(object.metadata.uid).toBe('a-new-object');
    expect(object.spec.suspend).toBe(false);
  });
  /** The object at a path of the cluster's API as the cluster holds it now. */
  const stored = async (path: string) =>
    (await (
      await fetch(`${cluster.url}${path}`, {
        headers: { authorization: `Bearer ${cluster.token}` },
      })
    ).json()) as {
      metadata: {
        resourceVersion: string;
        annotations?: Record<string, string>;
        labels?: Record<string, string>;
      };
      spec: { suspend?: boolean };
    };

  it('answers 403 and changes nothing when the annotation was removed since the cluster was read', async () => {
    const view = await backend.get(
      '/api/modelkit/deployments/components/default/helm-api',
      OWNER,
    );
    expect(view.status).toBe(200);
    // The snapshot (kept for 5 minutes, no watch) still shows the annotation.
    expect(view.body.clusters[0].actions).toEqual({
      enabled: true,
      permitted: true,
      prune: false,
    });
    const original = OBJECTS.find(
      o => o.kind === 'HelmRelease' && o.metadata.name === 'helm-api',
    )!;
    const { 'kitstage.dev/operated-by': _removed, ...annotations } =
      original.metadata.annotations ?? {};
    cluster.apply({
      ...original,
      metadata: {
        ...original.metadata,
        annotations,
        resourceVersion: undefined,
      },
    });
    cluster.clearRequests();
    const response = await backend.call('POST', actionsOf('helm-api'), OWNER, {
      cluster: CLUSTER,
      kind: 'HelmRelease',
      namespace: 'flux-system',
      name: 'helm-api',
      action: 'suspend',
    });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(
      'HelmRelease flux-system/helm-api on cluster prod-eu does not name component:default/helm-api in a kitstage.dev/operated-by annotation; actions are done only on a delivery object whose own kitstage.dev/operated-by annotation names the Component, as only those who may change the object can set it',
    );
    expect(cluster.countRequests({ verb: 'get' })).toBe(1);
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
    const path = cluster.requests.find(r => r.verb === 'get')!.path;
    expect((await stored(path)).spec.suspend).not.toBe(true);
  });

  it('answers 409 and changes nothing when the object changes between its reading and the patch', async () => {
    const path =
      '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/argo-api';
    const view = await backend.get(
      '/api/modelkit/deployments/components/default/argo-api',
      OWNER,
    );
    expect(view.status).toBe(200);
    cluster.clearRequests();
    // Another client changes the Application right after the backend read it.
    const stop = cluster.afterAnswer(request => {
      if (request.verb !== 'get' || request.path !== path) return;
      stop();
      const original = OBJECTS.find(
        o => o.kind === 'Application' && o.metadata.name === 'argo-api',
      )!;
      cluster.apply({
        ...original,
        metadata: {
          ...original.metadata,
          labels: { ...original.metadata.labels, changed: 'meanwhile' },
          resourceVersion: undefined,
        },
      });
    });
    const response = await backend.call('POST', actionsOf('argo-api'), OWNER, {
      cluster: CLUSTER,
      kind: 'Application',
      namespace: 'argocd',
      name: 'argo-api',
      action: 'sync',
    });
    stop();
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(
      /^sync Application argocd\/argo-api was not sent: the object changed since it was read; look at it again before acting \(.*the object has been modified/,
    );
    const [patch] = cluster.requests.filter(r => r.verb === 'patch');
    expect(patch.status).toBe(409);
    const object = (await stored(path)) as unknown as {
      metadata: { labels?: Record<string, string> };
      operation?: unknown;
    };
    expect(object.metadata.labels?.changed).toBe('meanwhile');
    expect(object.operation).toBeUndefined();
  });
});

// Anyone may register a Component, and write workloads in their own namespace: a Component
// that copies another team's kubernetes-id, whose label selector selects everything or two
// services, that names another team's or the platform's Argo CD Application, or whose own
// workload carries Flux or Argo CD labels naming the platform's objects, is shown those
// objects in its view. None of that may let its owner act on them with the backend's cluster
// credentials: only the object's own kitstage.dev/operated-by annotation, written by whoever
// may change the object, says which Component's owners may operate it.
describe('actions on delivery objects other Components point at', () => {
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;
  let auditor: ServiceMock<AuditorService>;

  const KUSTOMIZATION = {
    cluster: CLUSTER,
    kind: 'Kustomization',
    namespace: 'flux-system',
    name: 'victim-api',
  };
  const APPLICATION = {
    cluster: CLUSTER,
    kind: 'Application',
    namespace: 'argocd',
    name: 'argo-victim',
  };
  /**
   * The refusal of an object that does not name the Component: the same whether it has no
   * annotation or names other Components, so that it tells neither.
   */
  const notNaming = (object: string, service: string) =>
    `${object} on cluster prod-eu does not name component:default/${service} in a kitstage.dev/operated-by annotation; actions are done only on a delivery object whose own kitstage.dev/operated-by annotation names the Component, as only those who may change the object can set it`;

  const view = async (service: string, caller: string) =>
    (
      (
        await backend.get(
          `/api/modelkit/deployments/components/default/${service}`,
          caller,
        )
      ).body as ComponentDeploymentsResponse
    ).clusters.find(c => c.cluster.name === CLUSTER)!;

  beforeAll(async () => {
    cluster = await startKubernetesSimulator({
      objects: [
        ...buildServiceScenario('healthy', {
          service: 'victim-api',
          namespace: 'nlp',
          modelKit: modelKit('victim-api'),
          cluster: CLUSTER,
        }),
        ...buildServiceScenario('healthy', {
          service: 'argo-victim',
          namespace: 'nlp',
          delivery: 'argocd',
          modelKit: modelKit('argo-victim'),
          cluster: CLUSTER,
        }),
        // The annotation names the Component by a short reference, in another case, and
        // names a second Component too.
        ...buildServiceScenario('healthy', {
          service: 'short-ref-api',
          namespace: 'nlp',
          modelKit: modelKit('short-ref-api'),
          cluster: CLUSTER,
          operatedBy: 'Short-Ref-API, component:default/platform-team-api',
        }),
        // Delivery objects nobody annotated.
        ...buildServiceScenario('healthy', {
          service: 'unannotated-api',
          namespace: 'nlp',
          modelKit: modelKit('unannotated-api'),
          cluster: CLUSTER,
          operatedBy: null,
        }),
        // An Application and a Kustomization of the platform's, for no Component's owners.
        ...buildServiceScenario('healthy', {
          service: 'platform-argo',
          namespace: 'platform',
          delivery: 'argocd',
          modelKit: modelKit('platform-argo'),
          cluster: CLUSTER,
          operatedBy: 'group:default/platform-team',
        }),
        ...buildServiceScenario('healthy', {
          service: 'platform-flux',
          namespace: 'platform',
          modelKit: modelKit('platform-flux'),
          cluster: CLUSTER,
          operatedBy: 'group:default/platform-team',
        }),
        // A workload in a namespace its team may write, whose labels name the platform's
        // Kustomization and Application as if they had applied it.
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: 'spoof',
            namespace: 'attack',
            labels: {
              'backstage.io/kubernetes-id': 'spoof-api',
              'kustomize.toolkit.fluxcd.io/name': 'platform-flux',
              'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
              'app.kubernetes.io/instance': 'platform-argo',
            },
          },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'spoof' } },
            template: {
              metadata: { labels: { app: 'spoof' } },
              spec: { containers: [{ name: 'main', image: 'busybox' }] },
            },
          },
        },
      ],
    });
    auditor = recordingAuditor();
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: CLUSTER, url: cluster.url, token: cluster.token }],
      entities: [
        component('victim-api', OWNER),
        component('argo-victim', OWNER),
        component('short-ref-api', OWNER),
        component('unannotated-api', OWNER),
      ],
      untrustedEntities: [
        component('lookalike-api', STRANGER, {
          annotations: { 'backstage.io/kubernetes-id': 'victim-api' },
        }),
        component('selector-api', STRANGER, {
          annotations: {
            'backstage.io/kubernetes-label-selector': 'zz notin (a)',
          },
        }),
        component('two-ids-api', STRANGER, {
          annotations: {
            'backstage.io/kubernetes-label-selector':
              'backstage.io/kubernetes-id in (victim-api, argo-victim)',
          },
        }),
        component('app-name-api', STRANGER, {
          annotations: {
            'backstage.io/kubernetes-id': 'app-name-api',
            'argocd/app-name': 'argo-victim',
          },
        }),
        component('platform-selector-api', STRANGER, {
          annotations: {
            'backstage.io/kubernetes-label-selector':
              'backstage.io/kubernetes-id=platform-flux',
          },
        }),
        component('spoof-api', STRANGER, {
          annotations: { 'backstage.io/kubernetes-id': 'spoof-api' },
        }),
      ],
      policy: new OwnersOperate(),
      features: [auditor.factory],
      config: { kitstage: { deployments: { actions: { enabled: true } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });
  beforeEach(() => {
    cluster.clearRequests();
    (auditor.createEvent as jest.Mock).mockClear();
  });

  it("refuses the owner of a lookalike Component on the other team's Kustomization, without naming that team's Component", async () => {
    // The lookalike's view does show the Kustomization: only its annotation stops it.
    expect(JSON.stringify(await view('lookalike-api', STRANGER))).toContain(
      'victim-api',
    );
    const response = await backend.call(
      'POST',
      actionsOf('lookalike-api'),
      STRANGER,
      { ...KUSTOMIZATION, action: 'suspend' },
    );
    expect(response.status).toBe(403);
    expect(response.body.error.name).toBe('NotAllowedError');
    expect(response.body.error.message).toBe(
      notNaming('Kustomization flux-system/victim-api', 'lookalike-api'),
    );
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
    expect(await deliveryEvents(auditor)).toMatchObject([
      {
        outcome: 'fail',
        meta: {
          actor: STRANGER,
          component: 'component:default/lookalike-api',
          action: 'suspend',
          outcome: 'refused',
        },
      },
    ]);
  });

  it('refuses Components whose label selector selects everything, two services or the platform’s objects', async () => {
    for (const service of [
      'selector-api',
      'two-ids-api',
      'platform-selector-api',
    ]) {
      const target =
        service === 'platform-selector-api'
          ? { ...KUSTOMIZATION, name: 'platform-flux' }
          : KUSTOMIZATION;
      const response = await backend.call(
        'POST',
        actionsOf(service),
        STRANGER,
        { ...target, action: 'suspend' },
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        notNaming(`Kustomization flux-system/${target.name}`, service),
      );
    }
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
    const events = await deliveryEvents(auditor);
    expect(events.map(e => [e.meta.component, e.meta.outcome])).toEqual([
      ['component:default/selector-api', 'refused'],
      ['component:default/two-ids-api', 'refused'],
      ['component:default/platform-selector-api', 'refused'],
    ]);
  });

  it("refuses a Component that names another team's Argo CD Application", async () => {
    const response = await backend.call(
      'POST',
      actionsOf('app-name-api'),
      STRANGER,
      { ...APPLICATION, action: 'sync' },
    );
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(
      notNaming('Application argocd/argo-victim', 'app-name-api'),
    );
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
  });

  it("refuses the platform's objects to a Component whose own workload's labels name them, and says so in its view", async () => {
    // The view follows the labels, so the spoofing Component's card shows them.
    const card = await view('spoof-api', STRANGER);
    expect(
      (card.actions?.refused ?? []).map(r => [
        `${r.object.kind} ${r.object.namespace}/${r.object.name}`,
        r.reason,
      ]),
    ).toEqual(
      expect.arrayContaining(
        [
          'Application argocd/platform-argo',
          'GitRepository flux-system/platform-flux',
          'Kustomization flux-system/platform-flux',
        ].map(object => [object, notNaming(object, 'spoof-api')]),
      ),
    );
    for (const [kind, namespace, name, action] of [
      ['Kustomization', 'flux-system', 'platform-flux', 'suspend'],
      ['GitRepository', 'flux-system', 'platform-flux', 'suspend'],
      ['Application', 'argocd', 'platform-argo', 'sync'],
    ]) {
      const response = await backend.call(
        'POST',
        actionsOf('spoof-api'),
        STRANGER,
        { cluster: CLUSTER, kind, namespace, name, action },
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        notNaming(`${kind} ${namespace}/${name}`, 'spoof-api'),
      );
    }
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
  });

  it('lets the rightful owner act while lookalikes exist, and reads the annotation as an entity reference', async () => {
    expect((await view('victim-api', OWNER)).actions?.refused).toBeUndefined();
    const reconcile = await backend.call(
      'POST',
      actionsOf('victim-api'),
      OWNER,
      { ...KUSTOMIZATION, action: 'reconcile' },
    );
    expect(reconcile.status).toBe(200);
    const shortRef = await backend.call(
      'POST',
      actionsOf('short-ref-api'),
      OWNER,
      { ...KUSTOMIZATION, name: 'short-ref-api', action: 'reconcile' },
    );
    expect(shortRef.status).toBe(200);
    expect(cluster.countRequests({ verb: 'patch' })).toBe(2);
    expect(
      (await deliveryEvents(auditor)).map(e => [e.meta.component, e.outcome]),
    ).toEqual([
      ['component:default/victim-api', 'success'],
      ['component:default/short-ref-api', 'success'],
    ]);
  });

  it('refuses every action on delivery objects nobody annotated, even to their owner, and names them in the view', async () => {
    const card = await view('unannotated-api', OWNER);
    expect(card.actions).toMatchObject({ permitted: true });
    expect(card.actions?.refused).toEqual([
      {
        object: {
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'unannotated-api',
        },
        reason: notNaming(
          'Kustomization flux-system/unannotated-api',
          'unannotated-api',
        ),
      },
      {
        object: {
          kind: 'GitRepository',
          namespace: 'flux-system',
          name: 'unannotated-api',
        },
        reason: notNaming(
          'GitRepository flux-system/unannotated-api',
          'unannotated-api',
        ),
      },
    ]);
    const response = await backend.call(
      'POST',
      actionsOf('unannotated-api'),
      OWNER,
      { ...KUSTOMIZATION, name: 'unannotated-api', action: 'reconcile' },
    );
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(card.actions!.refused![0].reason);
    expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
  });
});
