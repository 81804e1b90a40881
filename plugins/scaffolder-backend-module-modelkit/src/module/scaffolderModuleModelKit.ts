import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createWriteCatalogInfoAction } from '../actions/catalog/writeCatalogInfo';
import { createWriteKitfileAction } from '../actions/kitfile/writeKitfile';
import { createWriteManifestsAction } from '../actions/manifests/writeManifests';
import { createWriteWorkflowAction } from '../actions/workflow/writeWorkflow';

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
      async init({ scaffolder }) {
        scaffolder.addActions(
          createWriteKitfileAction(),
          createWriteManifestsAction(),
          createWriteWorkflowAction(),
          createWriteCatalogInfoAction(),
        );
      },
    });
  },
});
