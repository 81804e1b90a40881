import { LoggerService } from '@backstage/backend-plugin-api';
import type { DeploymentCluster } from '@kitstage/plugin-modelkit-common';
import { ExpiringCache, mapConcurrently } from '../concurrency';
import { DeploymentsConfig } from '../config';
import { ClusterWatch } from './ClusterWatch';
import { KubernetesPluginClient } from './KubernetesPluginClient';
import { ClusterSnapshot, readClusterSnapshot } from './readClusterSnapshot';

/**
 * What cluster snapshots are read with.
 *
 * @internal
 */
export interface ClusterSnapshotServiceOptions {
  /** Reads clusters through the Kubernetes plugin's proxy. */
  client: KubernetesPluginClient;
  config: DeploymentsConfig;
  logger: LoggerService;
  now?: () => number;
}

/**
 * Snapshots of every cluster the Kubernetes plugin knows, shared by every view (fleet page,
 * Component and ModelKit cards) and every viewer of this backend instance.
 *
 * @remarks
 * With `kitstage.deployments.watch` (the default) each cluster is kept current in memory by
 * one list-then-watch per resource type ({@link ClusterWatch}), started on the cluster's
 * first use and stopped once no view asked for `watchIdleTimeout`: a view reads memory, and
 * Kubernetes API traffic does not grow with the number of viewers.
 *
 * Without it, snapshots are kept for `cacheTtl` and clusters listed again after it, in
 * parallel, at most `clusterConcurrency` at a time, each within `clusterTimeout`; a cluster
 * that failed is remembered as failed for the same time, so a hanging cluster costs one
 * timeout per period, not one per page view.
 *
 * @internal
 */
export class ClusterSnapshotService {
  readonly #options: ClusterSnapshotServiceOptions;
  readonly #clusters: ExpiringCache<DeploymentCluster[]>;
  readonly #snapshots: ExpiringCache<ClusterSnapshot>;
  readonly #watches = new Map<string, ClusterWatch>();
  readonly #now: () => number;
  #lastUse = 0;
  #idleTimer?: NodeJS.Timeout;

  constructor(options: ClusterSnapshotServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#clusters = new ExpiringCache({ ttlMs: options.config.cacheTtlMs });
    this.#snapshots = new ExpiringCache({
      ttlMs: options.config.cacheTtlMs,
      maxEntries: 1000,
    });
  }

  /** The configured clusters, in the Kubernetes plugin's order. */
  async getClusters(): Promise<DeploymentCluster[]> {
    return this.#clusters.get('clusters', () =>
      this.#options.client.listClusters(
        AbortSignal.timeout(this.#options.config.clusterTimeoutMs),
      ),
    );
  }

  /** A snapshot of every configured cluster, in the Kubernetes plugin's order. */
  async getSnapshots(): Promise<ClusterSnapshot[]> {
    const clusters = await this.getClusters();
    if (this.#options.config.watch) {
      return this.#watched(clusters);
    }
    return mapConcurrently(
      clusters,
      this.#options.config.clusterConcurrency,
      cluster =>
        this.#snapshots.get(snapshotKey(cluster), () => this.#read(cluster)),
    );
  }

  /**
   * Reads one object from a cluster as the cluster holds it now (not from a snapshot),
   * through the Kubernetes plugin with the cluster credentials it is configured with, as
   * `patchObject` sends its patches.
   *
   * @throws ClusterRequestError classified by kind.
   */
  async getObject(
    cluster: string,
    path: string,
    what: string,
  ): Promise<unknown> {
    return this.#options.client.get(cluster, path, {
      what,
      signal: AbortSignal.timeout(this.#options.config.clusterTimeoutMs),
    });
  }

  /**
   * Sends a JSON merge patch of one object to a cluster through the Kubernetes plugin (with
   * the cluster credentials it is configured with) and returns the object as the cluster
   * answers it.
   *
   * @throws ClusterRequestError classified by kind.
   */
  async patchObject(
    cluster: string,
    path: string,
    patch: Record<string, unknown>,
    what: string,
  ): Promise<unknown> {
    return this.#options.client.patch(cluster, path, patch, {
      what,
      signal: AbortSignal.timeout(this.#options.config.clusterTimeoutMs),
    });
  }

  /**
   * Makes the next views of a cluster show a change Kitstage just made to one of its objects:
   * a listed cluster is read again on the next view; a watched cluster is waited for until
   * its watch has seen the object at `resourceVersion` (at most `refreshTimeoutMs`; the watch
   * brings it shortly after otherwise).
   */
  async refresh(
    clusterName: string,
    changed?: { uid?: string; resourceVersion?: string },
    refreshTimeoutMs = 5_000,
  ): Promise<void> {
    const clusters = await this.getClusters();
    const cluster = clusters.find(c => c.name === clusterName);
    if (!cluster) return;
    const key = snapshotKey(cluster);
    if (!this.#options.config.watch) {
      this.#snapshots.delete(key);
      return;
    }
    const watch = this.#watches.get(key);
    if (!watch || !changed?.uid || !changed.resourceVersion) return;
    const deadline = Date.now() + refreshTimeoutMs;
    while (Date.now() < deadline) {
      const snapshot = await watch.snapshot();
      if (hasVersion(snapshot, changed.uid, changed.resourceVersion)) return;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  /** Forgets every cached snapshot and the cluster list, and stops every watch. */
  clear(): void {
    this.#clusters.clear();
    this.#snapshots.clear();
    this.stop();
  }

  /** Stops every watch; the next view starts them again. */
  stop(): void {
    for (const watch of this.#watches.values()) watch.stop();
    this.#watches.clear();
    clearInterval(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** The snapshots of the clusters' watches, started for clusters seen for the first time. */
  async #watched(clusters: DeploymentCluster[]): Promise<ClusterSnapshot[]> {
    this.#lastUse = this.#now();
    this.#watchIdleness();
    const keys = new Set<string>();
    const watches = clusters.map(cluster => {
      const key = snapshotKey(cluster);
      keys.add(key);
      let watch = this.#watches.get(key);
      if (!watch) {
        watch = new ClusterWatch({ ...this.#options, cluster });
        this.#watches.set(key, watch);
      }
      return watch;
    });
    // A cluster no longer configured, or renamed, is no longer watched.
    for (const [key, watch] of this.#watches) {
      if (!keys.has(key)) {
        watch.stop();
        this.#watches.delete(key);
      }
    }
    return Promise.all(watches.map(watch => watch.snapshot()));
  }

  /** Stops the watches once no view asked for `watchIdleTimeout`. */
  #watchIdleness() {
    if (this.#idleTimer) return;
    const idleMs = this.#options.config.watchIdleTimeoutMs;
    this.#idleTimer = setInterval(() => {
      if (this.#now() - this.#lastUse >= idleMs) {
        this.#options.logger.debug(
          `Stopping the cluster watches, idle for ${Math.round(
            idleMs / 1000,
          )} s`,
        );
        this.stop();
      }
    }, Math.max(50, Math.min(idleMs / 2, 30_000)));
    this.#idleTimer.unref?.();
  }

  async #read(cluster: DeploymentCluster): Promise<ClusterSnapshot> {
    const started = Date.now();
    const snapshot = await readClusterSnapshot({
      client: this.#options.client,
      cluster,
      timeoutMs: this.#options.config.clusterTimeoutMs,
      requestConcurrency: this.#options.config.requestConcurrency,
      pageSize: this.#options.config.listPageSize,
      maxPages: this.#options.config.maxListPages,
    });
    const ms = Date.now() - started;
    if (snapshot.error) {
      this.#options.logger.warn(
        `Could not read cluster ${cluster.name} (${snapshot.error.kind}) in ${ms} ms: ${snapshot.error.message}`,
      );
    } else {
      for (const warning of snapshot.warnings) {
        this.#options.logger.warn(
          `Could not list ${warning.resource} on cluster ${cluster.name} (${warning.kind}): ${warning.message}`,
        );
      }
      this.#options.logger.debug(`Read cluster ${cluster.name} in ${ms} ms`);
    }
    return snapshot;
  }
}

/** Whether a snapshot holds the object with this uid at this resource version or later. */
function hasVersion(
  snapshot: ClusterSnapshot,
  uid: string,
  resourceVersion: string,
): boolean {
  for (const objects of Object.values(snapshot.objects)) {
    for (const object of objects) {
      if (object.metadata?.uid !== uid) continue;
      const seen = Number(object.metadata?.resourceVersion);
      const wanted = Number(resourceVersion);
      return Number.isFinite(seen) && Number.isFinite(wanted)
        ? seen >= wanted
        : object.metadata?.resourceVersion === resourceVersion;
    }
  }
  return false;
}

/** The cluster's identity and presentation: a renamed or re-titled cluster is read afresh. */
function snapshotKey(cluster: DeploymentCluster): string {
  return JSON.stringify([cluster.name, cluster.title, cluster.dashboardUrl]);
}
