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

describe('PATCH on the simulated cluster', () => {
  let simulator: KubernetesSimulator;
  beforeEach(async () => {
    simulator = await startKubernetesSimulator({ objects: [KUSTOMIZATION] });
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
