/**
 * Scaffolder actions for Kitstage: write Kitfiles, Kubernetes and Flux manifests, the CI
 * workflow and the catalog entities of a model project.
 *
 * @packageDocumentation
 */
export { scaffolderModuleModelKit as default } from './module/scaffolderModuleModelKit';
export * from './actions/kitfile/writeKitfile';
export * from './actions/manifests/writeManifests';
export * from './actions/workflow/writeWorkflow';
export * from './actions/catalog/writeCatalogInfo';
export * from './actions/promote/promoteModelKit';
export {
  createPushBranchAction,
  PUSH_BRANCH_ACTION_ID,
} from './actions/promote/pushBranch';
export type { PushBranchActionOptions } from './actions/promote/pushBranch';
export * from './actions/publish/publishRepository';
