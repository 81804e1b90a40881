/*
 * What the fleet benchmarks share: the simulated clusters in a process of their own
 * (clusterProcess.ts) and a backend with the real Kubernetes backend and the modelkit plugin
 * reading them, and the Components of the synthetic fleet in a catalog mock.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import modelkitPlugin from '@kitstage/plugin-modelkit-backend';
import type {
  ComponentDeploymentsResponse,
  FleetDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';

/** What the cluster process reports once its clusters listen. */
export interface Clusters {
  objectsPerCluster: number;
  clusters: Array<{ name: string; url: string; token: string }>;
  services: string[];
}

/** Requests the clusters received since the last `clear`. */
export interface Counts {
  requests: number;
  discovery: number;
  listCalls: number;
  /** First pages of lists by `<cluster> <resource>`. */
  listsPerKind: Record<string, number>;
  pages: number;
  watches: number;
  /** Watches opened again: every watch of a cluster and resource type after its first. */
  watchReopens: number;
  /** Requests answered 410 Gone. */
  gone: number;
}

/** The running cluster process. */
export interface RunningClusters {
  child: ChildProcess;
  info: Clusters;
  ask<T>(message: { type: string; [key: string]: unknown }): Promise<T>;
  stop(): Promise<void>;
}

export function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs `work` under the CPU profiler when `file` is given, and writes the profile there
 * (`.cpuprofile`, for Chrome's DevTools or `npx speedscope`).
 */
export async function profiled<T>(
  file: string | undefined,
  what: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of ${what}: ${file}`);
  }
}

/** Starts the simulated clusters in their own process. */
export async function startClusters(
  services: number,
  clusters: number,
): Promise<RunningClusters> {
  const child = fork(
    resolve(__dirname, 'clusterProcess.ts'),
    [JSON.stringify({ services, clusters })],
    {
      execArgv: ['--import', 'tsx', '--max-old-space-size=6144'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  // One question at a time: answers come back in order.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <T>(message: { type: string }): Promise<T> => {
    const answer = queue.then(async () => {
      child.send(message);
      const [reply] = await once(child, 'message');
      return reply as T;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  const [ready] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`The cluster process exited with ${code}`);
    }),
  ]);
  return {
    child,
    info: ready as Clusters,
    ask,
    async stop() {
      child.send({ type: 'exit' });
      await once(child, 'exit');
    },
  };
}

/** The owner of the Component of the `i`-th service (from 0): 20 teams in turn. */
export function teamOf(i: number): string {
  return `group:default/team-${String(i % 20).padStart(2, '0')}`;
}

/**
 * A backend reading the clusters, and timed GETs of its fleet endpoint and of one
 * Component's Deployments view, as the mock user or as the user named. `features` replace
 * the test backend's default services (e.g. a permissions service of the bench's own).
 */
export async function startFleetBackend(
  info: Clusters,
  deployments: JsonObject,
  features: BackendFeature[] = [],
) {
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
      owner: teamOf(i),
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
          kitstage: { deployments },
        },
      }),
      catalogServiceMock.factory({ entities }),
      kubernetesPlugin,
      modelkitPlugin,
      ...features,
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}/api/modelkit/deployments`;
  const url = `${base}/fleet`;
  /**
   * A timed GET of the fleet: the first page of the backend's default size, or the page the
   * query names; with `ifNoneMatch`, a 304 answer has no body.
   */
  const get = async (query = '', ifNoneMatch?: string, user?: string) => {
    const started = performance.now();
    const response = await fetch(query ? `${url}?${query}` : url, {
      headers: {
        authorization: mockCredentials.user.header(user),
        ...(ifNoneMatch ? { 'if-none-match': `"${ifNoneMatch}"` } : {}),
      },
    });
    if (response.status === 304) {
      await response.arrayBuffer();
      return {
        ms: performance.now() - started,
        status: 304,
        body: undefined as unknown as FleetDeploymentsResponse,
      };
    }
    const body = (await response.json()) as FleetDeploymentsResponse;
    if (!response.ok) {
      throw new Error(
        `The fleet endpoint answered ${response.status}: ${JSON.stringify(
          body,
        ).slice(0, 500)}`,
      );
    }
    return { ms: performance.now() - started, status: response.status, body };
  };
  /** A timed GET of one Component's Deployments view (`default` namespace). */
  const getComponent = async (service: string, user?: string) => {
    const started = performance.now();
    const response = await fetch(`${base}/components/default/${service}`, {
      headers: { authorization: mockCredentials.user.header(user) },
    });
    const body = (await response.json()) as ComponentDeploymentsResponse;
    if (!response.ok) {
      throw new Error(
        `The Deployments view of ${service} answered ${
          response.status
        }: ${JSON.stringify(body).slice(0, 500)}`,
      );
    }
    return { ms: performance.now() - started, body };
  };
  return {
    backend,
    entities,
    get,
    getComponent,
    stop: () => backend.stop(),
  };
}

/** The timed GET of the fleet endpoint of `startFleetBackend`. */
export type FleetGet = Awaited<ReturnType<typeof startFleetBackend>>['get'];

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Waits until the backend answers every cluster from memory: no cluster in error or stale,
 * every resource type listed (no warning), and no request reached a cluster for 5 s (every list done, every watch open). On a busy
 * machine lists can take longer than the first response, and a list that ends later starts
 * its cluster's memo again, which is not what an answer from memory costs.
 */
export async function settle(
  get: FleetGet,
  page: string,
  clusters: RunningClusters,
) {
  const deadline = performance.now() + 15 * 60_000;
  let last = -1;
  for (;;) {
    const counts = await clusters.ask<Counts>({ type: 'counts' });
    const { body } = await get(page);
    // A resource type whose first list failed is a warning until it is listed again.
    const current = body.clusters.every(
      c => !c.error && !c.stale && c.warnings.length === 0,
    );
    if (current && counts.requests === last) return counts;
    last = counts.requests;
    if (performance.now() > deadline) {
      throw new Error('The clusters did not settle within 15 minutes');
    }
    await sleep(5000);
  }
}
