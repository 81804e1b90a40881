import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { modelkitRegistryServiceRef } from '@kitstage/plugin-modelkit-node';
import { ModelKitEntityProcessor } from '../processors';
import { ModelKitRegistryEntityProvider } from '../providers';
import { modelkitIngestionStatusServiceRef } from '../service/modelkitIngestionStatusServiceRef';

/**
 * Registers the ModelKit kind processor with the catalog, and one registry entity provider
 * per `kitstage.registries` entry (registries and OCI image layouts) whose `ingest` is not
 * false.
 *
 * @public
 */
export const catalogModuleModelKit = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'modelkit',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalogService: catalogServiceRef,
        registries: modelkitRegistryServiceRef,
        ingestionStatus: modelkitIngestionStatusServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        auth,
        catalogService,
        registries,
        ingestionStatus,
      }) {
        catalog.addProcessor(new ModelKitEntityProcessor());
        const providers = ModelKitRegistryEntityProvider.fromConfig(config, {
          logger,
          scheduler,
          registries,
          catalog: { service: catalogService, auth },
        });
        for (const provider of providers) {
          catalog.addEntityProvider(provider);
          ingestionStatus.register(provider);
        }
      },
    });
  },
});
