/**
 * The outcome of one sync of a registry into the catalog.
 *
 * - `success`: the listing and every included repository were read, and every removal the
 *   listing called for was made.
 * - `partial`: the listing was read and the mutation applied, but some repositories failed
 *   (their entities were kept) or the removals were refused by the removal guard.
 * - `failed`: the listing failed or the catalog refused the mutation, so nothing was applied
 *   and every previous entity is still there; or every included repository failed, so only
 *   entities of repositories the listing no longer has could be removed.
 *
 * @public
 */
export type ModelKitRegistrySyncOutcome = 'success' | 'partial' | 'failed';

/**
 * What one sync of a registry into the catalog did.
 *
 * @public
 */
export interface ModelKitRegistrySyncResult {
  /** When the sync started (ISO 8601). */
  startedAt: string;
  /** When it finished (ISO 8601). */
  finishedAt: string;
  /** How long it took, in milliseconds. */
  durationMs: number;
  /** See {@link ModelKitRegistrySyncOutcome}. */
  outcome: ModelKitRegistrySyncOutcome;
  /** What went wrong, when the outcome is not `success`. */
  error?: string;
  /** Counts of repositories and entities. */
  counts: {
    /** Repositories the registry listed. */
    repositories: number;
    /** Of those, repositories the `include` and `exclude` globs select. */
    included: number;
    /** Repositories whose entity was added or updated. */
    ingested: number;
    /** Repositories read that give no entity: no ModelKit in them, or no owner. */
    skipped: number;
    /** Repositories that could not be read; their previous entities were kept. */
    failed: number;
    /** Entities removed from the catalog. */
    removed: number;
  };
  /** The repositories that could not be read, with the reason (at most 50). */
  failedRepositories: Array<{ repository: string; error: string }>;
  /** Included repositories that give no entity, with the reason (at most 50). */
  skippedRepositories: Array<{ repository: string; reason: string }>;
  /** Set when the removal guard refused to remove entities. */
  removalRefused?: {
    /** The entity refs that would have been removed (at most 50). */
    removals: string[];
    /** How many removals there would have been. */
    count: number;
    /** How many entities the provider had in the catalog. */
    previous: number;
    /** The configured `maxRemovalShare`. */
    maxRemovalShare: number;
  };
  /**
   * Where the provider's previous entities were read from: the catalog, this instance's memory
   * of its own syncs (when the catalog could not be asked), or `unknown` (then nothing was
   * removed).
   */
  previousFrom?: 'catalog' | 'memory' | 'unknown';
}

/**
 * The state of one registry's entity provider in this backend instance.
 *
 * @remarks
 *
 * Kept in memory. When several backend instances share a database, the scheduler runs each
 * sync on one of them, so each instance reports the syncs it ran itself.
 *
 * @public
 */
export interface ModelKitRegistryProviderStatus {
  /** The provider name, `modelkit-registry-provider:<registry>`. */
  providerName: string;
  /** The registry entry name. */
  registry: string;
  /** The id of the scheduled task. */
  taskId: string;
  /** Whether a sync is running in this instance. */
  running: boolean;
  /** Syncs this instance has run since it started. */
  runs: number;
  /** The last sync this instance ran. */
  lastRun?: ModelKitRegistrySyncResult;
  /** When the last fully successful sync finished (ISO 8601). */
  lastSuccessAt?: string;
  /** The error of the last sync, unless it fully succeeded. */
  lastError?: string;
  /** Entities this instance knows the provider has in the catalog. */
  entities: number;
}
