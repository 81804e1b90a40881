/**
 * Scaffolder actions for Kitstage: write Kitfiles, Kubernetes and Flux manifests, the CI
 * workflow and the catalog entities of a model project.
 *
 * @packageDocumentation
 */

export { scaffolderModuleModelKit as default } from './module/scaffolderModuleModelKit';
export {
  createWriteKitfileAction,
  WRITE_KITFILE_ACTION_ID,
} from './actions/kitfile/writeKitfile';
export {
  createWriteManifestsAction,
  WRITE_MANIFESTS_ACTION_ID,
} from './actions/manifests/writeManifests';
export {
  createWriteWorkflowAction,
  WRITE_WORKFLOW_ACTION_ID,
} from './actions/workflow/writeWorkflow';
export {
  createWriteCatalogInfoAction,
  WRITE_CATALOG_INFO_ACTION_ID,
} from './actions/catalog/writeCatalogInfo';
export type { WriteCatalogInfoActionOptions } from './actions/catalog/writeCatalogInfo';
export type { WriteManifestsActionOptions } from './actions/manifests/writeManifests';
export {
  createPromoteModelKitAction,
  PROMOTE_MODELKIT_ACTION_ID,
} from './actions/promote/promoteModelKit';
export type { PromoteModelKitActionOptions } from './actions/promote/promoteModelKit';
export {
  createPushBranchAction,
  PUSH_BRANCH_ACTION_ID,
} from './actions/promote/pushBranch';
export type { PushBranchActionOptions } from './actions/promote/pushBranch';
export {
  createPublishRepositoryAction,
  PUBLISH_REPOSITORY_ACTION_ID,
} from './actions/publish/publishRepository';
export type { PublishRepositoryActionOptions } from './actions/publish/publishRepository';
