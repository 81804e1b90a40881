import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  modelkitAttestationServiceRef,
  modelkitRegistryServiceRef,
} from '@kitstage/plugin-modelkit-node';
import { createWriteCatalogInfoAction } from '../actions/catalog/writeCatalogInfo';
import { createWriteKitfileAction } from '../actions/kitfile/writeKitfile';
import { createWriteManifestsAction } from '../actions/manifests/writeManifests';
import { createPromoteModelKitAction } from '../actions/promote/promoteModelKit';
import { createPushBranchAction } from '../actions/promote/pushBranch';
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
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        registry: modelkitRegistryServiceRef,
        attestations: modelkitAttestationServiceRef,
      },
      async init({
        scaffolder,
        config,
        permissions,
        catalog,
        registry,
        attestations,
      }) {
        scaffolder.addActions(
          createWriteKitfileAction(),
          createWriteManifestsAction(),
          createWriteWorkflowAction(),
          createWriteCatalogInfoAction(),
          createPromoteModelKitAction({
            config,
            catalog,
            registry,
            attestations,
            permissions,
          }),
          createPushBranchAction({ config }),
        );
      },
    });
  },
});
