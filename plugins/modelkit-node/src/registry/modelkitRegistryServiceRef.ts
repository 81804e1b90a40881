import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { createOciLayoutSources } from '../layout/createOciLayoutSources';
import {
  DefaultRegistryService,
  RegistryRuntime,
  RegistryService,
  usesMemoryCacheStore,
} from './RegistryService';

/**
 * The OCI registry client of Kitstage, configured under `kitstage.registries`.
 *
 * @remarks
 *
 * Plugin scoped, with state shared across plugins: the default factory builds one runtime
 * per backend (connections, bearer tokens, per-registry concurrency limits and request
 * counters), and gives each plugin a service on it whose content cache is that plugin's
 * `coreServices.cache`. With a shared cache store (Redis, Valkey, memcache) the cache is
 * shared by every backend instance of the plugin. With Backstage's in-memory store
 * (`backend.cache.store` unset or `memory`), which has no size limit, each plugin's service
 * uses a bounded in-process cache per registry instead (`cache.maxMemoryEntries`,
 * `cache.maxMemoryBytes`).
 *
 * @public
 */
export const modelkitRegistryServiceRef = createServiceRef<RegistryService>({
  id: 'modelkit.registry',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        rootConfig: coreServices.rootConfig,
        rootLogger: coreServices.rootLogger,
        rootLifecycle: coreServices.rootLifecycle,
        cache: coreServices.cache,
        logger: coreServices.logger,
      },
      createRootContext({ rootConfig, rootLogger, rootLifecycle }) {
        const runtime = RegistryRuntime.fromConfig(
          rootConfig,
          rootLogger.child({ service: 'modelkit.registry' }),
        );
        rootLifecycle.addShutdownHook(() => runtime.close());
        return runtime;
      },
      factory({ cache, logger, rootConfig }, runtime) {
        return new DefaultRegistryService({
          runtime,
          ownsRuntime: false,
          // Backstage's memory store has no size limit; bounded caches of its own replace it.
          cache: usesMemoryCacheStore(rootConfig) ? undefined : cache,
          logger,
          additionalSources: createOciLayoutSources({
            config: rootConfig,
            logger,
          }),
        });
      },
    }),
});
