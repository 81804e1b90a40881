/*
 * Live fleet benchmark: S synthetic services on C simulated clusters (default 5,000 × 10),
 * read through the real Kubernetes backend by the modelkit plugin's fleet endpoint, first by
 * re-listing (kitstage.deployments.watch: false, today's way), then kept current by
 * list-then-watch (the default). Prints, for the same fleet:
 *
 *   - re-list: the fleet response with clusters read (cold) and with snapshots cached;
 *   - watch: the first response (clusters listed, watches opened), the response from memory,
 *     the time from a change on a cluster until the fleet response shows it, and the
 *     Kubernetes API requests while 1 and while V viewers poll the fleet every 2 s.
 *
 *   npx tsx bench/fleet/fleetWatchBenchmark.ts [--services 5000] [--clusters 10] [--runs 3]
 *     [--viewers 10] [--window 10]
 *
 * Defaults may also come from FLEET_WATCH_SERVICES, FLEET_WATCH_CLUSTERS and
 * FLEET_WATCH_VIEWERS.
 */
import type { FleetDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  Counts,
  median,
  RunningClusters,
  startClusters,
  startFleetBackend,
} from './fleetHarness';

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
  },
});
const serviceCount = Number(values.services);
const clusterCount = Number(values.clusters);
const runs = Number(values.runs);
const viewers = Number(values.viewers);
const windowMs = Number(values.window) * 1000;
for (const [name, value] of [
  ['--services', serviceCount],
  ['--clusters', clusterCount],
  ['--runs', runs],
  ['--viewers', viewers],
  ['--window', windowMs],
] as const) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of at least 1`);
  }
}

const POLL_MS = 2000;
const CACHE_TTL_MS = 2000;
// Large fleets take longer than the default 10 s to list on a busy machine: measure, not time out.
const CLUSTER_TIMEOUT = { minutes: 3 };
// Service 1 is healthy on cluster-1 in the synthetic fleet; the change toggles it.
const CHANGED_SERVICE = 'synthetic-0001';
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
    const first = await get();
    // The watches of the last lists open right after the first response.
    await sleep(1000);
    const listed = await clusters.ask<Counts>({ type: 'counts' });
    const memory: number[] = [];
    for (let run = 0; run < runs; run++) memory.push((await get()).ms);
    const afterMemory = await clusters.ask<Counts>({ type: 'counts' });

    const visible: number[] = [];
    let status = cellOf((await get()).body);
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
        const now = cellOf((await get()).body);
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
    const one = await pollWith(1, get, clusters);
    const many = await pollWith(viewers, get, clusters);
    return {
      firstMs: first.ms,
      listRequests: listed.requests,
      watches: listed.watches,
      memoryMs: median(memory),
      memoryRequests: afterMemory.requests - listed.requests,
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
  console.log(
    `load average at the start: ${loadavg()
      .map(l => l.toFixed(2))
      .join(', ')}`,
  );
  console.log(
    `Live fleet: ${serviceCount} services × ${clusterCount} simulated clusters through the Kubernetes backend, median of ${runs} runs`,
  );
  const clusters = await startClusters(serviceCount, clusterCount);
  try {
    const relisted = await relist(clusters);
    console.log(
      `re-list: ${Math.round(relisted.coldMs)} ms cold, ${Math.round(
        relisted.cachedMs,
      )} ms cached, ${relisted.requests} K8s API requests per re-list`,
    );
    const watched = await watch(clusters);
    console.log(
      `${clusters.info.objectsPerCluster} objects per cluster, ${watched.cells} cells`,
    );
    console.table({
      're-list (watch: false, snapshots kept 2 s)': {
        'fleet response ms': `${Math.round(
          relisted.coldMs,
        )} cold / ${Math.round(relisted.cachedMs)} cached`,
        'K8s API requests': `${relisted.requests} per re-list, every cacheTtl`,
      },
      'watch: first response': {
        'fleet response ms': Math.round(watched.firstMs),
        'K8s API requests': `${watched.listRequests} (of them ${watched.watches} watches)`,
      },
      'watch: from memory': {
        'fleet response ms': Math.round(watched.memoryMs),
        'K8s API requests': watched.memoryRequests,
      },
      'watch: change visible in the fleet response': {
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
    console.log(
      `load average at the end: ${loadavg()
        .map(l => l.toFixed(2))
        .join(', ')}`,
    );
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
