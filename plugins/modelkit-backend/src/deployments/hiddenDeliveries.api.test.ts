// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import './__testUtils__/allowNativeDynamicImport';
import { AuditorService } from '@backstage/backend-plugin-api';
import { ServiceMock } from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type {
  ComponentDeploymentsResponse,
  DeliveryActionRequest,
} from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { TestPermissionPolicy } from '../__testUtils__/permissionTestFeatures';
import { component } from './__fixtures__/catalog';
import {
  actionsOf,
  CLUSTER,
  deliveryEvents,
  modelKit,
  recordingAuditor,
} from './__testUtils__/deliveryActionsKit';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
  TEST_USERS,
} from './__testUtils__/startDeploymentsTestBackend';

// A caller who may read only her own Components registers some that point at another team's
// delivery objects: one copies its kubernetes-id, one names its Argo CD Application, one has
// a workload of hers carry Flux labels naming its Kustomization. Her views must not show that
// team's Kustomization, GitRepository (with its URL) or Application (with its repository and
// last operation), as they show none of its workloads. Nor may an action on one of them tell
// her that it exists: it is not found, exactly as a missing object. A caller who may read that
// team's Components is shown them.

jest.setTimeout(120_000);

const MALLORY = 'user:default/mallory';
const TEAM = 'group:default/secret-team';

describe('delivery objects of Components hidden from the caller', () => {
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;
  let auditor: ServiceMock<AuditorService>;

  const deliveriesOf = async (service: string, caller: string) => {
    const response = await backend.get(
      `/api/modelkit/deployments/components/default/${service}`,
      caller,
    );
    expect(response.status).toBe(200);
    return (response.body as ComponentDeploymentsResponse).clusters
      .find(c => c.cluster.name === CLUSTER)!
      .deliveries.map(d => `${d.object.kind} ${d.object.name}`);
  };

  beforeAll(async () => {
    cluster = await startKubernetesSimulator({
      objects: [
        ...buildServiceScenario('healthy', {
          service: 'secret-flux',
          namespace: 'secret',
          modelKit: modelKit('secret-flux'),
          cluster: CLUSTER,
        }),
        ...buildServiceScenario('healthy', {
          service: 'secret-argo',
          namespace: 'secret',
          delivery: 'argocd',
          modelKit: modelKit('secret-argo'),
          cluster: CLUSTER,
        }),
        ...buildServiceScenario('healthy', {
          service: 'mallory-api',
          namespace: 'mallory',
          modelKit: modelKit('mallory-api'),
          cluster: CLUSTER,
        }),
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: 'spoof',
            namespace: 'mallory',
            labels: {
              'backstage.io/kubernetes-id': 'spoof-labels',
              'kustomize.toolkit.fluxcd.io/name': 'secret-flux',
              'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
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
        component('secret-flux', TEAM),
        component('secret-argo', TEAM),
        component('mallory-api', MALLORY),
      ],
      untrustedEntities: [
        component('spoof-id', MALLORY, {
          annotations: { 'backstage.io/kubernetes-id': 'secret-flux' },
        }),
        component('spoof-app', MALLORY, {
          annotations: {
            'backstage.io/kubernetes-id': 'spoof-app',
            'argocd/app-name': 'secret-argo',
          },
        }),
        component('spoof-labels', MALLORY),
      ],
      policy: new TestPermissionPolicy([
        {
          user: MALLORY,
          permission: catalogEntityReadPermission,
          decision: { ownedBy: [MALLORY] },
        },
      ]),
      features: [auditor.factory],
      config: { kitstage: { deployments: { actions: { enabled: true } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });

  it("shows none of the hidden team's delivery objects in the caller's own views", async () => {
    expect(await deliveriesOf('spoof-id', MALLORY)).toEqual([]);
    expect(await deliveriesOf('spoof-app', MALLORY)).toEqual([]);
    expect(await deliveriesOf('spoof-labels', MALLORY)).toEqual([]);
    const bodies = await Promise.all(
      ['spoof-id', 'spoof-app', 'spoof-labels'].map(async service =>
        JSON.stringify(
          (
            await backend.get(
              `/api/modelkit/deployments/components/default/${service}`,
              MALLORY,
            )
          ).body,
        ),
      ),
    );
    for (const body of bodies) {
      expect(body).not.toContain('git.example.com/kitstage-demo/secret');
    }
  });

  it('still shows the caller her own delivery objects', async () => {
    expect(await deliveriesOf('mallory-api', MALLORY)).toEqual([
      'Kustomization mallory-api',
    ]);
  });

  it('shows them to a caller who may read the team’s Components', async () => {
    expect(await deliveriesOf('spoof-app', TEST_USERS.reader)).toEqual([
      'Application secret-argo',
    ]);
    expect(await deliveriesOf('spoof-labels', TEST_USERS.reader)).toEqual([
      'Kustomization secret-flux',
    ]);
    expect(await deliveriesOf('secret-flux', TEST_USERS.reader)).toEqual([
      'Kustomization secret-flux',
    ]);
  });

  describe('actions on them', () => {
    type Target = Omit<DeliveryActionRequest, 'cluster'>;
    const act = (service: string, target: Target, caller = MALLORY) =>
      backend.call('POST', actionsOf(service), caller, {
        cluster: CLUSTER,
        ...target,
      });
    const named = ({ kind, namespace, name }: Target) =>
      `${kind} ${namespace}/${name}`;

    beforeEach(() => {
      cluster.clearRequests();
      (auditor.createEvent as jest.Mock).mockClear();
    });

    // Each of her Components reaches a delivery object of the hidden team's: by copying its
    // kubernetes-id, by naming its Argo CD Application, or through the Flux labels of a
    // workload of hers (the Kustomization, and the GitRepository it reads from).
    it.each<[string, Target]>([
      [
        'spoof-app',
        {
          kind: 'Application',
          namespace: 'argocd',
          name: 'secret-argo',
          action: 'refresh',
        },
      ],
      [
        'spoof-id',
        {
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'secret-flux',
          action: 'reconcile',
        },
      ],
      [
        'spoof-labels',
        {
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'secret-flux',
          action: 'suspend',
        },
      ],
      [
        'spoof-labels',
        {
          kind: 'GitRepository',
          namespace: 'flux-system',
          name: 'secret-flux',
          action: 'suspend',
        },
      ],
    ])(
      'answers %s acting on the hidden %s exactly as on a missing object, audits it and sends nothing',
      async (service, hidden) => {
        const missing = { ...hidden, name: 'no-such-object' };
        const onHidden = await act(service, hidden);
        const onMissing = await act(service, missing);

        expect(onHidden.status).toBe(404);
        expect(onHidden.body.error).toMatchObject({
          name: 'NotFoundError',
          message: `${named(
            hidden,
          )} is not a delivery object of component:default/${service} on cluster ${CLUSTER}`,
        });
        // Told apart from the missing object's answer by nothing but the name asked about.
        const asMissing = (body: unknown) =>
          JSON.parse(
            JSON.stringify(body).replaceAll(hidden.name, missing.name),
          );
        expect(onMissing.status).toBe(onHidden.status);
        expect(onMissing.body).toEqual(asMissing(onHidden.body));
        const [hiddenEvent, missingEvent] = await deliveryEvents(auditor);
        expect(hiddenEvent).toMatchObject({
          outcome: 'fail',
          error: onHidden.body.error.message,
          meta: {
            actor: MALLORY,
            component: `component:default/${service}`,
            object: named(hidden),
            outcome: 'refused',
          },
        });
        expect(missingEvent).toEqual(asMissing(hiddenEvent));

        expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
        expect(
          cluster.requests.filter(r => r.path.endsWith(`/${hidden.name}`)),
        ).toEqual([]);
      },
    );

    it('acts for her on her own Component’s delivery objects', async () => {
      const response = await act('mallory-api', {
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'mallory-api',
        action: 'reconcile',
      });
      expect(response.status).toBe(200);
      expect(cluster.countRequests({ verb: 'patch' })).toBe(1);
    });

    it('finds them for a caller who may read the team’s Components, whom their annotation refuses', async () => {
      const response = await act(
        'spoof-app',
        {
          kind: 'Application',
          namespace: 'argocd',
          name: 'secret-argo',
          action: 'refresh',
        },
        TEST_USERS.reader,
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(
        'Application argocd/secret-argo on cluster prod-eu does not name component:default/spoof-app in a kitstage.dev/operated-by annotation',
      );
      expect(cluster.countRequests({ verb: 'patch' })).toBe(0);
    });
  });
});
