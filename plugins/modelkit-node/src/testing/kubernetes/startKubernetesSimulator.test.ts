import { createTestCertificate } from '../tls';
import { KubernetesObject } from './ObjectStore';
import type { KubernetesSimulator } from './simulatorTypes';
import { startKubernetesSimulator } from './startKubernetesSimulator';
import { Agent, fetch as undiciFetch } from 'undici';

function pod(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'main', image: 'busybox' }] },
    status: { phase: 'Running' },
  };
}

function kustomization(namespace: string, name: string): KubernetesObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace, generation: 1 },
    spec: {
      interval: '10m',
      path: './',
      sourceRef: { kind: 'GitRepository', name },
    },
  };
}

const PODS = [
  pod('nlp', 'api-1', {
    app: 'api',
    tier: 'web',
    'backstage.io/kubernetes-id': 'support-sentiment-api',
  }),
  pod('nlp', 'api-2', {
    app: 'api',
    tier: 'web',
    'backstage.io/kubernetes-id': 'support-sentiment-api',
  }),
  pod('nlp', 'worker-1', { app: 'worker', tier: 'batch' }),
  pod('risk', 'fraud-1', { app: 'fraud', release: 'canary' }),
  pod('risk', 'fraud-2', { app: 'fraud', release: 'stable' }),
  pod('default', 'bare', {}),
];

describe('startKubernetesSimulator', () => {
  let simulator: KubernetesSimulator;
  const get = (path: string, token: string | undefined = simulator.token) =>
    fetch(`${simulator.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const json = async (path: string, token?: string) => {
    const response = await get(path, token);
    return { status: response.status, body: (await response.json()) as any };
  };
  const names = (body: any) =>
    body.items.map(
      (item: any) => `${item.metadata.namespace}/${item.metadata.name}`,
    );

  beforeEach(async () => {
    simulator = await startKubernetesSimulator({
      objects: [
        ...PODS,
        kustomization('flux-system', 'support-sentiment-api'),
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: { name: 'review-sentiment-service', namespace: 'argocd' },
          spec: { project: 'default' },
        },
      ],
      apis: ['flux', 'argocd'],
    });
  });

  afterEach(async () => {
    await simulator.close();
  });

  describe('discovery', () => {
    it('serves /api, /api/v1, /apis and group documents', async () => {
      expect((await json('/api')).body).toMatchObject({
        kind: 'APIVersions',
        versions: ['v1'],
      });
      const core = (await json('/api/v1')).body;
      expect(core).toMatchObject({
        kind: 'APIResourceList',
        groupVersion: 'v1',
      });
      expect(core.resources).toContainEqual(
        expect.objectContaining({
          name: 'pods',
          kind: 'Pod',
          namespaced: true,
          verbs: ['get', 'list'],
        }),
      );
      const groups = (await json('/apis')).body;
      expect(groups.kind).toBe('APIGroupList');
      expect(groups.groups.map((group: any) => group.name)).toEqual([
        'apps',
        'kustomize.toolkit.fluxcd.io',
        'helm.toolkit.fluxcd.io',
        'source.toolkit.fluxcd.io',
        'argoproj.io',
      ]);
      expect((await json('/apis/kustomize.toolkit.fluxcd.io')).body).toEqual({
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: 'kustomize.toolkit.fluxcd.io',
        versions: [
          { groupVersion: 'kustomize.toolkit.fluxcd.io/v1', version: 'v1' },
        ],
        preferredVersion: {
          groupVersion: 'kustomize.toolkit.fluxcd.io/v1',
          version: 'v1',
        },
      });
      const apps = (await json('/apis/apps/v1')).body;
      expect(apps.resources.map((r: any) => r.name)).toEqual([
        'deployments',
        'replicasets',
        'statefulsets',
        'daemonsets',
      ]);
      expect(simulator.countRequests({ verb: 'discovery' })).toBe(5);
    });

    it('answers 404 Status for groups that are not installed', async () => {
      const expected = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        details: {},
        code: 404,
      };
      expect(await json('/apis/serving.kserve.io/v1beta1')).toEqual({
        status: 404,
        body: expected,
      });
      expect(
        await json('/apis/serving.kserve.io/v1beta1/inferenceservices'),
      ).toEqual({
        status: 404,
        body: expected,
      });
      expect(
        await json(
          '/apis/serving.kserve.io/v1beta1/namespaces/nlp/inferenceservices',
        ),
      ).toEqual({
        status: 404,
        body: expected,
      });
      expect(
        (await json('/apis/kustomize.toolkit.fluxcd.io/v1beta2/kustomizations'))
          .status,
      ).toBe(404);
      expect((await json('/api/v1/widgets')).status).toBe(404);
      // A list of a resource that is not installed is still counted as a list call.
      expect(
        simulator.countRequests({
          verb: 'list',
          resource: 'inferenceservices.serving.kserve.io',
          status: 404,
        }),
      ).toBe(2);
      // Authorization runs first: a forbidden token gets 403, not 404.
      simulator.setToken('forbidden', { forbidden: true });
      expect(
        (
          await json(
            '/apis/serving.kserve.io/v1beta1/inferenceservices',
            'forbidden',
          )
        ).status,
      ).toBe(403);
    });

    it('serves /version and health endpoints without a token', async () => {
      expect((await json('/version', '')).body).toMatchObject({
        major: '1',
        gitVersion: 'v1.32.0',
      });
      const health = await get('/readyz', '');
      expect(health.status).toBe(200);
      expect(await health.text()).toBe('ok');
    });
  });

  describe('lists', () => {
    it('lists across namespaces and in one namespace, ordered by namespace and name', async () => {
      const all = await json('/api/v1/pods');
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
      });
      expect(names(all.body)).toEqual([
        'default/bare',
        'nlp/api-1',
        'nlp/api-2',
        'nlp/worker-1',
        'risk/fraud-1',
        'risk/fraud-2',
      ]);
      expect(names((await json('/api/v1/namespaces/risk/pods')).body)).toEqual([
        'risk/fraud-1',
        'risk/fraud-2',
      ]);
      expect(simulator.countRequests({ verb: 'list', resource: 'pods' })).toBe(
        2,
      );
      expect(
        simulator.countRequests({
          verb: 'list',
          resource: 'pods',
          namespace: 'risk',
        }),
      ).toBe(1);
    });

    it('lists built-in items without kind and apiVersion, custom resources with them', async () => {
      const pods = (await json('/api/v1/pods')).body;
      expect(pods.items[0]).not.toHaveProperty('kind');
      expect(pods.items[0]).not.toHaveProperty('apiVersion');
      const kustomizations = (
        await json('/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations')
      ).body;
      expect(kustomizations).toMatchObject({
        kind: 'KustomizationList',
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      });
      expect(kustomizations.items).toEqual([
        expect.objectContaining({
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: expect.objectContaining({
            name: 'support-sentiment-api',
            namespace: 'flux-system',
            uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
            resourceVersion: expect.stringMatching(/^\d+$/),
          }),
        }),
      ]);
      const applications = (
        await json('/apis/argoproj.io/v1alpha1/namespaces/argocd/applications')
      ).body;
      expect(applications.kind).toBe('ApplicationList');
      expect(applications.items).toHaveLength(1);
    });

    it.each([
      ['app=api', ['nlp/api-1', 'nlp/api-2']],
      ['app==api', ['nlp/api-1', 'nlp/api-2']],
      [
        'backstage.io/kubernetes-id=support-sentiment-api',
        ['nlp/api-1', 'nlp/api-2'],
      ],
      [
        'app!=api',
        ['default/bare', 'nlp/worker-1', 'risk/fraud-1', 'risk/fraud-2'],
      ],
      [
        'app in (worker, fraud)',
        ['nlp/worker-1', 'risk/fraud-1', 'risk/fraud-2'],
      ],
      [
        'release notin (canary)',
        [
          'default/bare',
          'nlp/api-1',
          'nlp/api-2',
          'nlp/worker-1',
          'risk/fraud-2',
        ],
      ],
      ['release', ['risk/fraud-1', 'risk/fraud-2']],
      ['!app', ['default/bare']],
      ['app=api,tier=web', ['nlp/api-1', 'nlp/api-2']],
      ['app,!release,tier!=batch', ['nlp/api-1', 'nlp/api-2']],
      ['app=nothing', []],
    ])('filters by labelSelector %s', async (selector, expected) => {
      const { body } = await json(
        `/api/v1/pods?labelSelector=${encodeURIComponent(selector)}`,
      );
      expect(names(body)).toEqual(expected);
    });

    it.each([
      ['metadata.namespace=nlp', ['nlp/api-1', 'nlp/api-2', 'nlp/worker-1']],
      ['metadata.name=fraud-2', ['risk/fraud-2']],
      [
        'metadata.namespace!=nlp,metadata.name!=bare',
        ['risk/fraud-1', 'risk/fraud-2'],
      ],
      ['metadata.namespace==risk', ['risk/fraud-1', 'risk/fraud-2']],
    ])('filters by fieldSelector %s', async (selector, expected) => {
      const { body } = await json(
        `/api/v1/pods?fieldSelector=${encodeURIComponent(selector)}`,
      );
      expect(names(body)).toEqual(expected);
    });

    it.each([
      ['labelSelector', 'app in ()'],
      ['labelSelector', 'app=a b'],
      ['labelSelector', 'app=,'],
      ['labelSelector', '-bad=1'],
      ['labelSelector', 'app in (a'],
      ['fieldSelector', 'spec.nodeName=node-1'],
      ['fieldSelector', 'nonsense'],
      ['limit', 'ten'],
    ])('answers 400 for %s=%s', async (parameter, value) => {
      const { status, body } = await json(
        `/api/v1/pods?${parameter}=${encodeURIComponent(value)}`,
      );
      expect(status).toBe(400);
      expect(body).toMatchObject({
        kind: 'Status',
        reason: 'BadRequest',
        code: 400,
      });
      expect(body.message.length).toBeGreaterThan(5);
    });

    it('pages with limit and continue', async () => {
      const first = (await json('/api/v1/pods?limit=4')).body;
      expect(names(first)).toEqual([
        'default/bare',
        'nlp/api-1',
        'nlp/api-2',
        'nlp/worker-1',
      ]);
      expect(first.metadata).toEqual({
        resourceVersion: expect.any(String),
        continue: expect.any(String),
        remainingItemCount: 2,
      });
      const second = (
        await json(
          `/api/v1/pods?limit=4&continue=${encodeURIComponent(
            first.metadata.continue,
          )}`,
        )
      ).body;
      expect(names(second)).toEqual(['risk/fraud-1', 'risk/fraud-2']);
      expect(second.metadata).toEqual({
        resourceVersion: first.metadata.resourceVersion,
      });

      const selected = (await json('/api/v1/pods?limit=1&labelSelector=app'))
        .body;
      expect(names(selected)).toEqual(['nlp/api-1']);
      expect(selected.metadata.remainingItemCount).toBeUndefined();
      const rest = (
        await json(
          `/api/v1/pods?limit=10&labelSelector=app&continue=${selected.metadata.continue}`,
        )
      ).body;
      expect(names(rest)).toEqual([
        'nlp/api-2',
        'nlp/worker-1',
        'risk/fraud-1',
        'risk/fraud-2',
      ]);
    });

    it('expires a continue token once the data changed, and rejects a forged one', async () => {
      const first = (await json('/api/v1/pods?limit=2')).body;
      simulator.apply(pod('nlp', 'api-3', { app: 'api' }));
      const expired = await json(
        `/api/v1/pods?limit=2&continue=${first.metadata.continue}`,
      );
      expect(expired.status).toBe(410);
      expect(expired.body).toMatchObject({
        kind: 'Status',
        reason: 'Expired',
        code: 410,
      });
      const forged = await json(
        '/api/v1/pods?limit=2&continue=bm90LWEtdG9rZW4',
      );
      expect(forged.status).toBe(400);
      expect(forged.body.reason).toBe('BadRequest');
    });

    it('raises the resource version on every change', async () => {
      const before = (await json('/api/v1/pods')).body.metadata.resourceVersion;
      simulator.apply(pod('nlp', 'api-3'));
      const after = (await json('/api/v1/pods')).body;
      expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(
        Number(before),
      );
      expect(names(after)).toContain('nlp/api-3');
      expect(
        simulator.delete({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { namespace: 'nlp', name: 'api-3' },
        }),
      ).toBe(true);
      expect(names((await json('/api/v1/pods')).body)).not.toContain(
        'nlp/api-3',
      );
    });
  });

  describe('gets', () => {
    it('gets one object with kind and apiVersion', async () => {
      const { status, body } = await json(
        '/api/v1/namespaces/risk/pods/fraud-1',
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'fraud-1' },
      });
      expect(simulator.countRequests({ verb: 'get', resource: 'pods' })).toBe(
        1,
      );
    });

    it('answers a NotFound Status naming the object', async () => {
      expect(
        await json(
          '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/nope',
        ),
      ).toEqual({
        status: 404,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message:
            'kustomizations.kustomize.toolkit.fluxcd.io "nope" not found',
          reason: 'NotFound',
          details: {
            name: 'nope',
            group: 'kustomize.toolkit.fluxcd.io',
            kind: 'kustomizations',
          },
          code: 404,
        },
      });
    });
  });

  describe('authentication and authorization', () => {
    it('answers 401 without a token or with an unknown one', async () => {
      for (const token of ['', 'wrong']) {
        const { status, body } = await json('/api/v1/pods', token);
        expect(status).toBe(401);
        expect(body).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          details: {},
          code: 401,
        });
      }
      expect((await json('/apis', 'wrong')).status).toBe(401);
      expect(simulator.countRequests({ status: 401 })).toBe(3);
    });

    it('answers 403 for a forbidden token, but serves it discovery', async () => {
      simulator.setToken('reader-without-rights', {
        forbidden: true,
        user: 'system:serviceaccount:backstage:viewer',
      });
      expect((await json('/apis', 'reader-without-rights')).status).toBe(200);
      const { status, body } = await json(
        '/api/v1/pods',
        'reader-without-rights',
      );
      expect(status).toBe(403);
      expect(body).toMatchObject({
        kind: 'Status',
        reason: 'Forbidden',
        code: 403,
        details: { kind: 'pods' },
        message:
          'pods is forbidden: User "system:serviceaccount:backstage:viewer" cannot list resource "pods" in API group "" at the cluster scope',
      });
    });

    it('answers 403 for forbidden resources and namespaces only', async () => {
      simulator.setToken('limited', {
        forbiddenResources: ['kustomizations.kustomize.toolkit.fluxcd.io'],
      });
      expect((await json('/api/v1/pods', 'limited')).status).toBe(200);
      const denied = await json(
        '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations',
        'limited',
      );
      expect(denied.status).toBe(403);
      expect(denied.body.message).toBe(
        'kustomizations.kustomize.toolkit.fluxcd.io is forbidden: User "system:serviceaccount:backstage:kitstage" cannot list resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" in the namespace "flux-system"',
      );
      expect(denied.body.details).toEqual({
        kind: 'kustomizations',
        group: 'kustomize.toolkit.fluxcd.io',
      });

      simulator.setToken('namespaced', { namespaces: ['nlp'] });
      expect(
        (await json('/api/v1/namespaces/nlp/pods', 'namespaced')).status,
      ).toBe(200);
      expect(
        (await json('/api/v1/namespaces/risk/pods', 'namespaced')).status,
      ).toBe(403);
      expect((await json('/api/v1/pods', 'namespaced')).status).toBe(403);

      simulator.setToken('limited', undefined);
      expect((await json('/api/v1/pods', 'limited')).status).toBe(401);
    });

    it('serves anonymous requests when asked to', async () => {
      const open = await startKubernetesSimulator({
        anonymous: true,
        objects: PODS,
      });
      try {
        const response = await fetch(`${open.url}/api/v1/pods`);
        expect(response.status).toBe(200);
      } finally {
        await open.close();
      }
    });

    it('refuses other methods', async () => {
      const response = await fetch(
        `${simulator.url}/api/v1/namespaces/nlp/pods`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${simulator.token}` },
          body: '{}',
        },
      );
      expect(response.status).toBe(405);
      expect(((await response.json()) as any).reason).toBe('MethodNotAllowed');
    });
  });

  describe('modes and latency', () => {
    it('delays answers by the latency', async () => {
      simulator.setLatency(150);
      const started = Date.now();
      expect((await get('/api/v1/pods')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('hangs without answering until set up again', async () => {
      await simulator.setMode('hang');
      const hung = fetch(`${simulator.url}/api/v1/pods`, {
        headers: { authorization: `Bearer ${simulator.token}` },
        signal: AbortSignal.timeout(300),
      });
      await expect(hung).rejects.toThrow(/timeout|aborted/i);
      const last = simulator.requests[simulator.requests.length - 1];
      expect(last.path).toBe('/api/v1/pods');
      expect(last.status).toBeUndefined();
      await simulator.setMode('up');
      expect((await get('/api/v1/pods')).status).toBe(200);
    });

    it('refuses connections when down and comes back on the same port', async () => {
      const { port, url } = simulator;
      await simulator.setMode('down');
      expect(simulator.mode).toBe('down');
      await expect(fetch(`${url}/version`)).rejects.toThrow();
      await simulator.setMode('up');
      expect(simulator.port).toBe(port);
      expect((await fetch(`${url}/version`)).status).toBe(200);
    });

    it('starts down or hanging, and closes cleanly in any mode', async () => {
      const down = await startKubernetesSimulator({ mode: 'down' });
      await expect(fetch(`${down.url}/version`)).rejects.toThrow();
      await down.close();

      const hanging = await startKubernetesSimulator({ mode: 'hang' });
      const request = fetch(`${hanging.url}/version`);
      request.catch(() => undefined);
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(hanging.requests).toHaveLength(1);
      await hanging.close();
      await expect(request).rejects.toThrow();
    });

    it('starts on a given port', async () => {
      const probe = await startKubernetesSimulator();
      const { port } = probe;
      await probe.close();
      const fixed = await startKubernetesSimulator({ port });
      try {
        expect(fixed.port).toBe(port);
        expect(fixed.url).toBe(`http://127.0.0.1:${port}`);
      } finally {
        await fixed.close();
      }
    });
  });

  describe('objects', () => {
    it('rejects objects the cluster cannot hold, naming them', () => {
      expect(() =>
        simulator.apply({
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          metadata: { name: 'isvc', namespace: 'nlp' },
        }),
      ).toThrow(
        'InferenceService isvc: the simulated cluster does not serve serving.kserve.io/v1beta1 InferenceService (is its API installed?)',
      );
      expect(() =>
        simulator.apply({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: '' },
        }),
      ).toThrow('A Pod needs metadata.name');
      expect(() =>
        simulator.apply({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'x', namespace: 'y' },
        }),
      ).toThrow(
        'Namespace x is cluster-scoped and cannot have metadata.namespace',
      );
    });

    it('serves cluster-scoped objects', async () => {
      simulator.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'nlp' },
      });
      const { body } = await json('/api/v1/namespaces');
      expect(body.items.map((item: any) => item.metadata.name)).toEqual([
        'nlp',
      ]);
      expect((await json('/api/v1/namespaces/nlp')).body.kind).toBe(
        'Namespace',
      );
      expect(simulator.objectCount).toBe(PODS.length + 3);
      simulator.clear();
      expect(simulator.objectCount).toBe(0);
    });
  });

  it('serves HTTPS with a test certificate', async () => {
    const certificate = await createTestCertificate({
      ipAddresses: ['127.0.0.1'],
    });
    const secure = await startKubernetesSimulator({
      tls: certificate,
      objects: PODS,
    });
    const dispatcher = new Agent({ connect: { ca: certificate.cert } });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const response = await undiciFetch(`${secure.url}/api/v1/pods`, {
        headers: { authorization: `Bearer ${secure.token}` },
        dispatcher,
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).items).toHaveLength(PODS.length);
    } finally {
      await dispatcher.close();
      await secure.close();
    }
  });
});
