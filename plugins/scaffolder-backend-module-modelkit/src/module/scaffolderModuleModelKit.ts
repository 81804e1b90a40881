import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Registers the Kitstage scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleModelKit = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'modelkit',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder: _scaffolder }) {},
    });
  },
});
