// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import './deployments/__testUtils__/allowNativeDynamicImport';
import { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { kubernetesResourcesReadPermission } from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  modelkitDeploymentsOperatePermission,
  modelkitPromoteOverridePermission,
  modelkitPromotePermission,
  modelkitReadPermission,
} from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  buildTestModelKit,
  KubernetesSimulator,
  startKubernetesSimulator,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { component, group } from './deployments/__fixtures__/catalog';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from './deployments/__testUtils__/startDeploymentsTestBackend';
import {
  git,
  overlayPatch,
  ScriptedRepository,
} from './promotion/__testUtils__/gitRepository';

// Every route under /api/modelkit, as four callers, on three kinds of entity: one the caller
// may see, one the catalog hides from users, and a "shadow" ModelKit registered by hand that
// names the visible ModelKit's repository and claims the production lifecycle. Everything is
// real: the catalog, the permission backend with the policy below, the Kubernetes backend on
// a simulated cluster, a docker-registry and a Git repository.

/** The callers. */
const OWNER = 'user:default/owner';
const DENIED = 'user:default/denied';
const SERVICE = 'service:external:report-job';
const NONE = 'none';
/** Not in the matrix: may read Kitstage data, but not Kubernetes resources. */
const NO_KUBERNETES = 'user:default/no-kubernetes';
const CALLERS = [OWNER, DENIED, SERVICE, NONE] as const;
type Caller = (typeof CALLERS)[number];

const HIDDEN_ANNOTATION = 'test.kitstage.dev/hidden';

/**
 * Users may read every entity without the hidden annotation; `denied` may read entities but
 * holds no Kitstage or Kubernetes permission; the owner holds them all.
 */
class MatrixPolicy implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const who = (
      user?.credentials.principal as Partial<BackstageUserPrincipal> | undefined
    )?.userEntityRef;
    if (isPermission(query.permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(query.permission, {
        not: catalogConditions.hasAnnotation({
          annotation: HIDDEN_ANNOTATION,
        }),
      });
    }
    const guarded = [
      modelkitReadPermission,
      modelkitDeploymentsOperatePermission,
      modelkitPromotePermission,
      modelkitPromoteOverridePermission,
      kubernetesResourcesReadPermission,
    ];
    if (
      who === NO_KUBERNETES &&
      !isPermission(query.permission, kubernetesResourcesReadPermission)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (guarded.some(p => isPermission(query.permission, p))) {
      return {
        result: who === OWNER ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

type Column = 'visible' | 'hidden' | 'shadow';
/** Expected status per caller, for the visible, hidden and shadow entity. */
type Row = Record<Caller, [number, number, number]>;

interface Route {
  method: 'GET' | 'POST';
  /** The path for an entity (ModelKit or Component name), under /api/modelkit. */
  path: (entity: { modelKit: string; component: string }) => string;
  /** The request body, or a function of the entity for a body that names it. */
  body?: object | ((entity: { modelKit: string; component: string }) => object);
  expected: Row;
}

const ENTITIES: Record<Column, { modelKit: string; component: string }> = {
  visible: { modelKit: 'sentiment', component: 'sentiment-api' },
  hidden: { modelKit: 'secret', component: 'secret-api' },
  shadow: { modelKit: 'shadow', component: 'shadow-api' },
};

// Routes reading a ModelKit's registry: hidden is not found; the shadow ModelKit unlocks
// nothing (403); a service principal is trusted by the permission framework for reads, but
// not for a shadow ModelKit.
const REGISTRY_READ: Row = {
  [OWNER]: [200, 404, 403],
  [DENIED]: [403, 404, 403],
  [SERVICE]: [200, 200, 403],
  [NONE]: [401, 401, 401],
};
// Routes reading a Component: the shadow column is a Component that depends on the shadow
// ModelKit; reading the Component itself is allowed.
const COMPONENT_READ: Row = {
  [OWNER]: [200, 404, 200],
  [DENIED]: [403, 404, 403],
  [SERVICE]: [200, 200, 200],
  [NONE]: [401, 401, 401],
};

const ROUTES: Route[] = [
  {
    method: 'GET',
    path: e => `/modelkits/default/${e.modelKit}/versions`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e => `/modelkits/default/${e.modelKit}/versions/v1`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e => `/modelkits/default/${e.modelKit}/diff?from=v1&to=v1`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e => `/modelkits/default/${e.modelKit}/versions/v1/attestations`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e =>
      `/modelkits/default/${e.modelKit}/policy?digests=sha256:${'a'.repeat(
        64,
      )}`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e => `/modelkits/default/${e.modelKit}/policy/latest`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e => `/modelkits/default/${e.modelKit}/lineage`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e => `/modelkits/default/${e.modelKit}/versions/v1/model-card`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e => `/deployments/modelkits/default/${e.modelKit}`,
    expected: REGISTRY_READ,
  },
  {
    method: 'GET',
    path: e => `/components/default/${e.component}/lineage`,
    expected: COMPONENT_READ,
  },
  {
    method: 'GET',
    path: e => `/deployments/components/default/${e.component}`,
    expected: COMPONENT_READ,
  },
  {
    method: 'GET',
    path: e => `/metrics/components/default/${e.component}`,
    expected: COMPONENT_READ,
  },
  {
    method: 'GET',
    path: e => `/components/default/${e.component}/promotions`,
    expected: COMPONENT_READ,
  },
  {
    // The gates of a promotion. The shadow Component's promotion is evaluated (and refused
    // by its gates); a service principal is answered with the permission gate refused (both
    // asserted below).
    method: 'POST',
    path: e => `/components/default/${e.component}/promotions/evaluate`,
    body: { environment: 'production', version: 'v1' },
    expected: COMPONENT_READ,
  },
  {
    // An action on the Component's Flux Kustomization (named after the service). Only a user
    // may operate; the shadow Component runs nothing on the cluster, so there is no object of
    // its own to act on (404 for its owner).
    method: 'POST',
    path: e => `/deployments/components/default/${e.component}/actions`,
    body: (e: { component: string }) => ({
      cluster: 'matrix',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: e.component,
      action: 'reconcile',
    }),
    expected: {
      [OWNER]: [200, 404, 404],
      [DENIED]: [403, 404, 403],
      [SERVICE]: [403, 403, 403],
      [NONE]: [401, 401, 401],
    },
  },
  {
    method: 'GET',
    path: () => `/deployments/fleet`,
    expected: {
      [OWNER]: [200, 200, 200],
      [DENIED]: [403, 403, 403],
      [SERVICE]: [200, 200, 200],
      [NONE]: [401, 401, 401],
    },
  },
  {
    method: 'GET',
    path: () => `/environments`,
    expected: {
      [OWNER]: [200, 200, 200],
      [DENIED]: [200, 200, 200],
      [SERVICE]: [200, 200, 200],
      [NONE]: [401, 401, 401],
    },
  },
  {
    method: 'GET',
    path: () => `/health`,
    expected: {
      [OWNER]: [200, 200, 200],
      [DENIED]: [200, 200, 200],
      [SERVICE]: [200, 200, 200],
      [NONE]: [200, 200, 200],
    },
  },
];

describe('authorization of every route', () => {
  let registry: TestRegistry;
  let simulator: KubernetesSimulator;
  let repo: ScriptedRepository;
  let backend: DeploymentsTestBackend;
  let sentiment: TestArtifact;

  const modelKitEntity = (
    name: string,
    repository: string,
    annotations: Record<string, string> = {},
  ): Entity => ({
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name, annotations },
    spec: {
      type: 'model',
      owner: 'group:default/team',
      lifecycle: 'production',
      repository,
    },
  });

  const service = (
    name: string,
    modelKit: string,
    annotations: Record<string, string> = {},
  ): Entity => {
    const entity = component(name, 'group:default/team', {
      annotations: {
        'backstage.io/kubernetes-id': name,
        'kitstage.dev/deploy-repository': `file://${repo.bare}#main`,
        ...annotations,
      },
    });
    return {
      ...entity,
      spec: { ...entity.spec, dependsOn: [`modelkit:default/${modelKit}`] },
    };
  };

  beforeAll(async () => {
    registry = await startTestRegistry();
    sentiment = await buildTestModelKit({
      kitfile: {
        package: { name: 'sentiment', version: '1.0.0' },
        model: { path: 'model.bin' },
      },
    });
    const secret = await buildTestModelKit({
      kitfile: {
        package: { name: 'secret', version: '1.0.0' },
        model: { path: 'model.bin' },
      },
    });
    await registry.pusher.push('team/sentiment', sentiment, ['v1']);
    await registry.pusher.push('team/secret', secret, ['v1']);

    repo = await ScriptedRepository.create();
    for (const environment of ['staging', 'production']) {
      await repo.write(
        `deploy/overlays/${environment}/modelkit.yaml`,
        overlayPatch(`${registry.host}/team/sentiment:v1`),
      );
    }
    await git(repo.work, ['add', '.']);
    await git(repo.work, ['commit', '-q', '-m', 'Initial overlays']);
    await git(repo.work, ['push', '-q', repo.bare, 'main']);

    const now = new Date();
    simulator = await startKubernetesSimulator({
      objects: [
        ...buildServiceScenario('healthy', {
          service: 'sentiment-api',
          namespace: 'nlp',
          modelKit: {
            repository: `${registry.host}/team/sentiment`,
            tag: 'v1',
          },
          cluster: 'matrix',
          now,
        }),
        // A hidden Component's workload that runs the visible ModelKit.
        ...buildServiceScenario('healthy', {
          service: 'hidden-sentiment-api',
          namespace: 'hidden',
          modelKit: {
            repository: `${registry.host}/team/sentiment`,
            tag: 'v1',
          },
          cluster: 'matrix',
          now,
        }),
        ...buildServiceScenario('healthy', {
          service: 'secret-api',
          namespace: 'security',
          modelKit: { repository: `${registry.host}/team/secret`, tag: 'v1' },
          cluster: 'matrix',
          now,
        }),
      ],
    });

    const hidden = { [HIDDEN_ANNOTATION]: 'true' };
    backend = await startDeploymentsTestBackend({
      clusters: [
        { name: 'matrix', url: simulator.url, token: simulator.token },
      ],
      entities: [
        group('team'),
        modelKitEntity('sentiment', `${registry.host}/team/sentiment`),
        modelKitEntity('secret', `${registry.host}/team/secret`, hidden),
        service('sentiment-api', 'sentiment'),
        service('secret-api', 'secret', hidden),
        service('hidden-sentiment-api', 'sentiment', hidden),
        // Registered by a user to peek at other Components' workloads: one copies the hidden
        // Component's kubernetes-id, one selects every object of the cluster.
        service('lookalike-api', 'sentiment', {
          'backstage.io/kubernetes-id': 'hidden-sentiment-api',
        }),
        service('selector-api', 'sentiment', {
          'backstage.io/kubernetes-id': '',
          'backstage.io/kubernetes-label-selector': 'zz notin (a)',
        }),
        service('shadow-api', 'shadow'),
      ],
      untrustedEntities: [
        modelKitEntity('shadow', `${registry.host}/team/sentiment`),
      ],
      policy: new MatrixPolicy(),
      kitstage: {
        registries: [registry.configEntry('main', { ingest: false })],
        environments: [
          { name: 'staging' },
          { name: 'production', forbiddenLifecycles: ['experimental'] },
        ],
        promotion: { allowedRemotes: [`file://${repo.root}/`] },
        deployments: { actions: { enabled: true } },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await simulator?.close();
    await registry?.stop();
  });

  const cells = ROUTES.flatMap(route =>
    CALLERS.flatMap(caller =>
      (['visible', 'hidden', 'shadow'] as const).map(
        (column, i) =>
          [
            `${route.method} ${route.path(ENTITIES[column])}`,
            caller,
            column,
            route.expected[caller][i],
            route,
          ] as const,
      ),
    ),
  );

  it.each(cells)(
    '%s as %s (%s entity) answers %i',
    async (_name, caller, column, expected, route) => {
      const response = await backend.call(
        route.method,
        `/api/modelkit${route.path(ENTITIES[column])}`,
        caller,
        typeof route.body === 'function'
          ? route.body(ENTITIES[column])
          : route.body,
      );
      // Refusals are clear errors, in Backstage's error body.
      const error = response.body?.error;
      expect({
        status: response.status,
        clearError:
          typeof error?.name === 'string' && typeof error?.message === 'string',
      }).toEqual({ status: expected, clearError: expected >= 400 });
    },
  );

  it('refuses every gate of a promotion that names the shadow ModelKit, with its provenance', async () => {
    const response = await backend.call(
      'POST',
      '/api/modelkit/components/default/shadow-api/promotions/evaluate',
      OWNER,
      { environment: 'production', version: 'v1' },
    );
    expect(response.status).toBe(200);
    expect(response.body.allowed).toBe(false);
    expect(JSON.stringify(response.body)).toMatch(
      /not from a configured registry/,
    );
  });

  it('refuses the permission gate to a service principal that config does not name', async () => {
    const response = await backend.call(
      'POST',
      '/api/modelkit/components/default/sentiment-api/promotions/evaluate',
      SERVICE,
      { environment: 'production', version: 'v1' },
    );
    expect(response.status).toBe(200);
    expect(response.body.allowed).toBe(false);
    expect(JSON.stringify(response.body)).toMatch(
      /needs a signed-in user; the service principal external:report-job may not/,
    );
  });

  it('shows each caller only the Components it may read in the fleet', async () => {
    const owner = await backend.call(
      'GET',
      '/api/modelkit/deployments/fleet',
      OWNER,
    );
    expect(
      owner.body.services.map((s: { entity: { ref: string } }) => s.entity.ref),
    ).toEqual([
      'component:default/lookalike-api',
      'component:default/selector-api',
      'component:default/sentiment-api',
      'component:default/shadow-api',
    ]);
    // No row shows a workload that a hidden Component selects.
    const workloadNamespaces = (ref: string) =>
      owner.body.services
        .find((s: { entity: { ref: string } }) => s.entity.ref === ref)
        .cells.flatMap((c: { modelKits: Array<{ repository: string }> }) =>
          c.modelKits.map(m => m.repository),
        );
    expect(workloadNamespaces('component:default/lookalike-api')).toEqual([]);
  });

  it.each([
    ["copies a hidden Component's kubernetes-id", 'lookalike-api', []],
    ['selects every object', 'selector-api', ['nlp']],
  ])(
    'shows a Component that %s no workload of a hidden Component',
    async (_what, name, namespaces) => {
      const response = await backend.call(
        'GET',
        `/api/modelkit/deployments/components/default/${name}`,
        OWNER,
      );
      expect(response.status).toBe(200);
      const shown = response.body.clusters.flatMap(
        (card: { workloads: Array<{ object: { namespace?: string } }> }) =>
          card.workloads.map(w => w.object.namespace),
      );
      expect([...new Set(shown)]).toEqual(namespaces);
      // The service principal, which may read every Component, is shown them.
      const all = await backend.call(
        'GET',
        `/api/modelkit/deployments/components/default/${name}`,
        SERVICE,
      );
      const allShown = all.body.clusters.flatMap(
        (card: { workloads: Array<{ object: { namespace?: string } }> }) =>
          card.workloads.map(w => w.object.namespace),
      );
      expect(allShown).toContain('hidden');
    },
  );

  it('lists no workload of a hidden Component where a visible ModelKit runs', async () => {
    // hidden-sentiment-api runs team/sentiment on the same cluster as sentiment-api.
    const response = await backend.call(
      'GET',
      '/api/modelkit/deployments/modelkits/default/sentiment',
      OWNER,
    );
    expect(response.status).toBe(200);
    const shown = response.body.versions.flatMap(
      (v: {
        deployments: Array<{
          component?: { ref: string };
          workload: { namespace?: string };
        }>;
      }) =>
        v.deployments.map(d => [
          d.component?.ref ?? '(no Component)',
          d.workload.namespace,
        ]),
    );
    // Only sentiment-api's workload, in namespace nlp (selector-api selects it too).
    expect(shown.map(([, namespace]: string[]) => namespace)).toEqual(['nlp']);
    expect(shown[0][0]).not.toBe('(no Component)');
    // The service principal, which the catalog shows everything, sees both.
    const all = await backend.call(
      'GET',
      '/api/modelkit/deployments/modelkits/default/sentiment',
      SERVICE,
    );
    expect(
      all.body.versions.flatMap(
        (v: { deployments: unknown[] }) => v.deployments,
      ),
    ).toHaveLength(2);
  });

  it('draws lineage without deployment placements for a caller without kubernetes.resources.read', async () => {
    const path = '/api/modelkit/components/default/sentiment-api/lineage';
    const clusters = (body: { graph: { nodes: Array<{ id: string }> } }) =>
      body.graph.nodes.filter(n => n.id.startsWith('cluster:')).map(n => n.id);
    const owner = await backend.call('GET', path, OWNER);
    expect(owner.status).toBe(200);
    expect(clusters(owner.body)).toEqual(['cluster:matrix']);

    const limited = await backend.call('GET', path, NO_KUBERNETES);
    expect(limited.status).toBe(200);
    expect(clusters(limited.body)).toEqual([]);
    expect(limited.body.graph.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'deployments-unavailable',
          message: expect.stringContaining('kubernetes.resources.read'),
        }),
      ]),
    );
    // The same caller is refused the deployment view itself.
    const view = await backend.call(
      'GET',
      '/api/modelkit/deployments/components/default/sentiment-api',
      NO_KUBERNETES,
    );
    expect(view.status).toBe(403);
  });

  describe('hostile input', () => {
    const segments: Array<[string, string]> = [
      ['..', '..'],
      ['encoded ..', '%2e%2e'],
      ['double-encoded ..', '%252e%252e'],
      ['an encoded slash', 'a%2Fb'],
      ['a lone encoded slash', '%2F'],
      ['an encoded NUL', 'a%00b'],
      ['300 characters', 'x'.repeat(300)],
      ['an emoji', encodeURIComponent('😀')],
      ['markup', encodeURIComponent('<img src=x onerror=alert(1)>')],
      ['.', '.'],
      ['a leading dash', '-leading-dash'],
    ];
    const entityRoutes: Array<[string, (ns: string, n: string) => string]> = [
      ['versions', (ns, n) => `/modelkits/${ns}/${n}/versions`],
      ['one version', (ns, n) => `/modelkits/${ns}/${n}/versions/v1`],
      ['diff', (ns, n) => `/modelkits/${ns}/${n}/diff?from=v1&to=v1`],
      [
        'attestations',
        (ns, n) => `/modelkits/${ns}/${n}/versions/v1/attestations`,
      ],
      ['latest policy', (ns, n) => `/modelkits/${ns}/${n}/policy/latest`],
      [
        'policy',
        (ns, n) =>
          `/modelkits/${ns}/${n}/policy?digests=sha256:${'a'.repeat(64)}`,
      ],
      ['ModelKit lineage', (ns, n) => `/modelkits/${ns}/${n}/lineage`],
      ['model card', (ns, n) => `/modelkits/${ns}/${n}/versions/v1/model-card`],
      ['Component lineage', (ns, n) => `/components/${ns}/${n}/lineage`],
      ['promotion history', (ns, n) => `/components/${ns}/${n}/promotions`],
      [
        'Component deployments',
        (ns, n) => `/deployments/components/${ns}/${n}`,
      ],
      ['ModelKit deployments', (ns, n) => `/deployments/modelkits/${ns}/${n}`],
      ['live metrics', (ns, n) => `/metrics/components/${ns}/${n}`],
    ];
    type Case = [string, string, 'GET' | 'POST', object | undefined];
    const evaluate = '/components/default/sentiment-api/promotions/evaluate';
    const digest = `sha256:${'a'.repeat(64)}`;
    const cases: Case[] = [
      ...entityRoutes.flatMap(([route, path]) =>
        segments.flatMap(([what, segment]): Case[] => [
          [
            `${route}, ${what} as namespace`,
            path(segment, 'sentiment'),
            'GET',
            undefined,
          ],
          [
            `${route}, ${what} as name`,
            path('default', segment),
            'GET',
            undefined,
          ],
          [
            `${route}, ${what} as namespace and name`,
            path(segment, segment),
            'GET',
            undefined,
          ],
        ]),
      ),
      ...segments.map(
        ([what, segment]): Case => [
          `promotion gates, ${what} as name`,
          `/components/default/${segment}/promotions/evaluate`,
          'POST',
          { environment: 'production', version: 'v1' },
        ],
      ),
      ...(
        [
          [
            'a huge limit',
            '/modelkits/default/sentiment/versions?limit=99999999',
          ],
          [
            'a negative limit',
            '/modelkits/default/sentiment/versions?limit=-1',
          ],
          [
            'a repeated limit',
            '/modelkits/default/sentiment/versions?limit=1&limit=2',
          ],
          [
            'a 5000-character cursor',
            `/modelkits/default/sentiment/versions?cursor=${'x'.repeat(5000)}`,
          ],
          [
            'a path as version',
            '/modelkits/default/sentiment/versions/..%2F..%2Fv1',
          ],
          [
            'a malformed digest',
            '/modelkits/default/sentiment/versions/sha256:zz',
          ],
          [
            'a short digest',
            `/modelkits/default/sentiment/versions/sha256:${'a'.repeat(63)}`,
          ],
          [
            '.. as diff base',
            '/modelkits/default/sentiment/diff?from=..&to=v1',
          ],
          [
            'a diff without its target',
            '/modelkits/default/sentiment/diff?from=v1',
          ],
          [
            '101 digests',
            `/modelkits/default/sentiment/policy?digests=${Array(101)
              .fill(digest)
              .join(',')}`,
          ],
          [
            'a malformed digest list',
            '/modelkits/default/sentiment/policy?digests=sha256:zz',
          ],
          ['a NUL digest', '/modelkits/default/sentiment/policy?digests=%00'],
          [
            'a huge lineage depth',
            '/modelkits/default/sentiment/lineage?maxDepth=1000000000',
          ],
          [
            'a path as lineage version',
            '/modelkits/default/sentiment/lineage?version=..%2F..',
          ],
          [
            'markup as model card version',
            '/modelkits/default/sentiment/versions/%3Cscript%3E/model-card',
          ],
          [
            '.. as environment',
            '/components/default/sentiment-api/promotions?environment=..',
          ],
          [
            'a 300-character environment',
            `/components/default/sentiment-api/promotions?environment=${'e'.repeat(
              300,
            )}`,
          ],
          ['a NUL status', '/deployments/fleet?status=%00'],
          [
            '200 owners',
            `/deployments/fleet?owner=${Array(200)
              .fill('group:a')
              .join('&owner=')}`,
          ],
          ['an unknown fleet parameter', '/deployments/fleet?unknown=1'],
        ] as Array<[string, string]>
      ).map(([what, path]): Case => [what, path, 'GET', undefined]),
      ...(
        [
          [
            'a path as environment',
            { environment: '../../etc', version: 'v1' },
          ],
          ['.. as version', { environment: 'production', version: '..' }],
          [
            'a malformed digest as version',
            { environment: 'production', version: `sha256:${'z'.repeat(64)}` },
          ],
          [
            'a 300-character ModelKit',
            {
              environment: 'production',
              version: 'v1',
              modelKit: 'x'.repeat(300),
            },
          ],
          [
            'a User as ModelKit',
            { environment: 'production', version: 'v1', modelKit: 'user:a/b' },
          ],
          ['no version', { environment: 'production' }],
          ['an array body', []],
        ] as Array<[string, object]>
      ).map(
        ([what, body]): Case => [
          `promotion gates with ${what}`,
          evaluate,
          'POST',
          body,
        ],
      ),
    ];

    it.each(cases)(
      '%s answers a clear 4xx',
      async (_what, path, method, body) => {
        const response = await backend.call(
          method,
          `/api/modelkit${path}`,
          OWNER,
          body,
        );
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body.error).toEqual(
          expect.objectContaining({
            name: expect.stringMatching(/Error$/),
            message: expect.any(String),
          }),
        );
      },
    );
  });
});
