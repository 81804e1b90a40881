import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  modelkitAccessServiceRef,
  modelkitAttestationServiceRef,
} from '@kitstage/plugin-modelkit-node';
import { createWriteCatalogInfoAction } from '../actions/catalog/writeCatalogInfo';
import { createWriteKitfileAction } from '../actions/kitfile/writeKitfile';
import { createWriteManifestsAction } from '../actions/manifests/writeManifests';
import { createPromoteModelKitAction } from '../actions/promote/promoteModelKit';
import { createPushBranchAction } from '../actions/promote/pushBranch';
import { createPublishRepositoryAction } from '../actions/publish/publishRepository';
import { createWriteWorkflowAction } from '../actions/workflow/writeWorkflow';

/**
 * Registers the Kitstage scaffolder actions. The promotion actions authorize through the
 * Kitstage access service (`modelkitAccessServiceRef`) and record every promotion, override,
 * refusal, push and publish through the auditor service. The manifests and workflow actions read
 * which environments are gated from `kitstage.environments` of the root config.
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
        auditor: coreServices.auditor,
        access: modelkitAccessServiceRef,
        attestations: modelkitAttestationServiceRef,
      },
      async init({ scaffolder, config, auditor, access, attestations }) {
        scaffolder.addActions(
          createWriteKitfileAction(),
          createWriteManifestsAction({ config }),
          createWriteWorkflowAction({ config }),
          createWriteCatalogInfoAction({ config }),
          createPromoteModelKitAction({
            config,
            access,
            attestations,
            auditor,
          }),
          createPushBranchAction({ config, access, attestations, auditor }),
          createPublishRepositoryAction({ config, access, auditor }),
        );
      },
    });
  },
});
