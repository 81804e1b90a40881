/*
 * Deployment views for a caller who may read only some Components: S synthetic services on C
 * simulated clusters (default 5,000 × 10), kept current by watches, read by two users of the
 * same backend in the same run:
 *
 *   - a reader who may read every Component (`kitstage.modelkit.read` allowed everywhere);
 *   - a team member who may read only her team's Components (one team of 20, so 1 in 20 of
 *     the fleet); every other Component is hidden from her, so her views leave out what
 *     those reach (workloads and delivery objects).
 *
 * For each, from memory (clusters listed and watched, nothing changing): the first page of
 * the fleet (`--limit` services, 50 as the fleet page asks; a new request, not a 304 poll)
 * and one Component's Deployments view (a Component of her team, as the page polls it every
 * 2 s). The script checks that the team member is shown only her team's rows, and that her
 * view of her Component shows the same deliveries and workloads as the reader's (the
 * synthetic services share no objects).
 *
 *   npx tsx bench/fleet/fleetVisibilityBenchmark.ts [--services 5000] [--clusters 10]
 *     [--runs 5] [--team 0] [--limit 50] [--profile <file>]
 *
 * Defaults may also come from FLEET_VISIBILITY_SERVICES and FLEET_VISIBILITY_CLUSTERS.
 * `--profile` writes, after the measurement, a CPU profile of the backend while it answers the
 * team member's fleet page and Component view `--runs` times more.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { ComponentDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { parseArgs } from 'node:util';
import {
  Counts,
  median,
  profiled,
  settle,
  startClusters,
  startFleetBackend,
  teamOf,
} from './fleetHarness';
import { machineLoad, runBenchmark } from '../runBenchmark';

const { values } = parseArgs({
  options: {
    services: {
      type: 'string',
      default: process.env.FLEET_VISIBILITY_SERVICES ?? '5000',
    },
    clusters: {
      type: 'string',
      default: process.env.FLEET_VISIBILITY_CLUSTERS ?? '10',
    },
    runs: { type: 'string', default: '5' },
    team: { type: 'string', default: '0' },
    limit: { type: 'string', default: '50' },
    profile: { type: 'string' },
  },
});
const serviceCount = Number(values.services);
const clusterCount = Number(values.clusters);
const runs = Number(values.runs);
const team = Number(values.team);
const limit = Number(values.limit);
for (const [name, value, least] of [
  ['--services', serviceCount, 20],
  ['--clusters', clusterCount, 1],
  ['--runs', runs, 1],
  ['--team', team, 0],
  ['--limit', limit, 1],
] as const) {
  if (!Number.isInteger(value) || value < least) {
    throw new Error(`${name} must be a whole number of at least ${least}`);
  }
}
if (team > 19) throw new Error('--team must be one of the 20 teams, 0 to 19');

const READER = 'user:default/fleet-reader';
const MEMBER = `user:default/team-${String(team).padStart(2, '0')}-member`;
const MODELKIT_READ = 'kitstage.modelkit.read';
const CLUSTER_TIMEOUT = { minutes: 3 };

/** What a Deployments view shows of one Component, to compare two callers' views. */
function shown(body: ComponentDeploymentsResponse): string {
  return JSON.stringify(
    body.clusters.map(card => ({
      cluster: card.cluster.name,
      status: card.status,
      deliveries: card.deliveries.map(d => `${d.object.kind} ${d.object.name}`),
      workloads: card.workloads.map(w => `${w.object.kind} ${w.object.name}`),
    })),
  );
}

async function main() {
  console.log(`load average at the start: ${machineLoad()}`);
  console.log(
    `Views by visibility: ${serviceCount} services × ${clusterCount} simulated clusters, watched, median of ${runs} runs`,
  );
  const clusters = await startClusters(serviceCount, clusterCount);
  // The team member's Components: those owned by her team (the harness's owners).
  const ownRefs = new Set(
    clusters.info.services.flatMap((name, i) =>
      teamOf(i) === teamOf(team) ? [`component:default/${name}`] : [],
    ),
  );
  // The bench's permissions: everything is allowed, except `kitstage.modelkit.read` on a
  // Component of another team for the team member.
  const permissions = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => {
      const decide = (
        requests: Array<{ permission: { name: string }; resourceRef?: string }>,
        credentials: { principal: unknown },
      ) => {
        const principal = credentials.principal as { userEntityRef?: string };
        return requests.map(({ permission, resourceRef }) => ({
          result:
            principal.userEntityRef === MEMBER &&
            permission.name === MODELKIT_READ &&
            resourceRef !== undefined &&
            !ownRefs.has(resourceRef)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })) as any[];
      };
      return {
        authorize: async (requests, { credentials }) =>
          decide(requests, credentials),
        authorizeConditional: async (requests, { credentials }) =>
          decide(requests, credentials),
      };
    },
  });
  const { get, getComponent, entities, stop } = await startFleetBackend(
    clusters.info,
    { clusterTimeout: CLUSTER_TIMEOUT },
    [permissions],
  );
  try {
    const page = `limit=${limit}`;
    const first = await get(page);
    console.log(
      `${
        clusters.info.objectsPerCluster
      } objects per cluster; first fleet response ${Math.round(first.ms)} ms`,
    );
    await settle(get, page, clusters);
    const own = entities.find(e => ownRefs.has(stringifyEntityRef(e)))!.metadata
      .name;
    const readers = [
      { label: 'reads every Component', user: READER },
      {
        label: `reads her team's Components only (${ownRefs.size} of ${entities.length})`,
        user: MEMBER,
      },
    ];
    // Warm-up, and what each is shown.
    const views = new Map<string, string>();
    for (const reader of readers) {
      const fleet = await get(page, undefined, reader.user);
      const expected = reader.user === MEMBER ? ownRefs.size : entities.length;
      if (fleet.body.page.matched !== expected) {
        throw new Error(
          `The fleet showed ${reader.user} ${fleet.body.page.matched} services, not ${expected}`,
        );
      }
      views.set(
        reader.user,
        shown((await getComponent(own, reader.user)).body),
      );
    }
    if (views.get(READER) !== views.get(MEMBER)) {
      throw new Error(
        `The Deployments view of ${own} differs between the readers:\n${views.get(
          READER,
        )}\n${views.get(MEMBER)}`,
      );
    }
    const before = await clusters.ask<Counts>({ type: 'counts' });
    const times = new Map(
      readers.map(r => [
        r.user,
        { fleet: [] as number[], view: [] as number[] },
      ]),
    );
    for (let run = 0; run < runs; run++) {
      // Alternate who goes first, so neither always follows the other's work.
      const order = run % 2 === 0 ? readers : [...readers].reverse();
      for (const reader of order) {
        const measured = times.get(reader.user)!;
        measured.fleet.push((await get(page, undefined, reader.user)).ms);
        measured.view.push((await getComponent(own, reader.user)).ms);
      }
    }
    const after = await clusters.ask<Counts>({ type: 'counts' });
    await profiled(values.profile, "the team member's views", async () => {
      for (let run = 0; run < runs; run++) {
        await get(page, undefined, MEMBER);
        await getComponent(own, MEMBER);
      }
    });
    console.log(
      `Component view of ${own}; ${
        after.requests - before.requests
      } K8s API requests while measuring`,
    );
    console.table(
      Object.fromEntries(
        readers.map(reader => {
          const measured = times.get(reader.user)!;
          return [
            reader.label,
            {
              [`fleet from memory, page of ${limit} (ms)`]: Math.round(
                median(measured.fleet),
              ),
              'Deployments view of one Component (ms)': Math.round(
                median(measured.view),
              ),
            },
          ];
        }),
      ),
    );
  } finally {
    await stop();
    await clusters.stop();
    console.log(`load average at the end: ${machineLoad()}`);
  }
}

runBenchmark(main);
