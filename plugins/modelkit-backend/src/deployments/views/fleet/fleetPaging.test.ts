// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import '../../__testUtils__/allowNativeDynamicImport';
import type { FleetDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  KubernetesObject,
  KubernetesScenario,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { eventually } from '../../../__testUtils__/eventually';
import { component, DEMO_REGISTRY, group } from '../../__fixtures__/catalog';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from '../../__testUtils__/startDeploymentsTestBackend';

// Seven services on two simulated clusters, kept current by watches, read a page at a time:
// `GET /deployments/fleet` answers one page of the sorted, filtered matrix with the counts of
// all pages, rejects bad paging parameters by name, answers 304 to a client that sends back
// an unchanged version, and shows a change on a cluster on the next poll.

const API = '/api/modelkit/deployments';
const CLUSTERS = ['east', 'west'] as const;
const SERVICES = [
  'svc-1',
  'svc-2',
  'svc-3',
  'svc-4',
  'svc-5',
  'svc-6',
  'svc-7',
];
/** svc-2 and svc-5 crash-loop on west; everything else is healthy. */
const DEGRADED_ON_WEST = new Set(['svc-2', 'svc-5']);
const ownerOf = (i: number) => (i % 2 === 0 ? 'team-a' : 'team-b');

jest.setTimeout(90_000);

function objectsOf(
  service: string,
  cluster: string,
  scenario: KubernetesScenario,
): KubernetesObject[] {
  return buildServiceScenario(scenario, {
    service,
    namespace: 'ml',
    cluster,
    modelKit: { repository: `${DEMO_REGISTRY}/${service}`, tag: 'v1.0.0' },
  });
}

describe('GET /deployments/fleet, a page at a time', () => {
  const simulators: Record<string, KubernetesSimulator> = {};
  const applied = new Map<string, KubernetesObject[]>();
  let backend: DeploymentsTestBackend;

  const fleet = async (query: string) => {
    const response = await backend.get(`${API}/fleet?${query}`);
    expect(response.status).toBe(200);
    return response.body as FleetDeploymentsResponse;
  };
  const names = (body: FleetDeploymentsResponse) =>
    body.services.map(s => s.entity.name);

  beforeAll(async () => {
    for (const cluster of CLUSTERS) {
      const objects = SERVICES.flatMap(service => {
        const scenario =
          cluster === 'west' && DEGRADED_ON_WEST.has(service)
            ? 'crash-looping'
            : 'healthy';
        const list = objectsOf(service, cluster, scenario);
        applied.set(`${cluster}/${service}`, list);
        return list;
      });
      simulators[cluster] = await startKubernetesSimulator({
        objects,
        bookmarkIntervalMs: 100,
      });
    }
    backend = await startDeploymentsTestBackend({
      clusters: CLUSTERS.map(name => ({
        name,
        url: simulators[name].url,
        token: simulators[name].token,
      })),
      entities: [
        group('team-a'),
        group('team-b'),
        ...SERVICES.map((service, i) =>
          component(service, `group:${ownerOf(i)}`),
        ),
      ],
      kitstage: { deployments: { clusterTimeout: { seconds: 20 } } },
    });
    // Every service is read on both clusters before the tests start.
    await eventually('every cell to be read', async () => {
      const body = await fleet('');
      return body.counts.cells.unknown === 0 && body.total === 7
        ? body
        : undefined;
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    for (const simulator of Object.values(simulators)) await simulator.close();
  });

  it('answers the first 50 services by default, with where the page lies', async () => {
    const body = await fleet('');
    expect(names(body)).toEqual(SERVICES);
    expect(body.page).toEqual({ offset: 0, limit: 50, matched: 7 });
    expect(body.total).toBe(7);
    expect(body.version).toMatch(/^[\w-]{10,}$/);
  });

  it('pages the sorted matrix, each page with the counts of all pages', async () => {
    const pages = await Promise.all(
      [0, 3, 6, 9].map(offset => fleet(`limit=3&offset=${offset}`)),
    );
    expect(pages.map(names)).toEqual([
      ['svc-1', 'svc-2', 'svc-3'],
      ['svc-4', 'svc-5', 'svc-6'],
      ['svc-7'],
      [],
    ]);
    for (const [i, page] of pages.entries()) {
      expect(page.page).toEqual({ offset: i * 3, limit: 3, matched: 7 });
      expect(page.total).toBe(7);
      expect(page.counts.services).toMatchObject({ degraded: 2, healthy: 5 });
      expect(page.counts.cells).toMatchObject({ degraded: 2, healthy: 12 });
      // A cluster's roll-up covers every page; its worst members only the page's.
      const west = page.clusters.find(c => c.name === 'west')!;
      expect(west.rollup).toMatchObject({
        status: 'degraded',
        total: 7,
        counts: { degraded: 2, healthy: 5 },
      });
      expect(west.rollup.worst).toEqual(
        page.services
          .filter(s => DEGRADED_ON_WEST.has(s.entity.name))
          .map(s => s.entity.ref),
      );
    }
  });

  it('counts the whole filtered fleet when it pages a filtered one', async () => {
    // team-a owns svc-1, svc-3, svc-5 and svc-7; only svc-5 of them is degraded.
    const owned = await fleet('owner=team-a&limit=2&offset=2');
    expect(names(owned)).toEqual(['svc-5', 'svc-7']);
    expect(owned.page).toEqual({ offset: 2, limit: 2, matched: 4 });
    expect(owned.total).toBe(4);
    expect(owned.counts.services).toMatchObject({ degraded: 1, healthy: 3 });

    const degraded = await fleet('status=degraded&limit=1');
    expect(names(degraded)).toEqual(['svc-2']);
    // `total` and the counts are before the status filter; `matched` after it.
    expect(degraded.page).toEqual({ offset: 0, limit: 1, matched: 2 });
    expect(degraded.total).toBe(7);
    expect(degraded.counts.services).toMatchObject({ degraded: 2, healthy: 5 });
  });

  it.each([
    ['limit=0', 'limit must be at least 1'],
    ['limit=501', 'limit must be at most 500'],
    ['limit=ten', 'limit must be a whole number, got "ten"'],
    ['limit=2.5', 'limit must be a whole number, got "2.5"'],
    ['offset=-1', 'offset must be a whole number, got "-1"'],
    ['offset=1&offset=2', 'offset must be given once'],
    ['cursor=abc', 'has unknown parameters cursor'],
  ])(
    'rejects %s with an error naming the parameter',
    async (query, message) => {
      const response = await backend.get(`${API}/fleet?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain(
        `Invalid query: ${message}`,
      );
    },
  );

  it('answers 304 while nothing changed, and shows a change on the next poll', async () => {
    const first = await backend.get(`${API}/fleet?limit=3`);
    expect(first.status).toBe(200);
    const version = (first.body as FleetDeploymentsResponse).version;
    expect(first.headers.etag).toBe(`"${version}"`);
    expect(first.headers['cache-control']).toBe('no-store');

    // As fetch sends it: a conditional request says `Cache-Control: no-cache` too.
    const unchanged = await backend
      .get(`${API}/fleet?limit=3`)
      .set('If-None-Match', `W/"other", "${version}"`)
      .set('Cache-Control', 'no-cache');
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    // Another page is another answer.
    const other = await backend
      .get(`${API}/fleet?limit=3&offset=3`)
      .set('If-None-Match', `"${version}"`);
    expect(other.status).toBe(200);

    // svc-1 starts crash-looping on east.
    const east = simulators.east;
    for (const object of applied.get('east/svc-1')!) east.delete(object);
    const changed = objectsOf('svc-1', 'east', 'crash-looping');
    east.apply(changed);
    applied.set('east/svc-1', changed);

    const next = await eventually('svc-1 to be degraded on east', async () => {
      const response = await backend
        .get(`${API}/fleet?limit=3`)
        .set('If-None-Match', `"${version}"`);
      const body = response.body as FleetDeploymentsResponse;
      return response.status === 200 && body.services[0].status === 'degraded'
        ? body
        : undefined;
    });
    expect(next.version).not.toBe(version);
    expect(next.services[0].cells.map(c => [c.cluster, c.status])).toEqual([
      ['east', 'degraded'],
      ['west', 'healthy'],
    ]);
    // The rows the change did not touch read the same as before.
    expect(next.services.slice(1)).toEqual(
      (first.body as FleetDeploymentsResponse).services.slice(1),
    );
    expect(next.counts.services).toMatchObject({ degraded: 3, healthy: 4 });
  });
});
