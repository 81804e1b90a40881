// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import './__testUtils__/allowNativeDynamicImport';
import type { FleetDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import { evaluateDeploymentHealth } from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  KubernetesScenario,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { eventually } from '../__testUtils__/eventually';
import { component, DEMO_REGISTRY, group } from './__fixtures__/catalog';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from './__testUtils__/startDeploymentsTestBackend';

// The health model, counted: how many services a view evaluated.
jest.mock('@kitstage/plugin-modelkit-common', () => {
  const actual = jest.requireActual('@kitstage/plugin-modelkit-common');
  return {
    ...actual,
    evaluateDeploymentHealth: jest.fn(actual.evaluateDeploymentHealth),
  };
});
const evaluations = evaluateDeploymentHealth as jest.MockedFunction<
  typeof evaluateDeploymentHealth
>;

// Two services on one simulated cluster, kept current by watches: a re-list that finds the
// objects the watch had seen (same uid and resource version) keeps every evaluation, and a
// change re-evaluates only the service whose objects changed.

const API = '/api/modelkit/deployments';
const SERVICES = ['relist-api', 'relist-scorer'] as const;

jest.setTimeout(90_000);

function scenario(kind: KubernetesScenario, service: string) {
  return buildServiceScenario(kind, {
    service,
    namespace: 'nlp',
    modelKit: { repository: `${DEMO_REGISTRY}/${service}`, tag: 'v1.0.0' },
    cluster: 'prod',
  });
}

describe('a re-list of a watched cluster', () => {
  let simulator: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  const fleet = async () => {
    const response = await backend.get(`${API}/fleet`);
    expect(response.status).toBe(200);
    const body = response.body as FleetDeploymentsResponse;
    return Object.fromEntries(
      body.services.map(s => [s.entity.ref.split('/')[1], s.status]),
    );
  };

  beforeAll(async () => {
    simulator = await startKubernetesSimulator({
      objects: SERVICES.flatMap(service => scenario('healthy', service)),
      bookmarkIntervalMs: 100,
    });
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: 'prod', url: simulator.url, token: simulator.token }],
      entities: [
        group('nlp-team'),
        ...SERVICES.map(service => component(service, 'group:nlp-team')),
      ],
      kitstage: {
        deployments: {
          clusterTimeout: { seconds: 20 },
          // Tags are resolved again on every view: an evaluation is kept as long as they
          // resolve as before.
          cacheTtl: { milliseconds: 1 },
        },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await simulator?.close();
  });

  it('keeps every evaluation when it finds the same objects, and re-evaluates only a changed service', async () => {
    await eventually('both services to be healthy', async () => {
      const statuses = await fleet();
      return SERVICES.every(s => statuses[s] === 'healthy') ? true : undefined;
    });
    const watches = simulator.openWatches;
    expect(watches).toBeGreaterThan(0);
    const lists = simulator.countRequests({ verb: 'list' });
    evaluations.mockClear();
    await fleet();
    expect(evaluations).not.toHaveBeenCalled();

    // Every watch gets 410 Gone and lists again; nothing changed on the cluster.
    simulator.expireResourceVersions();
    await eventually('every resource type to be listed again', async () =>
      simulator.countRequests({ verb: 'list' }) >= lists + watches &&
      simulator.openWatches === watches
        ? true
        : undefined,
    );
    expect(await fleet()).toEqual({
      'relist-api': 'healthy',
      'relist-scorer': 'healthy',
    });
    expect(evaluations).not.toHaveBeenCalled();

    // One service changes: it alone is evaluated again, once.
    for (const object of scenario('healthy', 'relist-api')) {
      simulator.delete(object);
    }
    simulator.apply(scenario('crash-looping', 'relist-api'));
    await eventually('relist-api to turn unhealthy', async () => {
      const statuses = await fleet();
      return statuses['relist-api'] !== 'healthy' ? statuses : undefined;
    });
    const evaluatedServices = new Set(
      evaluations.mock.calls.map(([input]) =>
        JSON.stringify(input.deployments?.map(d => d.metadata?.name)),
      ),
    );
    expect([...evaluatedServices]).toEqual([JSON.stringify(['relist-api'])]);
    expect(await fleet()).toMatchObject({ 'relist-scorer': 'healthy' });
  });
});
