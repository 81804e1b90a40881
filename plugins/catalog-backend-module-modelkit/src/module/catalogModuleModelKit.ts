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
 * false. The providers keep what they learned from their registries in tables of the catalog's
 * database, created by the package's migrations.
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
        database: coreServices.database,
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
        database,
        auth,
        catalogService,
        registries,
        ingestionStatus,
      }) {
        catalog.addProcessor(
          new ModelKitEntityProcessor({
            aiModelResources:
              config.getOptionalBoolean('kitstage.catalog.aiModelResources') ??
              false,
          }),
        );
        const providers = ModelKitRegistryEntityProvider.fromConfig(config, {
          logger,
          scheduler,
          registries,
          catalog: { service: catalogService, auth },
          database,
        });
        for (const provider of providers) {
          catalog.addEntityProvider(provider);
          ingestionStatus.register(provider);
        }
      },
    });
  },
});
