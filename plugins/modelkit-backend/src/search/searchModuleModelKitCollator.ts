import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ModelKitCollatorFactory } from './ModelKitCollatorFactory';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 3 },
};

/**
 * A search backend module that indexes ModelKit entities (document type `modelkit`), on the
 * schedule `search.collators.modelkit.schedule` (every 10 minutes by default).
 *
 * @public
 */
export const searchModuleModelKitCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'modelkit-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, logger, auth, scheduler, catalog, indexRegistry }) {
        const scheduleConfig = config.getOptionalConfig(
          'search.collators.modelkit.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: ModelKitCollatorFactory.fromOptions({
            catalog,
            auth,
            logger: logger.child({ component: 'modelkit-collator' }),
          }),
        });
      },
    });
  },
});
