import { KubernetesObject } from './ObjectStore';
import type { KubernetesSimulator } from './simulatorTypes';
import { startKubernetesSimulator } from './startKubernetesSimulator';

const KUSTOMIZATION: KubernetesObject = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: {
    name: 'api',
    namespace: 'flux-system',
    generation: 3,
    annotations: { keep: 'me', drop: 'me' },
  },
  spec: { interval: '10m', suspend: false, path: './' },
  status: { observedGeneration: 3 },
};

const PATH =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/api';

const REVISION = '5b1ff5c2d1e8f6a9b0c3d4e5f60718293a4b5c6d';
const SOURCE = {
  repoURL: 'https://git.example.com/demo/api.git',
  path: 'deploy',
  targetRevision: 'main',
};

const APPLICATION: KubernetesObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'api', namespace: 'argocd', generation: 7 },
  spec: { project: 'default', source: SOURCE },
  status: {
    sync: { status: 'OutOfSync', revision: REVISION },
    health: { status: 'Healthy' },
    reconciledAt: '2026-12-07T09:00:00Z',
    history: [
      {
        id: 4,
        revision: 'a'.repeat(40),
        deployedAt: '2026-12-06T09:00:00Z',
        source: SOURCE,
      },
    ],
  },
};

const APPLICATION_PATH =
  '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/api';

describe('PATCH on the simulated cluster', () => {
  let simulator: KubernetesSimulator;
  beforeEach(async () => {
    simulator = await startKubernetesSimulator({
      objects: [KUSTOMIZATION, APPLICATION],
    });
  });
  afterEach(() => simulator.close());

  const patch = (
    path: string,
    body: unknown,
    contentType = 'application/merge-patch+json',
    token = simulator.token,
  ) =>
    fetch(`${simulator.url}${path}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': contentType,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('applies a JSON merge patch, with a new resource version and generation, and records it', async () => {
    const before = simulator.resourceVersion;
    const response = await patch(PATH, {
      metadata: { annotations: { drop: null, added: 'yes' } },
      spec: { suspend: true },
    });
    expect(response.status).toBe(200);
    const object = (await response.json()) as any;
    expect(object.metadata.annotations).toEqual({ keep: 'me', added: 'yes' });
    expect(object.spec).toEqual({ interval: '10m', suspend: true, path: './' });
    expect(object.metadata.generation).toBe(4);
    // The simulated controller, which had observed generation 3, observes the new spec at once.
    expect(object.status).toEqual({ observedGeneration: 4 });
    expect(Number(object.metadata.resourceVersion)).toBeGreaterThan(
      Number(before),
    );

    const stored = (await (
      await fetch(`${simulator.url}${PATH}`, {
        headers: { authorization: `Bearer ${simulator.token}` },
      })
    ).json()) as any;
    expect(stored).toEqual(object);

    const [request] = simulator.requests.filter(r => r.method === 'PATCH');
    expect(request).toMatchObject({
      verb: 'patch',
      resource: 'kustomizations.kustomize.toolkit.fluxcd.io',
      namespace: 'flux-system',
      status: 200,
      contentType: 'application/merge-patch+json',
      body: {
        metadata: { annotations: { drop: null, added: 'yes' } },
        spec: { suspend: true },
      },
    });
    expect(simulator.countRequests({ verb: 'patch' })).toBe(1);
  });

  it('answers as a controller would: a requested Flux reconcile is handled, a lagging status keeps lagging', async () => {
    const reconciled = (await (
      await patch(PATH, {
        metadata: {
          annotations: {
            'reconcile.fluxcd.io/requestedAt': '2026-12-07T10:00:00Z',
          },
        },
      })
    ).json()) as any;
    expect(reconciled.status).toEqual({
      observedGeneration: 3,
      lastHandledReconcileAt: '2026-12-07T10:00:00Z',
    });

    const lagging = await startKubernetesSimulator({
      objects: [{ ...KUSTOMIZATION, status: { observedGeneration: 2 } }],
    });
    try {
      const response = await fetch(`${lagging.url}${PATH}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${lagging.token}`,
          'content-type': 'application/merge-patch+json',
        },
        body: JSON.stringify({ spec: { suspend: true } }),
      });
      const object = (await response.json()) as any;
      expect(object.metadata.generation).toBe(4);
      expect(object.status).toEqual({ observedGeneration: 2 });
    } finally {
      await lagging.close();
    }
  });

  /** The stored object once the simulated controller is done with it. */
  const settled = async (path: string) => {
    for (;;) {
      const object = (await (
        await fetch(`${simulator.url}${path}`, {
          headers: { authorization: `Bearer ${simulator.token}` },
        })
      ).json()) as any;
      const pending =
        object.metadata.annotations?.['argocd.argoproj.io/refresh'] ??
        object.operation;
      if (pending === undefined) return object;
      await new Promise(resolve => setImmediate(resolve));
    }
  };

  it('answers an Argo CD refresh as the application controller does: compared again, annotation removed', async () => {
    const before = new Date(Date.now() - 1000);
    const response = await patch(APPLICATION_PATH, {
      metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
    });
    expect(response.status).toBe(200);
    // The API server stores the request; the controller acts on it after.
    const accepted = (await response.json()) as any;
    expect(accepted.metadata.annotations).toEqual({
      'argocd.argoproj.io/refresh': 'normal',
    });

    const refreshed = await settled(APPLICATION_PATH);
    expect(refreshed.metadata.annotations).toEqual({});
    expect(Date.parse(refreshed.status.reconciledAt)).toBeGreaterThanOrEqual(
      before.getTime(),
    );
    expect(refreshed.status.reconciledAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    // A refresh compares; it does not sync.
    expect(refreshed.status.sync).toEqual({
      status: 'OutOfSync',
      revision: REVISION,
    });
    expect(refreshed.status.operationState).toBeUndefined();
    expect(Number(refreshed.metadata.resourceVersion)).toBeGreaterThan(
      Number(accepted.metadata.resourceVersion),
    );
  });

  it('runs an Argo CD sync operation as the application controller does: Running, then Succeeded and removed', async () => {
    const operation = {
      initiatedBy: { username: 'user:default/alice' },
      sync: { prune: false, syncStrategy: { hook: {} } },
    };
    const response = await patch(APPLICATION_PATH, { operation });
    const running = (await response.json()) as any;
    expect(running.operation).toEqual(operation);
    expect(running.status.operationState).toEqual({
      operation,
      phase: 'Running',
      message: 'one or more tasks are running',
      startedAt: expect.stringMatching(/Z$/),
    });

    const synced = await settled(APPLICATION_PATH);
    expect(synced.operation).toBeUndefined();
    expect(synced.status.operationState).toEqual({
      operation,
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: running.status.operationState.startedAt,
      finishedAt: expect.stringMatching(/Z$/),
      syncResult: { revision: REVISION, source: SOURCE },
    });
    expect(synced.status.sync).toEqual({
      status: 'Synced',
      revision: REVISION,
    });
    expect(synced.status.history).toHaveLength(2);
    expect(synced.status.history[1]).toEqual({
      id: 5,
      revision: REVISION,
      deployedAt: synced.status.operationState.finishedAt,
      deployStartedAt: running.status.operationState.startedAt,
      source: SOURCE,
      initiatedBy: operation.initiatedBy,
    });
    expect(synced.status.reconciledAt).toBe(
      synced.status.operationState.finishedAt,
    );
    // Removing the operation is not a spec change.
    expect(synced.metadata.generation).toBe(7);
  });

  it('keeps the generation when only metadata changes, and never changes the identity', async () => {
    const response = await patch(PATH, {
      metadata: { name: 'other', annotations: { a: 'b' } },
      kind: 'Other',
    });
    const object = (await response.json()) as any;
    expect(object).toMatchObject({
      kind: 'Kustomization',
      metadata: { name: 'api', namespace: 'flux-system', generation: 3 },
    });
  });

  it('takes a uid in the patch as a precondition, as the API server refuses to change it', async () => {
    const stored = (await (
      await fetch(`${simulator.url}${PATH}`, {
        headers: { authorization: `Bearer ${simulator.token}` },
      })
    ).json()) as any;
    const other = await patch(PATH, {
      metadata: { uid: 'another-object' },
      spec: { suspend: true },
    });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({
      kind: 'Status',
      reason: 'Invalid',
      message:
        'kustomizations.kustomize.toolkit.fluxcd.io "api" is invalid: metadata.uid: Invalid value: "another-object": field is immutable',
    });
    const same = await patch(PATH, {
      metadata: { uid: stored.metadata.uid },
      spec: { suspend: true },
    });
    expect(same.status).toBe(200);
    expect(((await same.json()) as any).spec.suspend).toBe(true);
  });

  it('takes a resource version in the patch as a precondition, answering 409 Conflict once the object changed', async () => {
    const read = async () =>
      (await (
        await fetch(`${simulator.url}${PATH}`, {
          headers: { authorization: `Bearer ${simulator.token}` },
        })
      ).json()) as any;
    const before = await read();
    // Another client changes the object after it was read.
    const changed = await patch(PATH, { metadata: { labels: { by: 'x' } } });
    expect(changed.status).toBe(200);
    const stale = await patch(PATH, {
      metadata: { resourceVersion: before.metadata.resourceVersion },
      spec: { suspend: true },
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      kind: 'Status',
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on kustomizations.kustomize.toolkit.fluxcd.io "api": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect((await read()).spec.suspend).toBe(false);
    const current = (await read()).metadata.resourceVersion;
    const fresh = await patch(PATH, {
      metadata: { resourceVersion: current },
      spec: { suspend: true },
    });
    expect(fresh.status).toBe(200);
    const stored = (await fresh.json()) as any;
    expect(stored.spec.suspend).toBe(true);
    expect(Number(stored.metadata.resourceVersion)).toBeGreaterThan(
      Number(current),
    );
  });

  it('tells a listener of each answered request, before the client sends its next one', async () => {
    const seen: string[] = [];
    const stop = simulator.afterAnswer(request => {
      seen.push(`${request.verb} ${request.status}`);
      if (request.verb === 'get') {
        // Between this client's GET and its PATCH, another client changes the object.
        simulator.apply({
          ...KUSTOMIZATION,
          metadata: { ...KUSTOMIZATION.metadata, labels: { by: 'other' } },
        });
      }
    });
    const read = (await (
      await fetch(`${simulator.url}${PATH}`, {
        headers: { authorization: `Bearer ${simulator.token}` },
      })
    ).json()) as any;
    stop();
    const response = await patch(PATH, {
      metadata: { resourceVersion: read.metadata.resourceVersion },
      spec: { suspend: true },
    });
    expect(response.status).toBe(409);
    expect(seen).toEqual(['get 200']);
  });

  it('streams the change to open watches as MODIFIED', async () => {
    const controller = new AbortController();
    const watch = await fetch(
      `${simulator.url}/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations?watch=1&resourceVersion=${simulator.resourceVersion}`,
      {
        headers: { authorization: `Bearer ${simulator.token}` },
        signal: controller.signal,
      },
    );
    const reader = watch.body!.getReader();
    await patch(PATH, { spec: { suspend: true } });
    let text = '';
    while (!text.includes('\n')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const event = JSON.parse(text.slice(0, text.indexOf('\n')));
    expect(event.type).toBe('MODIFIED');
    expect(event.object.spec.suspend).toBe(true);
  });

  it('refuses other patch types, bodies that are not objects, missing objects and collections', async () => {
    const strategic = await patch(
      PATH,
      { spec: { suspend: true } },
      'application/strategic-merge-patch+json',
    );
    expect(strategic.status).toBe(415);
    expect(((await strategic.json()) as any).reason).toBe(
      'UnsupportedMediaType',
    );

    const list = await patch(PATH, '[1]');
    expect(list.status).toBe(400);

    const missing = await patch(PATH.replace(/api$/, 'nope'), {
      spec: { suspend: true },
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).message).toBe(
      'kustomizations.kustomize.toolkit.fluxcd.io "nope" not found',
    );

    const collection = await patch(
      '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations',
      { spec: {} },
    );
    expect(collection.status).toBe(405);

    const stored = (await (
      await fetch(`${simulator.url}${PATH}`, {
        headers: { authorization: `Bearer ${simulator.token}` },
      })
    ).json()) as any;
    expect(stored.spec.suspend).toBe(false);
  });

  it('answers 403 to a token that may not patch', async () => {
    simulator.setToken('reader', { forbiddenVerbs: ['patch'] });
    const response = await patch(
      PATH,
      { spec: { suspend: true } },
      undefined,
      'reader',
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as any).message).toContain(
      'cannot patch resource "kustomizations"',
    );
  });
});
