import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Kitstage plugins. */
  kitstage?: {
    /**
     * (Optional) OCI registries and image layouts that hold ModelKits. The keys below are read
     * by the catalog module, which ingests one ModelKit entity per repository of each entry;
     * the connection keys (`type`, `url`, `path`, `host`, `auth`, ...) are documented by
     * `@kitstage/plugin-modelkit-node`.
     *
     * @example
     * ```yaml
     * kitstage:
     *   registries:
     *     - name: internal
     *       url: https://registry.example.com
     *       include: [ml/**]
     *       exclude: [ml/sandbox/**]
     *       owners:
     *         - repository: ml/nlp/**
     *           owner: group:nlp-team
     *       defaults:
     *         owner: group:ml-platform
     *         lifecycle: experimental
     *       schedule:
     *         frequency: { minutes: 30 }
     *         timeout: { minutes: 10 }
     * ```
     */
    registries?: Array<{
      /**
       * (Required) Unique name of the entry. The entity provider is named
       * `modelkit-registry-provider:<name>` and its scheduled task
       * `modelkit-registry-provider:<name>:refresh`.
       *
       * @example "internal"
       */
      name: string;

      /**
       * (Optional) Whether the catalog ingests the entry's repositories. Set it to false for a
       * registry that only serves versions to the Kitstage API, for example when its ModelKit
       * entities are written by hand.
       *
       * @default true
       * @example false
       */
      ingest?: boolean;

      /**
       * (Optional) Glob patterns (minimatch) of the repository paths to ingest, without the
       * registry host. A repository must match one of them.
       *
       * @default ["**"]
       * @example ["ml/**", "datasets/*"]
       */
      include?: string | string[];

      /**
       * (Optional) Glob patterns of repository paths to leave out, even when `include` matches
       * them.
       *
       * @default []
       * @example ["sandbox/**", "*-scratch"]
       */
      exclude?: string | string[];

      /**
       * (Optional) Who owns the ingested ModelKits. The first rule whose `repository` matches
       * the repository path gives the owner, and the lifecycle and system when it sets them;
       * `defaults` fill in the rest. A repository no rule matches, without a default owner, is
       * not ingested (it is listed as skipped in the provider's status).
       *
       * @example
       * ```yaml
       * owners:
       *   - repository: ml/nlp/**
       *     owner: group:nlp-team
       *   - repository: [ml/risk/*, ml/fraud-*]
       *     owner: group:risk-team
       *     lifecycle: experimental
       *     system: fraud-platform
       * ```
       */
      owners?: Array<{
        /**
         * (Required) Glob pattern, or list of patterns, of the repository paths the rule
         * applies to.
         *
         * @example "ml/nlp/**"
         */
        repository: string | string[];

        /**
         * (Required) Entity reference of the owner; the kind defaults to Group.
         *
         * @example "group:nlp-team"
         */
        owner: string;

        /**
         * (Optional) Lifecycle of the matched ModelKits.
         *
         * @default "the defaults.lifecycle value"
         * @example "experimental"
         */
        lifecycle?: string;

        /**
         * (Optional) Entity reference of the system the matched ModelKits belong to; the kind
         * defaults to System.
         *
         * @default "the defaults.system value"
         * @example "customer-insights"
         */
        system?: string;
      }>;

      /** (Optional) Values for the repositories no owner rule sets them for. */
      defaults?: {
        /**
         * (Optional) Entity reference of the owner of repositories no rule matches. Without
         * it, those repositories are not ingested.
         *
         * @example "group:ml-platform"
         */
        owner?: string;

        /**
         * (Optional) Lifecycle of the ingested ModelKits.
         *
         * @default "production"
         * @example "experimental"
         */
        lifecycle?: string;

        /**
         * (Optional) Entity reference of the system of the ingested ModelKits.
         *
         * @example "customer-insights"
         */
        system?: string;
      };

      /**
       * (Optional) When the registry is synced. The task is global: with several backend
       * instances on one database, one of them runs each sync. Keys left out take their
       * default.
       *
       * @default { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 15 } }
       * @example
       * ```yaml
       * schedule:
       *   frequency: { hours: 1 }
       *   timeout: { minutes: 15 }
       *   initialDelay: { minutes: 1 }
       * ```
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

      /**
       * (Optional) Largest share (from 0 to 1) of the registry's ingested entities that one
       * sync may remove. A sync whose listing would remove more removes nothing and reports
       * a warning, so a registry answering with an empty or partial listing cannot empty the
       * catalog. Use 1 to turn the guard off.
       *
       * @default 0.5
       * @example 0.2
       */
      maxRemovalShare?: number;
    }>;
  };
}
