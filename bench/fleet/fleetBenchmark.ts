/*
 * Fleet page benchmark: N synthetic services on 3 simulated clusters, read through the real
 * Kubernetes backend by the modelkit plugin's fleet endpoint. Prints, per fleet size, the
 * backend time of the fleet endpoint (cold: clusters read; warm: cluster snapshots cached)
 * and the Kubernetes API requests the clusters received.
 *
 *   npx tsx bench/fleet/fleetBenchmark.ts [--sizes 100,250,500] [--clusters 3] [--page-size 500] [--runs 3]
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import modelkitPlugin from '@kitstage/plugin-modelkit-backend';
import type { FleetDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

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

const CACHE_TTL_MS = 2000;
const expire = () => new Promise(r => setTimeout(r, CACHE_TTL_MS + 100));

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Row {
  services: number;
  objects: number;
  listCalls: number;
  discovery: number;
  pages: number;
  requests: number;
  coldMs: number;
  warmMs: number;
  cells: number;
  statuses: string;
}

interface Clusters {
  objectsPerCluster: number;
  clusters: Array<{ name: string; url: string; token: string }>;
  services: string[];
}

interface Counts {
  requests: number;
  discovery: number;
  listCalls: number;
  pages: number;
}

/** Starts the simulated clusters in their own process. */
async function startClusters(services: number): Promise<{
  child: ChildProcess;
  info: Clusters;
  ask<T>(type: string): Promise<T>;
}> {
  const child = fork(
    resolve(__dirname, 'clusterProcess.ts'),
    [JSON.stringify({ services, clusters: clusterCount })],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const ask = async <T>(type: string): Promise<T> => {
    child.send({ type });
    const [message] = await once(child, 'message');
    return message as T;
  };
  const [ready] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`The cluster process exited with ${code}`);
    }),
  ]);
  return { child, info: ready as Clusters, ask };
}

async function measure(serviceCount: number): Promise<Row> {
  const { child, info, ask } = await startClusters(serviceCount);
  const entities: Entity[] = info.services.map((name, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'backstage.io/kubernetes-id': name },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${String(i % 20).padStart(2, '0')}`,
    },
  }));
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: info.clusters.map(c => ({
                  name: c.name,
                  title: `${c.name} (simulated)`,
                  url: c.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: c.token,
                  skipTLSVerify: true,
                })),
              },
            ],
          },
          kitstage: {
            // Snapshots live 2 s: each cold run waits them out, the cached runs fall inside.
            deployments: {
              cacheTtl: { milliseconds: CACHE_TTL_MS },
              listPageSize: pageSize,
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
      kubernetesPlugin,
      modelkitPlugin,
    ],
  });
  const url = `http://127.0.0.1:${backend.server.port()}/api/modelkit/deployments/fleet`;
  const get = async () => {
    const started = performance.now();
    const response = await fetch(url, {
      headers: { authorization: mockCredentials.user.header() },
    });
    const body = (await response.json()) as FleetDeploymentsResponse;
    if (!response.ok) {
      throw new Error(
        `The fleet endpoint answered ${response.status}: ${JSON.stringify(
          body,
        )}`,
      );
    }
    return { ms: performance.now() - started, body };
  };
  try {
    // Warm-up: loads modules and compiles code paths; its requests are not counted.
    await get();

    const cold: number[] = [];
    const warm: number[] = [];
    let body: FleetDeploymentsResponse | undefined;
    let counts: Counts | undefined;
    for (let run = 0; run < runs; run++) {
      await expire();
      await ask('clear');
      const result = await get();
      cold.push(result.ms);
      body = result.body;
      counts = await ask<Counts>('counts');
      // Right after: the cluster snapshots are still cached, no cluster is asked again.
      warm.push((await get()).ms);
      if ((await ask<Counts>('counts')).requests !== counts.requests) {
        throw new Error('The cached run asked a cluster again');
      }
    }
    const cells = body!.counts.cells;
    return {
      services: serviceCount,
      objects: info.objectsPerCluster,
      listCalls: counts!.listCalls,
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
    await backend.stop();
    child.send({ type: 'exit' });
    await once(child, 'exit');
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

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
