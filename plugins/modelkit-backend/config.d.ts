import { HumanDuration } from '@backstage/types';

// The configuration keys only the modelkit backend reads. The keys it shares with other
// Kitstage packages (`kitstage.registries`, `kitstage.attestations` with its `cache` and
// `concurrency`, `kitstage.policies`, `kitstage.environments`, `kitstage.promotion`,
// `kitstage.authorization`, `kitstage.provenance`) are declared once, by
// `@kitstage/plugin-modelkit-node`, which parses them.
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
       * (Optional) How long one cluster may take to answer all of its list requests (with
       * watches, each list is timed from when it starts, not while it waits for a slot). A
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
       * resolutions and policy results are cached for the same time; a service's health is
       * evaluated again only when its objects changed or a resolution gives another answer.
       *
       * @default { seconds: 15 }
       * @example { seconds: 30 }
       */
      cacheTtl?: HumanDuration | string;
      /**
       * (Optional) Keep clusters current by list-then-watch (one watch per cluster and resource
       * type, shared by every view) instead of listing them again once `cacheTtl` expired. The
       * cluster role needs `watch` besides `get` and `list`; a resource type that may not be
       * watched is listed again every `cacheTtl`, with a warning on the cluster.
       *
       * @default true
       */
      watch?: boolean;
      /**
       * (Optional) How long a cluster's watches keep running without any view asking.
       *
       * @default { minutes: 10 }
       */
      watchIdleTimeout?: HumanDuration | string;
      /**
       * (Optional) How long a watch may stay silent (no event, no bookmark) or take to open
       * before it counts as broken; its cluster is then shown stale, with the age of its data,
       * until the watch is open again.
       *
       * @default { minutes: 2 }
       */
      watchStallTimeout?: HumanDuration | string;

      /**
       * (Optional) Actions on delivery objects from a Component's Deployments view: Flux
       * reconcile, suspend and resume (Kustomization, HelmRelease and their GitRepository or
       * OCIRepository) and Argo CD refresh and sync (Application). Each is sent through the
       * Kubernetes plugin with the cluster credentials configured under `kubernetes`, which
       * must then allow `patch` on those resources; each needs the permission
       * `kitstage.deployments.operate` on the Component (its owners, with the default
       * decision) and is recorded through the auditor service.
       */
      actions?: {
        /**
         * (Optional) Whether delivery objects may be operated at all. When false, the views
         * are read-only: no action buttons, and the actions route refuses.
         *
         * @default false
         */
        enabled?: boolean;
        /**
         * (Optional) Whether an Argo CD sync prunes the resources that are no longer in Git.
         *
         * @default false
         */
        prune?: boolean;
        /**
         * (Optional) The catalog locations whose Components may be operated. When set, only
         * a Component whose `backstage.io/managed-by-location` (the file the catalog read it
         * from, which the catalog itself writes; not the origin, which every file a listed
         * location references shares) is at or below one of
         * these takes actions, so that nobody can take a name a delivery object's
         * `kitstage.dev/operated-by` annotation gives by registering it first. Each entry is
         * an http(s) URL, `url:<URL>` or `file:<path>` (relative paths resolved against the
         * backend's working directory), compared parsed: scheme, host, port and whole path
         * segments, never as text (`https://github.com/acme/` does not allow
         * `https://github.com/acme-evil/…`). When absent, any Component may be operated.
         *
         * @example ['https://github.com/acme/platform-services/']
         */
        componentLocations?: string[];
      };

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

    /**
     * (Optional) Limits of the lineage graphs (`/modelkits/.../lineage`,
     * `/components/.../lineage`).
     */
    lineage?: {
      /**
       * (Optional) The most nodes in one lineage graph; the farthest are left out beyond it.
       *
       * @default 300
       */
      maxNodes?: number;
    };

    /**
     * (Optional) How model cards are read from docs layers
     * (`/modelkits/.../versions/:version/model-card`).
     *
     * @example
     * ```yaml
     * kitstage:
     *   modelCard:
     *     maxBytes: 524288
     * ```
     */
    modelCard?: {
      /**
       * (Optional) The most bytes of Markdown kept; a longer file is cut and marked truncated.
       *
       * @default 262144
       */
      maxBytes?: number;
      /**
       * (Optional) The largest docs layer (as stored, compressed) that is downloaded.
       *
       * @default 16777216
       */
      maxLayerBytes?: number;
      /**
       * (Optional) The most bytes a docs layer may unpack to.
       *
       * @default 67108864
       */
      maxUnpackedBytes?: number;
      /**
       * (Optional) Hosts (`host` or `host:port`) that model card images may load from,
       * besides the ModelKit's own registry. Hosts are compared parsed: case, a trailing dot,
       * IDN spelling and default ports do not matter, and there is no prefix or wildcard
       * matching. Any other image is served as a link to its address, and an image with a
       * relative path as text.
       *
       * @default []
       * @example ["images.example.com", "docs.internal:8443"]
       */
      imageHosts?: string[];
    };
    /**
     * (Optional) Live metrics of the running ModelKit versions, read by the backend from
     * Prometheus's HTTP API (`/api/v1/query`). The browser never talks to Prometheus. Without
     * this section the live metrics route answers `configured: false` and the Deployments
     * view shows no live metrics.
     *
     * @example
     * ```yaml
     * kitstage:
     *   prometheus:
     *     url: http://prometheus.monitoring:9090
     *     auth: { token: ${PROMETHEUS_TOKEN} }
     *     labels: { modelkit: modelkit, modelkitValue: name@digest }
     *     window: 5m
     * ```
     */
    prometheus?: {
      /**
       * The Prometheus base URL (a path prefix is kept: `https://host/prometheus/`). The only
       * address Kitstage sends metric queries to; redirects are refused.
       */
      url: string;
      /** (Optional) A name for this metrics source, shown with the live metrics. */
      title?: string;
      /**
       * (Optional) Whether this source serves simulated numbers (as the demo's does): the live
       * metrics are then marked SIMULATED, so they are never taken for measurements.
       *
       * @default false
       */
      simulated?: boolean;
      /**
       * (Optional) Credentials for Prometheus or the proxy in front of it: `token` (sent as a
       * bearer token), or `username` and `password` (HTTP basic). Never sent to the browser.
       */
      auth?: {
        /** @visibility secret */
        token?: string;
        /** @visibility secret */
        username?: string;
        /** @visibility secret */
        password?: string;
      };
      /** (Optional) The labels that select a ModelKit version's series. */
      labels?: {
        /**
         * (Optional) The label that carries the ModelKit.
         *
         * @default modelkit
         */
        modelkit?: string;
        /**
         * (Optional) What that label holds: `name@digest` (the guide's convention; the name
         * is the last path segment of the OCI repository, e.g.
         * `support-sentiment@sha256:…`) or `digest` (`sha256:…` alone).
         *
         * @default name@digest
         */
        modelkitValue?: 'name@digest' | 'digest';
        /**
         * (Optional) The label that carries the namespace of the workload that served.
         *
         * @default namespace
         */
        namespace?: string;
        /**
         * (Optional) The label that carries the cluster's name, as the cluster is named
         * under `kubernetes` (usually an external label of each cluster's Prometheus). Not
         * with `cluster`.
         *
         * @default cluster
         */
        cluster?: string;
      };
      /**
       * (Optional) For a Prometheus that holds the metrics of one cluster only, without a
       * cluster label: that cluster's name, as under `kubernetes`. Series are then selected
       * by ModelKit and namespace only, and workloads on other clusters are not measured.
       *
       * @example prod-eu
       */
      cluster?: string;
      /**
       * (Optional) Metric names for the default queries.
       */
      metrics?: {
        /**
         * (Optional) Counter of requests.
         *
         * @default modelkit_requests_total
         */
        requests?: string;
        /**
         * (Optional) Counter of failed requests.
         *
         * @default modelkit_request_errors_total
         */
        errors?: string;
        /**
         * (Optional) Histogram of request latency in seconds, without `_bucket`.
         *
         * @default modelkit_request_duration_seconds
         */
        latencyHistogram?: string;
      };
      /**
       * (Optional) Full PromQL templates replacing the default queries. `{{selector}}` is
       * replaced by the matchers of the ModelKit, cluster and namespace
       * (`modelkit="…",cluster="prod-eu",namespace="nlp"`, each value escaped as a PromQL
       * string), `{{window}}` by `window` and `{{quantile}}` by 0.5, 0.95 or 0.99. Each must
       * return one series.
       *
       * @example
       * ```yaml
       * requestRate: sum(rate(http_requests_total{{{selector}}}[{{window}}]))
       * errorRatio: sum(rate(http_requests_total{code=~"5..",{{selector}}}[{{window}}])) / sum(rate(http_requests_total{{{selector}}}[{{window}}]))
       * ```
       */
      queries?: {
        requestRate?: string;
        errorRatio?: string;
        latencyQuantile?: string;
      };
      /**
       * (Optional) The range window of the rates, a Prometheus duration.
       *
       * @default 5m
       */
      window?: string;
      /**
       * (Optional) How long one query may take.
       *
       * @default { seconds: 5 }
       */
      timeout?: HumanDuration | string;
      /**
       * (Optional) How long a version's answer is reused.
       *
       * @default { seconds: 15 }
       */
      cacheTtl?: HumanDuration | string;
    };
  };
}
