import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ModelKitEntityProcessor } from '../processors';

/**
 * Registers the ModelKit kind processor and the registry entity providers with the catalog.
 *
 * @public
 */
export const catalogModuleModelKit = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'modelkit',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new ModelKitEntityProcessor());
      },
    });
  },
});
