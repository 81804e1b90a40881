import { LoggerService } from '@backstage/backend-plugin-api';
import type { DeploymentCluster } from '@kitstage/plugin-modelkit-common';
import { ExpiringCache, mapConcurrently } from '../concurrency';
import { DeploymentsConfig } from '../config';
import { KubernetesPluginClient } from './KubernetesPluginClient';
import { ClusterSnapshot, readClusterSnapshot } from './readClusterSnapshot';

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
  readonly #client: KubernetesPluginClient;
  readonly #config: DeploymentsConfig;
  readonly #logger: LoggerService;
  readonly #clusters: ExpiringCache<DeploymentCluster[]>;
  readonly #snapshots: ExpiringCache<ClusterSnapshot>;

  constructor(options: {
    client: KubernetesPluginClient;
    config: DeploymentsConfig;
    logger: LoggerService;
  }) {
    this.#client = options.client;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#clusters = new ExpiringCache({ ttlMs: options.config.cacheTtlMs });
    this.#snapshots = new ExpiringCache({
      ttlMs: options.config.cacheTtlMs,
      maxEntries: 1000,
    });
  }

  /** The configured clusters, in the Kubernetes plugin's order. */
  async getClusters(): Promise<DeploymentCluster[]> {
    return this.#clusters.get('clusters', () =>
      this.#client.listClusters(
        AbortSignal.timeout(this.#config.clusterTimeoutMs),
      ),
    );
  }

  /** A snapshot of every configured cluster, in the Kubernetes plugin's order. */
  async getSnapshots(): Promise<ClusterSnapshot[]> {
    const clusters = await this.getClusters();
    return mapConcurrently(clusters, this.#config.clusterConcurrency, cluster =>
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
      client: this.#client,
      cluster,
      timeoutMs: this.#config.clusterTimeoutMs,
      requestConcurrency: this.#config.requestConcurrency,
      pageSize: this.#config.listPageSize,
      maxPages: this.#config.maxListPages,
    });
    const ms = Date.now() - started;
    if (snapshot.error) {
      this.#logger.warn(
        `Could not read cluster ${cluster.name} (${snapshot.error.kind}) in ${ms} ms: ${snapshot.error.message}`,
      );
    } else {
      for (const warning of snapshot.warnings) {
        this.#logger.warn(
          `Could not list ${warning.resource} on cluster ${cluster.name} (${warning.kind}): ${warning.message}`,
        );
      }
      this.#logger.debug(`Read cluster ${cluster.name} in ${ms} ms`);
    }
    return snapshot;
  }
}

/** The cluster's identity and presentation: a renamed or re-titled cluster is read afresh. */
function snapshotKey(cluster: DeploymentCluster): string {
  return JSON.stringify([cluster.name, cluster.title, cluster.dashboardUrl]);
}
