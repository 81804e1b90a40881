import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { RegistryContentCache } from './cache';
import { MemoryCacheService } from './MemoryCacheService';
import { readRegistryConfigs } from './config';
import { RegistryConfig } from './configTypes';
import { isOciRepositoryName } from './digest';
import { RegistryError } from './errors';
import { RegistryClient } from './RegistryClient';
import { RegistryTransport } from './transport';
import { OciSource, RegistryRequestCounts } from './types';

/**
 * The OCI sources of the backend: every registry under `kitstage.registries`, plus any
 * other source (such as an OCI image layout) added when the service was built.
 *
 * @public
 */
export interface RegistryService {
  /** Every source, in configuration order. */
  listSources(): OciSource[];

  /**
   * The source with this name.
   *
   * @throws RegistryError of reason `unknown-registry` when there is none.
   */
  getSource(name: string): OciSource;

  /**
   * Finds the source serving a repository reference such as
   * `registry.example.com/team/model` (the form of a ModelKit entity's `spec.repository`),
   * matching the host and port of its URL. Returns undefined when no source serves the host.
   *
   * @throws RegistryError of reason `invalid-argument` when the repository path is malformed.
   */
  findSource(
    repositoryRef: string,
  ): { source: OciSource; repository: string } | undefined;

  /**
   * HTTP requests made per registry since the backend started, across every plugin of the
   * process.
   */
  getRequestCounts(): RegistryRequestCounts[];
}

/**
 * Options for {@link createRegistryService}.
 *
 * @public
 */
export interface CreateRegistryServiceOptions {
  /** The root config; registries are read from `kitstage.registries`. */
  config: Config;
  /** Where retries, dropped entries and cache failures are logged. */
  logger: LoggerService;
  /**
   * Where manifests, configs, tags and listings are cached. Defaults to one bounded in-process
   * cache per registry, sized by its `cache.maxMemoryEntries` and `cache.maxMemoryBytes`.
   */
  cache?: CacheService;
  /**
   * More sources to serve next to the configured registries, e.g. OCI image layouts.
   * Their names must differ from the registry names.
   */
  additionalSources?: OciSource[];
}

/**
 * A {@link RegistryService} that owns its connections.
 *
 * @public
 */
export interface StandaloneRegistryService extends RegistryService {
  /** Closes the connections to the registries. */
  close(): Promise<void>;
}

/**
 * The state shared by every plugin of one backend: one transport (connections, token cache,
 * concurrency limit, request counters) per configured registry.
 *
 * @internal
 */
export class RegistryRuntime {
  readonly transports: RegistryTransport[];

  private constructor(transports: RegistryTransport[]) {
    this.transports = transports;
  }

  static fromConfig(config: Config, logger: LoggerService): RegistryRuntime {
    return RegistryRuntime.fromRegistries(readRegistryConfigs(config), logger);
  }

  static fromRegistries(
    registries: RegistryConfig[],
    logger: LoggerService,
  ): RegistryRuntime {
    return new RegistryRuntime(
      registries.map(
        registry =>
          new RegistryTransport({
            registry,
            logger: logger.child({ registry: registry.name }),
          }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.transports.map(t => t.close()));
  }
}

/**
 * Whether the backend's cache store is Backstage's in-memory store (`backend.cache.store`
 * unset or `memory`), which keeps entries until they are read after expiry and has no size
 * limit. The registry client then uses bounded in-process caches of its own instead.
 *
 * @internal
 */
export function usesMemoryCacheStore(rootConfig: Config): boolean {
  return (
    (rootConfig.getOptionalString('backend.cache.store') ?? 'memory') ===
    'memory'
  );
}

/**
 * The default {@link RegistryService}: one {@link RegistryClient} per configured registry,
 * on the transports of a (possibly shared) runtime, with a content cache of its own.
 *
 * @internal
 */
export class DefaultRegistryService implements StandaloneRegistryService {
  readonly #sources: OciSource[];
  readonly #byName = new Map<string, OciSource>();
  readonly #runtime: RegistryRuntime;
  readonly #ownsRuntime: boolean;

  constructor(options: {
    runtime: RegistryRuntime;
    ownsRuntime: boolean;
    /**
     * The content cache of every registry. When absent, each registry gets a bounded
     * in-process cache of its own, so that one registry cannot evict another's content.
     */
    cache?: CacheService;
    logger: LoggerService;
    additionalSources?: OciSource[];
  }) {
    this.#runtime = options.runtime;
    this.#ownsRuntime = options.ownsRuntime;
    this.#sources = [
      ...options.runtime.transports.map(transport => {
        const logger = options.logger.child({
          registry: transport.registry.name,
        });
        return new RegistryClient({
          transport,
          cache: new RegistryContentCache(
            options.cache ??
              new MemoryCacheService({
                maxEntries: transport.registry.cache.maxMemoryEntries,
                maxBytes: transport.registry.cache.maxMemoryBytes,
              }),
            transport.registry,
            logger,
          ),
          logger,
        });
      }),
      ...(options.additionalSources ?? []),
    ];
    for (const source of this.#sources) {
      if (this.#byName.has(source.name)) {
        throw new Error(
          `Two OCI sources are named "${source.name}"; source names must be unique`,
        );
      }
      this.#byName.set(source.name, source);
    }
  }

  listSources(): OciSource[] {
    return [...this.#sources];
  }

  getSource(name: string): OciSource {
    const source = this.#byName.get(name);
    if (!source) {
      throw new RegistryError({
        reason: 'unknown-registry',
        registry: name,
        detail: `no registry of this name is configured under kitstage.registries (known: ${
          [...this.#byName.keys()].join(', ') || 'none'
        })`,
      });
    }
    return source;
  }

  findSource(
    repositoryRef: string,
  ): { source: OciSource; repository: string } | undefined {
    const slash = repositoryRef.indexOf('/');
    if (slash <= 0) {
      return undefined;
    }
    const host = repositoryRef.slice(0, slash).toLowerCase();
    const repository = repositoryRef.slice(slash + 1);
    const source = this.#sources.find(s => s.host.toLowerCase() === host);
    if (!source) {
      return undefined;
    }
    if (!isOciRepositoryName(repository)) {
      throw new RegistryError({
        reason: 'invalid-argument',
        registry: source.name,
        host: source.host,
        detail: `"${repositoryRef.slice(
          0,
          300,
        )}" does not name a valid repository (lowercase path components separated by '/', without tag or digest)`,
      });
    }
    return { source, repository };
  }

  getRequestCounts(): RegistryRequestCounts[] {
    return this.#runtime.transports.map(t =>
      t.counter.snapshot(t.registry.name),
    );
  }

  async close(): Promise<void> {
    if (this.#ownsRuntime) {
      await this.#runtime.close();
    }
  }
}

/**
 * Creates a {@link RegistryService} with its own connections, token cache and request
 * counters, for scripts, benchmarks and tests. In a backend, depend on
 * `modelkitRegistryServiceRef` instead, which shares them across plugins.
 *
 * @public
 */
export function createRegistryService(
  options: CreateRegistryServiceOptions,
): StandaloneRegistryService {
  return new DefaultRegistryService({
    runtime: RegistryRuntime.fromConfig(options.config, options.logger),
    ownsRuntime: true,
    cache: options.cache,
    logger: options.logger,
    additionalSources: options.additionalSources,
  });
}
