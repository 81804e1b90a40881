import {
  coreServices,
  createBackendModule,
  type BackendFeature,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/**
 * What a demo service started: how to stop it, called when the backend shuts down.
 */
export interface DemoServiceHandle {
  stop(): Promise<void>;
}

/**
 * A backend module of the demo portal that starts one loopback service when its settings are
 * configured under `kitstage.demo.<configKey>`, and stops it with the backend. Nothing starts
 * when the settings are absent, so the production configuration never starts a demo service.
 *
 * @param options.start - starts the service from its settings; throws (after releasing what
 *   it started) when the settings are wrong, which stops the backend's start with that error.
 */
export function createDemoModule(options: {
  pluginId: string;
  moduleId: string;
  configKey: string;
  start(context: {
    settings: Config;
    logger: LoggerService;
  }): Promise<DemoServiceHandle>;
}): BackendFeature {
  return createBackendModule({
    pluginId: options.pluginId,
    moduleId: options.moduleId,
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          lifecycle: coreServices.rootLifecycle,
        },
        async init({ config, logger, lifecycle }) {
          const settings = config.getOptionalConfig(
            `kitstage.demo.${options.configKey}`,
          );
          if (!settings) {
            return;
          }
          const service = await options.start({ settings, logger });
          lifecycle.addShutdownHook(() => service.stop());
        },
      });
    },
  });
}
