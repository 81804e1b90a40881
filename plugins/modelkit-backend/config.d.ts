import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Kitstage plugins. */
  kitstage?: {
    /**
     * (Optional) Deployment health: how the modelkit plugin reads clusters. Clusters
     * themselves are configured once, for Backstage's Kubernetes plugin, under `kubernetes`;
     * Kitstage reads them through that plugin and has no cluster settings of its own.
     *
     * @example
     * ```yaml
     * kitstage:
     *   deployments:
     *     clusterTimeout: { seconds: 10 }
     *     cacheTtl: { seconds: 15 }
     * ```
     */
    deployments?: {
      /**
       * (Optional) How long one cluster may take to answer all of its list requests. A
       * cluster that takes longer is shown with a `timeout` error while the others render.
       *
       * @default { seconds: 10 }
       * @example { seconds: 5 }
       */
      clusterTimeout?: HumanDuration | string;

      /**
       * (Optional) How long a snapshot of a cluster (and the cluster list) is reused by every
       * view (fleet page, Component and ModelKit cards) before the cluster is read again. A
       * cluster that failed is remembered as failed for the same time. Tag-to-digest
       * resolutions and policy results are cached for the same time.
       *
       * @default { seconds: 15 }
       * @example { seconds: 30 }
       */
      cacheTtl?: HumanDuration | string;

      /**
       * (Optional) How many clusters are read at the same time.
       *
       * @default 8
       */
      clusterConcurrency?: number;

      /**
       * (Optional) How many list requests run at the same time on one cluster.
       *
       * @default 4
       */
      requestConcurrency?: number;

      /**
       * (Optional) The `limit` of each list request (10 to 10000); longer lists are read in
       * pages with `continue` tokens, like `kubectl` does.
       *
       * @default 500
       */
      listPageSize?: number;

      /**
       * (Optional) The most pages read per resource type and cluster; a longer list is
       * reported as a warning for that resource type.
       *
       * @default 100
       */
      maxListPages?: number;

      /**
       * (Optional) How long resolving a ModelKit tag to a digest, or reading the policy status
       * of a digest, may take.
       *
       * @default { seconds: 5 }
       */
      registryTimeout?: HumanDuration | string;
    };
  };
}
