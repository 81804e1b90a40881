// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import './__testUtils__/allowNativeDynamicImport';
import type {
  ComponentDeploymentsResponse,
  FleetDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  KubernetesScenario,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { eventually } from '../__testUtils__/eventually';
import {
  component,
  DEMO_REGISTRY,
  group,
  modelKit,
} from './__fixtures__/catalog';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
  TEST_USERS,
} from './__testUtils__/startDeploymentsTestBackend';

// One service on three simulated clusters, read through the real Kubernetes backend and kept
// current by list-then-watch: every view answers from memory, a change on a cluster reaches
// the views through its watch, an expired resource version is listed again, a dropped watch
// is opened again, and a cluster that stops answering is shown stale with the age of its
// data while the others stay current.

const API = '/api/modelkit/deployments';
const SERVICE = 'support-sentiment-api';
const CLUSTERS = ['prod-eu', 'prod-us', 'staging'] as const;

jest.setTimeout(90_000);

function scenario(kind: KubernetesScenario, cluster: string) {
  return buildServiceScenario(kind, {
    service: SERVICE,
    namespace: 'nlp',
    modelKit: {
      repository: `${DEMO_REGISTRY}/support-sentiment`,
      tag: 'v1.3.0',
    },
    cluster,
  });
}

describe('deployment health kept current by watches', () => {
  const simulators: Record<string, KubernetesSimulator> = {};
  // A cluster whose role grants get and list, but not watch.
  let noWatch: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  const count = (verb: 'list' | 'watch') =>
    Object.fromEntries(
      CLUSTERS.map(name => [name, simulators[name].countRequests({ verb })]),
    );

  const componentView = async (user = TEST_USERS.reader) => {
    const response = await backend.get(
      `${API}/components/default/${SERVICE}`,
      user,
    );
    expect(response.status).toBe(200);
    const body = response.body as ComponentDeploymentsResponse;
    return Object.fromEntries(body.clusters.map(c => [c.cluster.name, c]));
  };

  /** Waits until a cluster's card has the status. */
  const statusOn = (cluster: string, status: string, timeoutMs = 20_000) => {
    let last: unknown;
    return eventually(
      () => `${cluster} to be ${status}, last ${JSON.stringify(last)}`,
      async () => {
        const card = (await componentView())[cluster];
        last = { status: card.status, stale: card.stale };
        return card.status === status ? card : undefined;
      },
      timeoutMs,
    );
  };

  beforeAll(async () => {
    for (const name of CLUSTERS) {
      simulators[name] = await startKubernetesSimulator({
        objects: scenario('healthy', name),
        bookmarkIntervalMs: 100,
      });
    }
    noWatch = await startKubernetesSimulator({
      objects: scenario('healthy', 'no-watch'),
      tokens: { 'list-only': { forbiddenVerbs: ['watch'] } },
    });
    backend = await startDeploymentsTestBackend({
      clusters: [
        ...CLUSTERS.map(name => ({
          name,
          url: simulators[name].url,
          token: simulators[name].token,
        })),
        { name: 'no-watch', url: noWatch.url, token: 'list-only' },
      ],
      entities: [
        group('nlp-team'),
        component(SERVICE, 'group:nlp-team'),
        modelKit(
          'support-sentiment',
          `${DEMO_REGISTRY}/support-sentiment`,
          'group:nlp-team',
        ),
      ],
      kitstage: {
        deployments: {
          clusterTimeout: { seconds: 20 },
          watchStallTimeout: { milliseconds: 1500 },
        },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    for (const simulator of Object.values(simulators)) await simulator.close();
    await noWatch?.close();
  });

  beforeEach(async () => {
    // Every cluster answers and serves the healthy service, and every view shows it.
    for (const name of CLUSTERS) {
      await simulators[name].setMode('up');
    }
    for (const name of CLUSTERS) {
      await statusOn(name, 'healthy');
    }
  });

  it('lists each resource type once, then sees a change through the watch', async () => {
    const lists = count('list');
    for (const name of CLUSTERS) {
      // One list per resource type, one watch per resource type.
      expect(lists[name]).toBeGreaterThanOrEqual(5);
      expect(simulators[name].openWatches).toBe(lists[name]);
    }
    simulators['prod-us'].clear();
    simulators['prod-us'].apply(scenario('kustomization-failed', 'prod-us'));

    const card = await statusOn('prod-us', 'degraded');
    expect(card.stale).toBeUndefined();
    const cards = await componentView();
    expect(cards['prod-eu'].status).toBe('healthy');
    expect(cards.staging.status).toBe('healthy');
    // The change came through the open watches: no cluster was listed again.
    expect(count('list')).toEqual(lists);

    simulators['prod-us'].clear();
    simulators['prod-us'].apply(scenario('healthy', 'prod-us'));
    await statusOn('prod-us', 'healthy');
  });

  it('answers every view and every viewer from memory, without asking the clusters again', async () => {
    const before = {
      requests: CLUSTERS.map(name => simulators[name].requests.length),
    };
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2
          ? backend.get(`${API}/fleet`, TEST_USERS.reader)
          : backend.get(`${API}/components/default/${SERVICE}`),
      ),
    );
    for (const response of responses) expect(response.status).toBe(200);
    const fleet = responses[1].body as FleetDeploymentsResponse;
    expect(fleet.services.map(s => [s.entity.ref, s.status])).toEqual([
      [`component:default/${SERVICE}`, 'healthy'],
    ]);
    expect(CLUSTERS.map(name => simulators[name].requests.length)).toEqual(
      before.requests,
    );
  });

  it('lists again when the resource version expires, in the stream or on reconnecting', async () => {
    const simulator = simulators.staging;
    const lists = simulator.countRequests({ verb: 'list' });
    const watches = simulator.openWatches;

    // The open watches get an ERROR event with 410.
    simulator.expireResourceVersions();
    await eventually('the watches of staging to list again', async () =>
      simulator.countRequests({ verb: 'list' }) >= lists + watches &&
      simulator.openWatches === watches
        ? true
        : undefined,
    );
    simulator.clear();
    simulator.apply(scenario('kustomization-failed', 'staging'));
    await statusOn('staging', 'degraded');

    // The watches drop, the service changes and the resource versions expire before they
    // reconnect: the cluster answers their watches 410.
    const relisted = simulator.countRequests({ verb: 'list' });
    simulator.dropWatches();
    simulator.clear();
    simulator.apply(scenario('healthy', 'staging'));
    simulator.expireResourceVersions();
    await statusOn('staging', 'healthy');
    expect(
      simulator.countRequests({ verb: 'watch', status: 410 }),
    ).toBeGreaterThan(0);
    // The status turns healthy as soon as the first resource type has listed again; the
    // others relist on their own schedule.
    await eventually(
      'every watch of staging to list again after its 410',
      async () =>
        simulator.countRequests({ verb: 'list' }) >= relisted + watches
          ? true
          : undefined,
    );
  });

  it('opens a dropped watch again from where it was, without listing', async () => {
    const simulator = simulators['prod-eu'];
    const lists = simulator.countRequests({ verb: 'list' });
    const watchRequests = simulator.countRequests({ verb: 'watch' });
    const watches = simulator.openWatches;

    simulator.dropWatches();
    await eventually('the watches of prod-eu to reconnect', async () =>
      simulator.countRequests({ verb: 'watch' }) >= watchRequests + watches &&
      simulator.openWatches === watches
        ? true
        : undefined,
    );
    simulator.clear();
    simulator.apply(scenario('kustomization-failed', 'prod-eu'));
    await statusOn('prod-eu', 'degraded');
    expect(simulator.countRequests({ verb: 'list' })).toBe(lists);

    simulator.clear();
    simulator.apply(scenario('healthy', 'prod-eu'));
    await statusOn('prod-eu', 'healthy');
  });

  it('marks a cluster that stops answering mid-watch stale with the age of its data, while the others stay current', async () => {
    const simulator = simulators['prod-us'];
    await simulator.setMode('hang');
    const stale = await eventually(
      'prod-us to be stale',
      async () => {
        const card = (await componentView())['prod-us'];
        return card.stale && card.stale.ageSeconds >= 2 ? card : undefined;
      },
      30_000,
    );
    // Its last known objects are still shown, with when they were last known current.
    expect(stale.status).toBe('healthy');
    expect(stale.error).toBeUndefined();
    expect(stale.stale).toEqual({
      since: stale.observedAt,
      ageSeconds: expect.any(Number),
      message: expect.stringMatching(
        /prod-us (stayed silent|did not answer)|watch .* prod-us/,
      ),
    });
    expect(Date.now() - Date.parse(stale.stale!.since)).toBeGreaterThanOrEqual(
      stale.stale!.ageSeconds * 1000,
    );

    // The other clusters stay current and keep seeing changes.
    const fleet = (await backend.get(`${API}/fleet`))
      .body as FleetDeploymentsResponse;
    const columns = Object.fromEntries(fleet.clusters.map(c => [c.name, c]));
    expect(columns['prod-us'].stale?.ageSeconds).toBeGreaterThanOrEqual(2);
    expect(columns['prod-eu'].stale).toBeUndefined();
    expect(columns.staging.stale).toBeUndefined();
    simulators.staging.clear();
    simulators.staging.apply(scenario('kustomization-failed', 'staging'));
    const current = await statusOn('staging', 'degraded');
    expect(current.stale).toBeUndefined();
    simulators.staging.clear();
    simulators.staging.apply(scenario('healthy', 'staging'));

    // Once it answers again it is current again.
    await simulator.setMode('up');
    await eventually('prod-us to be current again', async () =>
      (await componentView())['prod-us'].stale === undefined ? true : undefined,
    );
  });

  it('lists a resource type again every cacheTtl when the cluster forbids watching it, and says so', async () => {
    const card = await statusOn('no-watch', 'healthy');
    expect(card.stale).toBeUndefined();
    expect(card.warnings.map(w => w.resource)).toContain('pods');
    expect(card.warnings.find(w => w.resource === 'pods')).toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining(
        'is listed again every 15 s instead (kitstage.deployments.cacheTtl)',
      ),
    });
    expect(
      noWatch.countRequests({ verb: 'watch', status: 403 }),
    ).toBeGreaterThan(0);
    const lists = noWatch.countRequests({ verb: 'list' });
    noWatch.clear();
    noWatch.apply(scenario('kustomization-failed', 'no-watch'));
    // Within one period of listing.
    await statusOn('no-watch', 'degraded', 45_000);
    expect(noWatch.countRequests({ verb: 'list' })).toBeGreaterThan(lists);
  });
});
