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
 * shared by every backend instance of the plugin.
 *
 * @public
 */
export const modelkitRegistryServiceRef = createServiceRef<RegistryService>({
  id: 'kitstage.registry',
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
          rootLogger.child({ service: 'kitstage.registry' }),
        );
        rootLifecycle.addShutdownHook(() => runtime.close());
        return runtime;
      },
      factory({ cache, logger, rootConfig }, runtime) {
        return new DefaultRegistryService({
          runtime,
          ownsRuntime: false,
          cache,
          logger,
          additionalSources: createOciLayoutSources({
            config: rootConfig,
            logger,
          }),
        });
      },
    }),
});
