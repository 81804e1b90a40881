import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { toError } from '@backstage/errors';
import {
  CatalogService,
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { repositoryLocation } from '@kitstage/plugin-modelkit-common';
import { RegistryService } from '@kitstage/plugin-modelkit-node';
import {
  EntityNameStore,
  MemoryEntityNameStore,
} from '../state/EntityNameStore';
import { ProviderStateDatabase } from '../state/ProviderStateDatabase';
import {
  noProviderState,
  ProviderStateStore,
} from '../state/ProviderStateStore';
import {
  buildRepositoryEntity,
  RepositoryEntityContext,
} from './buildRepositoryEntity';
import { mapWithConcurrency } from './mapWithConcurrency';
import { nameRepositories } from './nameRepositories';
import {
  createOwnershipResolver,
  createRepositoryFilter,
  ModelKitRegistryEntityProviderConfig,
  readModelKitRegistryEntityProviderConfigs,
} from './ModelKitRegistryEntityProviderConfig';
import { planRemovals, RepositoryOutcome } from './planRemovals';
import { AppliedEntities, readPreviousEntities } from './previousEntities';
import { readRepository, RepositoryRead } from './readRepository';
import {
  ModelKitRegistryProviderStatus,
  ModelKitRegistrySyncResult,
} from './status';
import {
  logSyncResult,
  recordRemovalRefusal,
  recordRepositoryWithoutEntity,
  settleSyncOutcome,
  startSyncResult,
} from './syncResult';

/** Repositories read at once; the registry client also limits requests per registry. */
const READ_CONCURRENCY = 4;

/**
 * Options for {@link ModelKitRegistryEntityProvider.fromConfig}.
 *
 * @public
 */
export interface ModelKitRegistryEntityProviderOptions {
  /** Where syncs are logged. */
  logger: LoggerService;
  /** Runs the syncs; a `global` task runs on one backend instance at a time. */
  scheduler: SchedulerService;
  /** The OCI sources (registries and image layouts) of `kitstage.registries`. */
  registries: RegistryService;
  /**
   * The catalog API and the service's credentials, to find the entities the provider already
   * has in the catalog (also those another backend instance added). Without it, each instance
   * only knows the entities it added itself, and removals wait for the instance that knows them.
   */
  catalog?: { service: CatalogService; auth: AuthService };
  /**
   * The database where the providers keep what they learned from their registries (the digest
   * of each tag, and the manifests and configs of those digests), so that a sync downloads
   * only what changed, whatever the registry client's cache holds, also right after a restart
   * and on whichever backend instance runs it. The module passes the catalog's
   * `coreServices.database`; the tables are created by the package's migrations on first use.
   * The entity name given to each repository is kept there too, so it never changes. Without
   * it, each sync relies on the registry client's cache, and names are kept in memory only.
   */
  database?: DatabaseService;
}

/**
 * Ingests the ModelKits of one `kitstage.registries` entry (an OCI registry or an OCI image
 * layout) into the catalog: one `ModelKit` entity per repository, under the name the repository
 * was first given (never renamed, see the README), built from its newest version, with the
 * owner, lifecycle and system of the first owner rule matching the repository, and lineage
 * (`spec.baseModel`, `spec.datasets`) from the Kitfile's references to other repositories of
 * the same registry.
 *
 * @remarks
 *
 * Failures never take entities away. The provider applies **delta** mutations, never `full`
 * ones: a full mutation replaces everything the provider owns, so a repository that failed to
 * read would lose its entity unless the provider resent the previous one, which it may not
 * have (another backend instance may have ingested it). With a delta:
 *
 * - a registry whose listing fails (down, 5xx, authentication, malformed answer) changes
 *   nothing;
 * - a repository that fails to read (or whose newest ModelKit is invalid) is neither added
 *   nor removed, so its entity stays as it was while the others update;
 * - an entity is removed only when a complete, successful listing says its repository is gone
 *   (not listed, excluded, holding no ModelKit, or named differently now), and never when the
 *   removals exceed `maxRemovalShare` of the provider's entities.
 *
 * Removals need the set of entities the provider has in the catalog. It is read from the
 * catalog on every sync (entities whose `backstage.io/managed-by-origin-location` is this
 * registry), so any backend instance can make them, whichever instance ingested the entities.
 * When the catalog cannot be asked, the provider falls back to the entities this instance
 * applied itself, kept in memory; an entity added by another instance is then left until a
 * later sync can see it. Nothing is removed when neither is known. Every choice errs on
 * keeping an entity: a stale entity is visible and fixable, a wrongly deleted one loses its
 * relations and history.
 *
 * Syncs run as a `global` scheduled task, so when several backend instances share a database
 * one of them runs each sync.
 *
 * With a `database`, the provider keeps what it learned from the registry in its own tables
 * (the digest of each tag, and the manifests and configs of those digests, keyed by the
 * provider name), so a re-sync costs tag listings and `HEAD` requests only, whatever the
 * registry client's cache holds, also right after a restart and on any instance. Stored
 * content is used only when the registry reports the digest it is stored under, and only
 * after it hashes to that digest and parses like registry content; anything else is read from
 * the registry again.
 *
 * @public
 */
export class ModelKitRegistryEntityProvider implements EntityProvider {
  readonly #config: ModelKitRegistryEntityProviderConfig;
  readonly #logger: LoggerService;
  readonly #scheduler: SchedulerService;
  readonly #registries: RegistryService;
  readonly #catalog?: { service: CatalogService; auth: AuthService };
  readonly #state: ProviderStateStore;
  readonly #names: EntityNameStore;
  readonly #includes: (repository: string) => boolean;
  readonly #ownership: ReturnType<typeof createOwnershipResolver>;
  #connection?: EntityProviderConnection;
  #running?: Promise<ModelKitRegistrySyncResult>;
  /** The entities this instance applied: the fallback when the catalog cannot be asked. */
  readonly #applied = new AppliedEntities();
  readonly #status: Omit<
    ModelKitRegistryProviderStatus,
    'running' | 'entities'
  >;

  /**
   * Creates one provider per `kitstage.registries` entry whose `ingest` is not false.
   *
   * @throws Error naming the config key when an entry is invalid.
   */
  static fromConfig(
    config: Config,
    options: ModelKitRegistryEntityProviderOptions,
  ): ModelKitRegistryEntityProvider[] {
    // One migration run for every provider of the database.
    const stateDatabase = options.database
      ? new ProviderStateDatabase(options.database)
      : undefined;
    return readModelKitRegistryEntityProviderConfigs(config).map(
      providerConfig =>
        new ModelKitRegistryEntityProvider(
          providerConfig,
          options,
          stateDatabase,
        ),
    );
  }

  private constructor(
    config: ModelKitRegistryEntityProviderConfig,
    options: ModelKitRegistryEntityProviderOptions,
    stateDatabase: ProviderStateDatabase | undefined,
  ) {
    this.#config = config;
    this.#scheduler = options.scheduler;
    this.#registries = options.registries;
    this.#catalog = options.catalog;
    this.#includes = createRepositoryFilter(config);
    this.#ownership = createOwnershipResolver(config);
    this.#logger = options.logger.child({ target: this.getProviderName() });
    this.#state = stateDatabase
      ? stateDatabase.forProvider(this.getProviderName(), this.#logger)
      : noProviderState;
    this.#names = stateDatabase
      ? stateDatabase.entityNames(this.getProviderName())
      : new MemoryEntityNameStore();
    this.#status = {
      providerName: this.getProviderName(),
      registry: config.registry,
      taskId: this.getTaskId(),
      runs: 0,
    };
  }

  /** {@inheritdoc @backstage/plugin-catalog-node#EntityProvider.getProviderName} */
  getProviderName(): string {
    return `modelkit-registry-provider:${this.#config.registry}`;
  }

  /** The id of the scheduled task that syncs the registry. */
  getTaskId(): string {
    return `${this.getProviderName()}:refresh`;
  }

  /** {@inheritdoc @backstage/plugin-catalog-node#EntityProvider.connect} */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    const { schedule } = this.#config;
    await this.#scheduler.scheduleTask({
      ...schedule,
      id: this.getTaskId(),
      scope: schedule.scope ?? 'global',
      fn: async signal => {
        await this.refresh({ signal });
      },
    });
  }

  /** The provider's state in this backend instance. */
  getStatus(): ModelKitRegistryProviderStatus {
    return {
      ...structuredClone(this.#status),
      running: this.#running !== undefined,
      entities: this.#applied.size,
    };
  }

  /**
   * Syncs the registry now. A call made while a sync runs in this instance waits for that
   * sync. Never rejects: failures are logged and reported in the result and the status.
   */
  async refresh(options?: {
    signal?: AbortSignal;
  }): Promise<ModelKitRegistrySyncResult> {
    if (!this.#running) {
      this.#running = this.#sync(options?.signal).finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  async #sync(signal?: AbortSignal): Promise<ModelKitRegistrySyncResult> {
    const startedAt = new Date();
    const result = startSyncResult(startedAt);
    try {
      await this.#syncInto(result, signal);
    } catch (error) {
      // Anything unexpected: nothing more is applied, and the previous entities stay.
      result.outcome = 'failed';
      result.error = `sync of registry "${this.#config.registry}" failed: ${
        toError(error).message
      }`;
    }
    const finishedAt = new Date();
    result.finishedAt = finishedAt.toISOString();
    result.durationMs = finishedAt.getTime() - startedAt.getTime();
    this.#record(result);
    return result;
  }

  async #syncInto(
    result: ModelKitRegistrySyncResult,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const registry = this.#config.registry;
    const connection = this.#connection;
    if (!connection) {
      throw new Error('the provider is not connected to the catalog yet');
    }
    const source = this.#registries.getSource(registry);

    let listed: string[];
    try {
      listed = await source.listRepositories({ signal });
    } catch (error) {
      result.error = `listing the repositories of registry "${registry}" (${
        source.host
      }) failed, so the ingested entities were kept: ${toError(error).message}`;
      return;
    }
    const included = listed.filter(this.#includes).sort();
    result.counts.repositories = listed.length;
    result.counts.included = included.length;

    const reads = new Map<string, RepositoryRead>();
    await mapWithConcurrency(included, READ_CONCURRENCY, async repository => {
      reads.set(
        repository,
        await readRepository(source, repository, {
          state: this.#state,
          logger: this.#logger,
          signal,
        }),
      );
    });
    let names: Map<string, string>;
    try {
      names = await nameRepositories({
        store: this.#names,
        included,
        reads,
      });
    } catch (error) {
      result.error = `the entity names of registry "${registry}" could not be read or recorded, so the ingested entities were kept: ${
        toError(error).message
      }`;
      return;
    }
    const context: RepositoryEntityContext = {
      registry,
      host: source.host,
      names,
      reads,
      ownership: this.#ownership,
    };

    const outcomes = new Map<string, RepositoryOutcome>();
    const added: DeferredEntity[] = [];
    const ingested = new Map<string, Entity>();
    for (const repository of included) {
      const built = await buildRepositoryEntity(
        repository,
        reads.get(repository)!,
        context,
      );
      if ('error' in built) {
        outcomes.set(repository, { status: 'failed' });
        recordRepositoryWithoutEntity(result, repository, built);
        this.#logger.warn(
          `Repository "${repository}" of registry "${registry}" could not be read; its entity, if any, is kept as it was: ${built.error}`,
        );
      } else if ('skipped' in built) {
        outcomes.set(repository, { status: 'skipped' });
        recordRepositoryWithoutEntity(result, repository, built);
      } else {
        const entityRef = stringifyEntityRef(built.entity);
        outcomes.set(repository, { status: 'ingested', entityRef });
        ingested.set(repository, built.entity);
        added.push({
          entity: built.entity,
          locationKey: repositoryLocation(registry, repository),
        });
      }
    }
    result.counts.ingested = added.length;

    const previous = await readPreviousEntities({
      registry,
      catalog: this.#catalog,
      applied: this.#applied,
      logger: this.#logger,
      result,
    });
    const plan = planRemovals({
      outcomes,
      previous,
      maxRemovalShare: this.#config.maxRemovalShare,
    });
    if (plan.refused) {
      recordRemovalRefusal(result, plan.refused);
    }

    // A delta, not a full mutation: entities of failed repositories are left alone, and only
    // the entities planned for removal go (see the class documentation).
    await connection.applyMutation({
      type: 'delta',
      added,
      removed: plan.removed.map(entityRef => ({ entityRef })),
    });
    result.counts.removed = plan.removed.length;
    this.#applied.record(ingested, plan.removed);
    if (!plan.refused) {
      // The listing is complete and trusted: the state of the repositories it no longer
      // includes goes, with the manifests no tag points at any more.
      await this.#state.keepRepositories(new Set(included));
    }
    settleSyncOutcome(result, included.length, plan.refused);
  }

  #record(result: ModelKitRegistrySyncResult) {
    const status = this.#status;
    status.runs += 1;
    status.lastRun = result;
    if (result.outcome === 'success') {
      status.lastSuccessAt = result.finishedAt;
      delete status.lastError;
    } else {
      status.lastError = result.error;
    }
    logSyncResult(this.#logger, this.#config.registry, result);
  }
}
