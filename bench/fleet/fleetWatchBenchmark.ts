/*
 * Live fleet benchmark: S synthetic services on C simulated clusters (default 5,000 × 10),
 * read through the real Kubernetes backend by the modelkit plugin's fleet endpoint, first by
 * re-listing (kitstage.deployments.watch: false, today's way), then kept current by
 * list-then-watch (the default). Prints, for the same fleet:
 *
 *   - re-list: the fleet response with clusters read (cold) and with snapshots cached;
 *   - watch: the first response (clusters listed, watches opened); from memory, the first
 *     page the fleet page shows (`--limit` services, 50 as the page asks), the same poll
 *     when nothing changed (the version sent back, 304), and next to them the full-matrix
 *     peer: every service, read in pages of the backend's largest size; the time from a
 *     change on a cluster until the polled page shows it; and the Kubernetes API requests
 *     while 1 and while V viewers poll the page every 2 s.
 *
 *   npx tsx bench/fleet/fleetWatchBenchmark.ts [--services 5000] [--clusters 10] [--runs 3]
 *     [--viewers 10] [--window 10] [--limit 50] [--no-relist] [--profile <file>]
 *
 * Defaults may also come from FLEET_WATCH_SERVICES, FLEET_WATCH_CLUSTERS and
 * FLEET_WATCH_VIEWERS. `--no-relist` leaves out the re-list run (at 5,000 × 10 each of its
 * cold reads takes minutes). `--profile` writes a CPU profile (`.cpuprofile`, for Chrome's
 * DevTools or `npx speedscope`) of the backend while it answers the first pages from memory.
 */
import type { FleetDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import { parseArgs } from 'node:util';
import {
  Counts,
  FleetGet,
  median,
  profiled,
  RunningClusters,
  settle,
  startClusters,
  startFleetBackend,
} from './fleetHarness';
import { machineLoad, runBenchmark } from '../runBenchmark';

const { values } = parseArgs({
  options: {
    services: {
      type: 'string',
      default: process.env.FLEET_WATCH_SERVICES ?? '5000',
    },
    clusters: {
      type: 'string',
      default: process.env.FLEET_WATCH_CLUSTERS ?? '10',
    },
    runs: { type: 'string', default: '3' },
    viewers: {
      type: 'string',
      default: process.env.FLEET_WATCH_VIEWERS ?? '10',
    },
    window: { type: 'string', default: '10' },
    limit: { type: 'string', default: '50' },
    'no-relist': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const serviceCount = Number(values.services);
const clusterCount = Number(values.clusters);
const runs = Number(values.runs);
const viewers = Number(values.viewers);
const windowMs = Number(values.window) * 1000;
const limit = Number(values.limit);
for (const [name, value] of [
  ['--services', serviceCount],
  ['--clusters', clusterCount],
  ['--runs', runs],
  ['--viewers', viewers],
  ['--window', windowMs],
  ['--limit', limit],
] as const) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of at least 1`);
  }
}

const POLL_MS = 2000;
const CACHE_TTL_MS = 2000;
// Large fleets take longer than the default 10 s to list on a busy machine: measure, not time out.
const CLUSTER_TIMEOUT = { minutes: 3 };
// Service 1 is healthy on cluster-1 in the synthetic fleet; the change toggles it. It is on
// the first page (rows are sorted by entity reference).
const CHANGED_SERVICE = 'synthetic-0001';
// The most services the backend answers in one page.
const MAX_LIMIT = 500;
const CHANGED_CLUSTER = 'cluster-1';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function cellOf(body: FleetDeploymentsResponse): string | undefined {
  const row = body.services.find(s => s.entity.ref.endsWith(CHANGED_SERVICE));
  return row?.cells.find(c => c.cluster === CHANGED_CLUSTER)?.status;
}

async function relist(clusters: RunningClusters) {
  const { get, stop } = await startFleetBackend(clusters.info, {
    watch: false,
    cacheTtl: { milliseconds: CACHE_TTL_MS },
    clusterTimeout: CLUSTER_TIMEOUT,
  });
  try {
    await get(); // Warm-up: loads modules and compiles code paths.
    const cold: number[] = [];
    const cached: number[] = [];
    let requests = 0;
    for (let run = 0; run < runs; run++) {
      await sleep(CACHE_TTL_MS + 100);
      await clusters.ask({ type: 'clear' });
      cold.push((await get()).ms);
      requests = (await clusters.ask<Counts>({ type: 'counts' })).requests;
      cached.push((await get()).ms);
    }
    return { coldMs: median(cold), cachedMs: median(cached), requests };
  } finally {
    await stop();
  }
}

/** Every service of the matrix, a page of the largest size at a time, as one time. */
async function fullMatrix(get: FleetGet) {
  const started = performance.now();
  let services = 0;
  let cells = 0;
  for (let offset = 0; ; offset += MAX_LIMIT) {
    const { body } = await get(`limit=${MAX_LIMIT}&offset=${offset}`);
    services += body.services.length;
    cells += body.services.reduce((n, s) => n + s.cells.length, 0);
    if (offset + MAX_LIMIT >= body.page.matched) {
      return {
        ms: performance.now() - started,
        services,
        cells,
        pages: offset / MAX_LIMIT + 1,
      };
    }
  }
}

/** Viewers polling the fleet every 2 s for the window; the K8s API requests meanwhile. */
async function pollWith(
  count: number,
  get: () => Promise<unknown>,
  clusters: RunningClusters,
) {
  await clusters.ask({ type: 'clear' });
  const deadline = performance.now() + windowMs;
  let responses = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, viewer) => {
      await sleep((POLL_MS / count) * viewer);
      while (performance.now() < deadline) {
        const started = performance.now();
        await get();
        responses += 1;
        await sleep(Math.max(0, POLL_MS - (performance.now() - started)));
      }
    }),
  );
  const counts = await clusters.ask<Counts>({ type: 'counts' });
  return { requests: counts.requests, responses };
}

async function watch(clusters: RunningClusters) {
  await clusters.ask({ type: 'clear' });
  const { get, stop } = await startFleetBackend(clusters.info, {
    clusterTimeout: CLUSTER_TIMEOUT,
  });
  try {
    const page = `limit=${limit}`;
    const first = await get(page);
    const listed = await settle(get, page, clusters);
    const memory: number[] = [];
    const unchanged: number[] = [];
    const full: Array<Awaited<ReturnType<typeof fullMatrix>>> = [];
    for (let run = 0; run < runs; run++) {
      const answer = await profiled(
        values.profile,
        'the answers from memory',
        () => get(page),
      );
      memory.push(answer.ms);
      // An answer can change between two polls without a change on a cluster (a tag
      // resolution that expired, read again); send back the newest version.
      let version = answer.body.version;
      let again = await get(page, version);
      for (let tries = 1; again.status !== 304 && tries < 5; tries++) {
        version = again.body.version;
        again = await get(page, version);
      }
      if (again.status !== 304) {
        throw new Error(`Five polls in a row answered 200, never 304`);
      }
      unchanged.push(again.ms);
      full.push(await fullMatrix(get));
    }
    const afterMemory = await clusters.ask<Counts>({ type: 'counts' });

    const visible: number[] = [];
    let status = cellOf((await get(page)).body);
    for (let run = 0; run < runs; run++) {
      const scenario = run % 2 === 0 ? 'crash-looping' : 'healthy';
      await clusters.ask({
        type: 'change',
        cluster: CHANGED_CLUSTER,
        service: CHANGED_SERVICE,
        scenario,
      });
      const changed = performance.now();
      for (;;) {
        const now = cellOf((await get(page)).body);
        if (now !== status) {
          status = now;
          break;
        }
        if (performance.now() - changed > 300_000) {
          throw new Error(
            `The change to ${scenario} did not show within 5 minutes (still ${now})`,
          );
        }
      }
      visible.push(performance.now() - changed);
    }
    // What the watches did from the first list until now (the polls below count afresh).
    const run = await clusters.ask<Counts>({ type: 'counts' });
    const poll = () => get(page);
    const one = await pollWith(1, poll, clusters);
    const many = await pollWith(viewers, poll, clusters);
    return {
      firstMs: first.ms,
      listRequests: listed.requests,
      watches: listed.watches,
      memoryMs: median(memory),
      unchangedMs: median(unchanged),
      full: full.sort((a, b) => a.ms - b.ms)[Math.floor(full.length / 2)],
      memoryRequests: afterMemory.requests - listed.requests,
      relists: Object.entries(run.listsPerKind).flatMap(([kind, n]) =>
        n > 1 ? [`${kind} ×${n}`] : [],
      ),
      watchReopens: run.watchReopens,
      gone: run.gone,
      visibleMs: median(visible),
      one,
      many,
      cells: Object.values(first.body.counts.cells).reduce((a, b) => a + b, 0),
    };
  } finally {
    await stop();
  }
}

async function main() {
  console.log(`load average at the start: ${machineLoad()}`);
  console.log(
    `Live fleet: ${serviceCount} services × ${clusterCount} simulated clusters through the Kubernetes backend, median of ${runs} runs`,
  );
  const clusters = await startClusters(serviceCount, clusterCount);
  try {
    const relisted = values['no-relist'] ? undefined : await relist(clusters);
    if (relisted) {
      console.log(
        `re-list: ${Math.round(relisted.coldMs)} ms cold, ${Math.round(
          relisted.cachedMs,
        )} ms cached, ${relisted.requests} K8s API requests per re-list`,
      );
    }
    const watched = await watch(clusters);
    console.log(
      `${clusters.info.objectsPerCluster} objects per cluster, ${watched.cells} cells`,
    );
    console.log(
      `From the first list until the polls: re-listed: ${
        watched.relists.join(', ') || 'none'
      }; ${
        watched.watchReopens
      } watches opened again (the client asks the cluster to end each watch after 4 to 6 minutes); ${
        watched.gone
      } answers 410 Gone`,
    );
    console.table({
      ...(relisted
        ? {
            're-list (watch: false, snapshots kept 2 s)': {
              'fleet response ms': `${Math.round(
                relisted.coldMs,
              )} cold / ${Math.round(relisted.cachedMs)} cached`,
              'K8s API requests': `${relisted.requests} per re-list, every cacheTtl`,
            },
          }
        : {}),
      [`watch: first response (page of ${limit})`]: {
        'fleet response ms': Math.round(watched.firstMs),
        'K8s API requests': `${watched.listRequests} until settled (of them ${watched.watches} watches)`,
      },
      [`watch: from memory, first page (${limit} services)`]: {
        'fleet response ms': Math.round(watched.memoryMs),
        'K8s API requests': watched.memoryRequests,
      },
      'watch: from memory, unchanged poll (304)': {
        'fleet response ms': Math.round(watched.unchangedMs),
        'K8s API requests': '',
      },
      [`peer: full matrix from memory (${watched.full.services} services, ${watched.full.cells} cells, ${watched.full.pages} pages of ${MAX_LIMIT})`]:
        {
          'fleet response ms': Math.round(watched.full.ms),
          'K8s API requests': '',
        },
      'watch: change visible in the polled page': {
        'fleet response ms': Math.round(watched.visibleMs),
        'K8s API requests': '',
      },
      [`watch: 1 viewer polling every 2 s for ${windowMs / 1000} s`]: {
        'fleet response ms': `${watched.one.responses} responses`,
        'K8s API requests': watched.one.requests,
      },
      [`watch: ${viewers} viewers polling every 2 s for ${windowMs / 1000} s`]:
        {
          'fleet response ms': `${watched.many.responses} responses`,
          'K8s API requests': watched.many.requests,
        },
    });
  } finally {
    await clusters.stop();
    console.log(`load average at the end: ${machineLoad()}`);
  }
}

runBenchmark(main);
