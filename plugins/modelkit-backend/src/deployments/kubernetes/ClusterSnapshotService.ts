import { LoggerService } from '@backstage/backend-plugin-api';
import type { DeploymentCluster } from '@kitstage/plugin-modelkit-common';
import { ExpiringCache, mapConcurrently } from '../concurrency';
import { DeploymentsConfig } from '../config';
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
}

/**
 * Snapshots of every cluster the Kubernetes plugin knows, kept for a short time
 * (`kitstage.deployments.cacheTtl`) so the fleet page and the cards of many Components share
 * one read per cluster. Clusters are read in parallel, at most `clusterConcurrency` at a time,
 * each within `clusterTimeout`; a cluster that failed is remembered as failed for the same
 * time, so a hanging cluster costs one timeout per period, not one per page view.
 *
 * @internal
 */
export class ClusterSnapshotService {
  readonly #options: ClusterSnapshotServiceOptions;
  readonly #clusters: ExpiringCache<DeploymentCluster[]>;
  readonly #snapshots: ExpiringCache<ClusterSnapshot>;

  constructor(options: ClusterSnapshotServiceOptions) {
    this.#options = options;
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
    return mapConcurrently(
      clusters,
      this.#options.config.clusterConcurrency,
      cluster =>
        this.#snapshots.get(snapshotKey(cluster), () => this.#read(cluster)),
    );
  }

  /** Forgets every cached snapshot and the cluster list. */
  clear(): void {
    this.#clusters.clear();
    this.#snapshots.clear();
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

/** The cluster's identity and presentation: a renamed or re-titled cluster is read afresh. */
function snapshotKey(cluster: DeploymentCluster): string {
  return JSON.stringify([cluster.name, cluster.title, cluster.dashboardUrl]);
}
