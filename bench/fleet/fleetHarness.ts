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
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import modelkitPlugin from '@kitstage/plugin-modelkit-backend';
import type { FleetDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
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

/** A backend reading the clusters, and a timed GET of its fleet endpoint. */
export async function startFleetBackend(
  info: Clusters,
  deployments: JsonObject,
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
          kitstage: { deployments },
        },
      }),
      catalogServiceMock.factory({ entities }),
      kubernetesPlugin,
      modelkitPlugin,
    ],
  });
  const url = `http://127.0.0.1:${backend.server.port()}/api/modelkit/deployments/fleet`;
  /**
   * A timed GET of the fleet: the first page of the backend's default size, or the page the
   * query names; with `ifNoneMatch`, a 304 answer has no body.
   */
  const get = async (query = '', ifNoneMatch?: string) => {
    const started = performance.now();
    const response = await fetch(query ? `${url}?${query}` : url, {
      headers: {
        authorization: mockCredentials.user.header(),
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
  return { backend, get, stop: () => backend.stop() };
}
