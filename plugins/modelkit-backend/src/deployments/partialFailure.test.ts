// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import './__testUtils__/allowNativeDynamicImport';
import type {
  ComponentDeploymentsResponse,
  FleetDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  buildPartialFailureFleet,
  buildServiceScenario,
  fixtureModelKitDigest,
  KubernetesSimulator,
  RunningSimulatedFleet,
  startKubernetesSimulator,
  startSimulatedFleet,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  component,
  DEMO_REGISTRY,
  group,
  modelKit,
} from './__fixtures__/catalog';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from './__testUtils__/startDeploymentsTestBackend';

// One service on five clusters through the real Kubernetes backend: prod-eu answers,
// prod-us refuses connections, restricted answers 403 to every list, slow never answers,
// and partial forbids one resource type only. Every readable cluster still renders, each
// failure is reported as its cluster's error, and the wait is bounded by the timeout.

const API = '/api/modelkit/deployments';
// Long enough that a busy CI machine answers the healthy clusters in time, short enough that
// waiting for the hanging one stays cheap.
const TIMEOUT_MS = 6500;

jest.setTimeout(60_000);

describe('deployment health with clusters that cannot be read', () => {
  let fleet: RunningSimulatedFleet;
  let partial: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  beforeAll(async () => {
    fleet = await startSimulatedFleet(buildPartialFailureFleet());
    partial = await startKubernetesSimulator({
      objects: buildServiceScenario('healthy', {
        service: 'support-sentiment-api',
        namespace: 'nlp',
        modelKit: {
          repository: `${DEMO_REGISTRY}/support-sentiment`,
          tag: 'v1.3.0',
        },
        cluster: 'partial',
      }),
      tokens: {
        'partial-token': {
          forbiddenResources: ['inferenceservices.serving.kserve.io'],
        },
      },
    });
    backend = await startDeploymentsTestBackend({
      clusters: [
        ...fleet.clusters.map(c => ({
          name: c.name,
          url: c.simulator.url,
          token: c.simulator.token,
        })),
        { name: 'partial', url: partial.url, token: 'partial-token' },
      ],
      entities: [
        group('nlp-team'),
        component('support-sentiment-api', 'group:nlp-team'),
        modelKit(
          'support-sentiment',
          `${DEMO_REGISTRY}/support-sentiment`,
          'group:nlp-team',
        ),
      ],
      kitstage: {
        deployments: {
          clusterTimeout: { milliseconds: TIMEOUT_MS },
          cacheTtl: { minutes: 10 },
        },
      },
    });
    // The Kubernetes backend loads its client library on the first proxy request, which under
    // Jest's own ESM loader (--experimental-vm-modules) can take longer than the short
    // timeout of this test: load it before timing anything.
    const warmUp = await backend
      .get('/api/kubernetes/proxy/version')
      .set('Backstage-Kubernetes-Cluster', 'prod-eu');
    if (warmUp.status !== 200) {
      throw new Error(`The warm-up proxy request answered ${warmUp.status}`);
    }
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await fleet?.close();
    await partial?.close();
  });

  it('renders every readable cluster and reports each failure as its cluster error, within the timeout', async () => {
    const started = Date.now();
    const response = await backend.get(
      `${API}/components/default/support-sentiment-api`,
    );
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    // The hanging cluster is waited for once, for the configured time, not forever.
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 10_000);

    const body = response.body as ComponentDeploymentsResponse;
    const cards = Object.fromEntries(
      body.clusters.map(card => [card.cluster.name, card]),
    );
    expect(body.clusters.map(c => [c.cluster.name, c.status])).toEqual([
      ['prod-eu', 'healthy'],
      ['prod-us', 'unknown'],
      ['restricted', 'unknown'],
      ['slow', 'unknown'],
      ['partial', 'healthy'],
    ]);

    expect(cards['prod-eu'].error).toBeUndefined();
    expect(cards['prod-eu'].modelKits[0]).toMatchObject({
      digest: fixtureModelKitDigest(
        `${DEMO_REGISTRY}/support-sentiment`,
        'v1.3.0',
      ),
      digestFrom: 'reference',
    });
    // The default policy seam evaluates nothing: no badge, no policy reason.
    expect(cards['prod-eu'].modelKits[0].policy).toBeUndefined();
    expect(cards['prod-eu'].reasons).toEqual([]);

    expect(cards['prod-us'].error).toEqual({
      kind: 'unreachable',
      statusCode: 500,
      message: expect.stringMatching(
        /^Cluster prod-us is unreachable: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
      ),
    });
    expect(cards.restricted.error).toEqual({
      kind: 'forbidden',
      statusCode: 403,
      message:
        'Cluster restricted forbids Kitstage to list kustomizations.kustomize.toolkit.fluxcd.io: kustomizations.kustomize.toolkit.fluxcd.io is forbidden: User "system:serviceaccount:backstage:kitstage" cannot list resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" at the cluster scope',
    });
    expect(cards.slow.error).toEqual({
      kind: 'timeout',
      message: `Cluster slow did not answer within ${TIMEOUT_MS} ms (kitstage.deployments.clusterTimeout)`,
    });
    for (const name of ['prod-us', 'restricted', 'slow']) {
      expect(cards[name]).toMatchObject({
        reasons: [],
        deliveries: [],
        workloads: [],
        modelKits: [],
        commands: [],
      });
      expect(cards[name].observedAt).toBeUndefined();
    }

    expect(cards.partial.warnings).toEqual([
      {
        resource: 'inferenceservices.serving.kserve.io',
        kind: 'forbidden',
        statusCode: 403,
        message:
          'Cluster partial forbids Kitstage to list inferenceservices.serving.kserve.io: inferenceservices.serving.kserve.io is forbidden: User "system:serviceaccount:backstage:kitstage" cannot list resource "inferenceservices" in API group "serving.kserve.io" at the cluster scope',
      },
    ]);
    expect(body.rollup).toMatchObject({
      status: 'unknown',
      worst: ['prod-us', 'restricted', 'slow'],
    });
  });

  it('remembers failed clusters for the cache time, so the fleet does not wait again', async () => {
    const slowRequests = fleet.get('slow').requests.length;
    const started = Date.now();
    const response = await backend.get(`${API}/fleet`);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    expect(fleet.get('slow').requests.length).toBe(slowRequests);
    expect(slowRequests).toBe(1);

    const body = response.body as FleetDeploymentsResponse;
    expect(body.clusters.map(c => [c.name, c.error?.kind])).toEqual([
      ['prod-eu', undefined],
      ['prod-us', 'unreachable'],
      ['restricted', 'forbidden'],
      ['slow', 'timeout'],
      ['partial', undefined],
    ]);
    expect(
      body.services[0].cells.map(c => [c.cluster, c.status, c.clusterError]),
    ).toEqual([
      ['prod-eu', 'healthy', undefined],
      ['prod-us', 'unknown', true],
      ['restricted', 'unknown', true],
      ['slow', 'unknown', true],
      ['partial', 'healthy', undefined],
    ]);
    expect(body.services[0].status).toBe('unknown');
    expect(body.counts.cells).toMatchObject({ healthy: 2, unknown: 3 });
  });

  it('asked the forbidden cluster once per resource type and stopped', () => {
    const restricted = fleet.get('restricted');
    // Discovery is open to every token; each of the twelve served lists answered 403 once.
    expect(restricted.countRequests({ verb: 'discovery', status: 200 })).toBe(
      1,
    );
    expect(restricted.countRequests({ verb: 'list', status: 403 })).toBe(12);
    expect(restricted.requests).toHaveLength(13);
    expect(fleet.get('prod-eu').countRequests({ verb: 'list' })).toBe(12);
  });
});
