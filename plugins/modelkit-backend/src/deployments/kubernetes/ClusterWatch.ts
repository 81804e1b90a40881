import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  DeploymentCluster,
  DeploymentClusterError,
  DeploymentClusterWarning,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { limitConcurrency } from '../concurrency';
import type { DeploymentsConfig } from '../config';
import { KubernetesPluginClient } from './KubernetesPluginClient';
import {
  readableResources,
  servedGroupVersions,
  toClusterError,
} from './listResource';
import { ClusterSnapshot, emptyObjects } from './readClusterSnapshot';
import { qualifiedName } from './resources';
import { ResourceWatch } from './ResourceWatch';
import { recordSnapshotChanges, SnapshotChanges } from './snapshotChanges';

/**
 * What a cluster's watches need.
 *
 * @internal
 */
export interface ClusterWatchOptions {
  client: KubernetesPluginClient;
  cluster: DeploymentCluster;
  config: DeploymentsConfig;
  logger: LoggerService;
  now?: () => number;
}

/** How many batches of changed objects are remembered for the per-service memo. */
const CHANGE_LOG_LIMIT = 5_000;

/**
 * One cluster kept current in memory: one discovery request (`/apis`), then one
 * {@link ResourceWatch} per resource type the cluster serves. Its snapshot is built from
 * memory, once per change, and says when the data is stale: a watch that broke after its
 * first list keeps its objects, and the cluster is marked stale since the watch's last
 * contact until it is open again. A cluster whose discovery failed answers with that error,
 * and is asked again after `cacheTtl`.
 *
 * @internal
 */
export class ClusterWatch {
  readonly #options: ClusterWatchOptions;
  readonly #now: () => number;
  readonly #stopper = new AbortController();
  readonly #started: number;
  #watches?: ResourceWatch[];
  #apis = { flux: false, argoCd: false, kserve: false };
  #discoveryError?: DeploymentClusterError;
  /** True while the watches started after discovery list for the first time. */
  #listing = false;
  #ready: Promise<void>;
  #generation = 0;
  #log: Array<{ generation: number; objects: KubernetesObjectLike[] }> = [];
  #built?: { generation: number; snapshot: ClusterSnapshot };
  #wasStale = false;

  constructor(options: ClusterWatchOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#started = this.#now();
    this.#ready = this.#discover();
  }

  /** The number of changes seen so far; grows with every change of an object. */
  get generation(): number {
    return this.#generation;
  }

  /** Stops every watch of the cluster. */
  stop(): void {
    this.#stopper.abort();
    for (const watch of this.#watches ?? []) watch.stop();
  }

  /**
   * The cluster's objects as they are in memory. The first call waits for the first lists,
   * at most `clusterTimeout` after the watches started; the snapshot of one generation is
   * the same object, with its `observedAt` and `stale` brought up to date.
   */
  async snapshot(): Promise<ClusterSnapshot> {
    const { config, cluster } = this.#options;
    const left = this.#started + config.clusterTimeoutMs - this.#now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.#ready.then(() => false),
      new Promise<boolean>(resolve => {
        timer = setTimeout(() => resolve(true), Math.max(0, left));
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      return this.#failed(
        toClusterError(
          new DOMException('timeout', 'TimeoutError'),
          cluster.name,
          config.clusterTimeoutMs,
        ),
      );
    }
    if (!this.#watches || this.#listing) {
      return this.#failed(
        this.#discoveryError ?? {
          kind: 'error',
          message: `Cluster ${cluster.name} is still being read`,
        },
      );
    }
    const watches = this.#watches;
    const failed = watches.filter(watch => !watch.listed);
    if (failed.length > 0 && failed.length === watches.length) {
      return this.#failed(failed[0].error!);
    }
    const warnings: DeploymentClusterWarning[] = watches.flatMap(watch => {
      const warning = watch.listed ? watch.notice : watch.error;
      return warning
        ? [{ resource: qualifiedName(watch.resource), ...warning }]
        : [];
    });
    const snapshot = this.#snapshotOfGeneration();
    const broken = watches.filter(watch => watch.brokenSince !== undefined);
    const now = this.#now();
    snapshot.warnings = warnings;
    if (broken.length > 0) {
      const oldest = broken.reduce((a, b) =>
        a.brokenSince! <= b.brokenSince! ? a : b,
      );
      const since = oldest.brokenSince!;
      snapshot.observedAt = new Date(since).toISOString();
      snapshot.stale = {
        since: snapshot.observedAt,
        ageSeconds: Math.max(0, Math.floor((now - since) / 1000)),
        message:
          oldest.error?.message ??
          `The watch of ${qualifiedName(oldest.resource)} broke`,
      };
      if (!this.#wasStale) {
        this.#options.logger.warn(
          `Cluster ${cluster.name} is stale since ${snapshot.observedAt}: ${snapshot.stale.message}`,
        );
      }
      this.#wasStale = true;
    } else {
      snapshot.observedAt = new Date(now).toISOString();
      delete snapshot.stale;
      if (this.#wasStale) {
        this.#options.logger.info(`Cluster ${cluster.name} is current again`);
      }
      this.#wasStale = false;
    }
    return snapshot;
  }

  #snapshotOfGeneration(): ClusterSnapshot {
    if (this.#built?.generation === this.#generation) {
      return this.#built.snapshot;
    }
    const objects = emptyObjects();
    for (const watch of this.#watches ?? []) {
      objects[watch.resource.id] = watch.objects();
    }
    const snapshot: ClusterSnapshot = {
      ...this.#options.cluster,
      warnings: [],
      apis: { ...this.#apis },
      objects,
    };
    const generation = this.#generation;
    const changes: SnapshotChanges = {
      series: this,
      generation,
      since: from => this.#changesSince(from, generation),
    };
    recordSnapshotChanges(snapshot, changes);
    this.#built = { generation, snapshot };
    return snapshot;
  }

  /** The objects changed after generation `from` up to `to`; undefined when forgotten. */
  #changesSince(from: number, to: number): KubernetesObjectLike[] | undefined {
    if (from === to) return [];
    const first = this.#log[0];
    if (from > to || !first || first.generation > from + 1) return undefined;
    const objects: KubernetesObjectLike[] = [];
    for (const entry of this.#log) {
      if (entry.generation > from && entry.generation <= to) {
        objects.push(...entry.objects);
      }
    }
    return objects;
  }

  #failed(error: DeploymentClusterError): ClusterSnapshot {
    return {
      ...this.#options.cluster,
      error,
      warnings: [],
      apis: { flux: false, argoCd: false, kserve: false },
      objects: emptyObjects(),
    };
  }

  #changed(objects: KubernetesObjectLike[]) {
    if (objects.length === 0) return;
    this.#generation += 1;
    this.#log.push({ generation: this.#generation, objects });
    if (this.#log.length > CHANGE_LOG_LIMIT) {
      this.#log = this.#log.slice(-CHANGE_LOG_LIMIT / 2);
    }
  }

  /** Discovers the served resource types (retrying with back-off), then starts the watches. */
  async #discover(): Promise<void> {
    const { client, cluster, config } = this.#options;
    const signal = this.#stopper.signal;
    let settle!: () => void;
    const ready = new Promise<void>(resolve => {
      settle = resolve;
    });
    const run = async () => {
      while (!signal.aborted) {
        try {
          const served = servedGroupVersions(
            await client.get(cluster.name, '/apis', {
              what: 'list its API groups',
              signal: AbortSignal.any([
                AbortSignal.timeout(config.clusterTimeoutMs),
                signal,
              ]),
            }),
          );
          this.#listing = true;
          this.#startWatches(readableResources(served));
          await Promise.all(this.#watches!.map(watch => watch.firstAttempt));
          this.#listing = false;
          settle();
          return;
        } catch (error) {
          if (signal.aborted) break;
          this.#discoveryError = toClusterError(
            error,
            cluster.name,
            config.clusterTimeoutMs,
          );
          this.#options.logger.warn(
            `Could not read cluster ${cluster.name} (${
              this.#discoveryError.kind
            }): ${this.#discoveryError.message}`,
          );
          settle();
          // A cluster that cannot be read is asked again once per cacheTtl.
          await new Promise(resolve => {
            const timer = setTimeout(resolve, config.cacheTtlMs);
            timer.unref?.();
            signal.addEventListener(
              'abort',
              () => {
                clearTimeout(timer);
                resolve(undefined);
              },
              { once: true },
            );
          });
        }
      }
      settle();
    };
    run();
    return ready;
  }

  #startWatches(readable: ReturnType<typeof readableResources>) {
    const { client, cluster, config } = this.#options;
    const limitList = limitConcurrency(config.requestConcurrency);
    this.#apis = { flux: false, argoCd: false, kserve: false };
    for (const { resource } of readable) {
      if (resource.family !== 'core') this.#apis[resource.family] = true;
    }
    this.#watches = readable.map(
      ({ resource, versions }) =>
        new ResourceWatch({
          context: {
            client,
            cluster,
            pageSize: config.listPageSize,
            maxPages: config.maxListPages,
          },
          resource,
          versions,
          listTimeoutMs: config.clusterTimeoutMs,
          stallTimeoutMs: config.watchStallTimeoutMs,
          retryUnlistedMs: config.cacheTtlMs,
          limitList,
          onChange: objects => this.#changed(objects),
          now: this.#now,
        }),
    );
    for (const watch of this.#watches) watch.start();
  }
}
