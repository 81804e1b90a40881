/*
 * Fleet page benchmark, re-listing (kitstage.deployments.watch: false): N synthetic services
 * on 3 simulated clusters, read through the real Kubernetes backend by the modelkit plugin's
 * fleet endpoint. Prints, per fleet size, the backend time of the fleet endpoint (cold:
 * clusters read; warm: cluster snapshots cached) and the Kubernetes API requests the clusters
 * received. fleetWatchBenchmark.ts prints the same fleet kept current by watches.
 *
 *   npx tsx bench/fleet/fleetBenchmark.ts [--sizes 100,250,500] [--clusters 3] [--page-size 500] [--runs 3]
 */
import { parseArgs } from 'node:util';
import type { FleetDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import {
  Counts,
  median,
  startClusters,
  startFleetBackend,
} from './fleetHarness';
import { runBenchmark } from '../runBenchmark';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,250,500' },
    clusters: { type: 'string', default: '3' },
    'page-size': { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const clusterCount = Number(values.clusters);
const pageSize = Number(values['page-size']);
const runs = Number(values.runs);
for (const [name, value] of [
  ['--sizes', Math.min(...sizes)],
  ['--clusters', clusterCount],
  ['--page-size', pageSize],
  ['--runs', runs],
] as const) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be whole numbers of at least 1`);
  }
}

// Long enough that a cold read on a busy machine (several seconds) has not outlived the
// snapshots it made by the time the cached run starts.
const CACHE_TTL_MS = 8000;
const expire = () => new Promise(r => setTimeout(r, CACHE_TTL_MS + 100));

interface Row {
  services: number;
  objects: number;
  listCalls: number;
  /** Resource types listed per cluster. */
  kinds: number;
  discovery: number;
  pages: number;
  requests: number;
  coldMs: number;
  warmMs: number;
  cells: number;
  statuses: string;
}

async function measure(serviceCount: number): Promise<Row> {
  const clusters = await startClusters(serviceCount, clusterCount);
  const { info, ask } = clusters;
  // Re-listing, as without watches: snapshots live CACHE_TTL_MS, each cold run waits them out
  // and the cached runs fall inside.
  const { get, stop } = await startFleetBackend(info, {
    watch: false,
    cacheTtl: { milliseconds: CACHE_TTL_MS },
    listPageSize: pageSize,
  });
  try {
    // Warm-up: loads modules and compiles code paths; its requests are not counted.
    await get();

    const cold: number[] = [];
    const warm: number[] = [];
    let body: FleetDeploymentsResponse | undefined;
    let counts: Counts | undefined;
    for (let run = 0; run < runs; run++) {
      await expire();
      await ask({ type: 'clear' });
      const result = await get();
      cold.push(result.ms);
      body = result.body;
      counts = await ask<Counts>({ type: 'counts' });
      const repeated = Object.entries(counts.listsPerKind).filter(
        ([, n]) => n !== 1,
      );
      if (repeated.length > 0) {
        throw new Error(
          `A resource type was listed more than once on a cluster: ${repeated
            .map(([kind, n]) => `${kind} ${n}×`)
            .join(', ')}`,
        );
      }
      // Right after: the cluster snapshots are still cached, no cluster is asked again.
      warm.push((await get()).ms);
      if (
        (await ask<Counts>({ type: 'counts' })).requests !== counts.requests
      ) {
        throw new Error(
          `The cached run asked a cluster again (the cold run took ${Math.round(
            result.ms,
          )} ms, snapshots live ${CACHE_TTL_MS} ms)`,
        );
      }
    }
    const cells = body!.counts.cells;
    return {
      services: serviceCount,
      objects: info.objectsPerCluster,
      listCalls: counts!.listCalls,
      kinds: Object.keys(counts!.listsPerKind).length / clusterCount,
      discovery: counts!.discovery,
      pages: counts!.pages,
      requests: counts!.requests,
      coldMs: median(cold),
      warmMs: median(warm),
      cells: Object.values(cells).reduce((a, b) => a + b, 0),
      statuses: Object.entries(cells)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `${status} ${n}`)
        .join(', '),
    };
  } finally {
    await stop();
    await clusters.stop();
  }
}

async function main() {
  console.log(
    `Fleet endpoint, ${clusterCount} simulated clusters through the Kubernetes backend, list page size ${pageSize}, median of ${runs} runs`,
  );
  const rows: Row[] = [];
  for (const size of sizes) {
    rows.push(await measure(size));
  }
  console.table(
    rows.map(row => ({
      services: row.services,
      'objects / cluster': row.objects,
      'list calls': row.listCalls,
      'kinds listed / cluster': row.kinds,
      'discovery calls': row.discovery,
      'continue pages': row.pages,
      'K8s API requests': row.requests,
      'cold ms (clusters read)': Math.round(row.coldMs),
      'snapshots cached ms': Math.round(row.warmMs),
      cells: row.cells,
    })),
  );
  for (const row of rows) {
    console.log(`${row.services} services: ${row.statuses}`);
  }
}

runBenchmark(main);
