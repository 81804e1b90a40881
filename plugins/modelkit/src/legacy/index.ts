export { modelkitPlugin } from './plugin';
export {
  EntityGroupModelKitsCard,
  EntityModelKitAboutCard,
  EntityModelKitLineageCard,
  EntityModelKitRelationsCard,
} from './entityCards';
export {
  EntityModelKitContentsContent,
  EntityModelKitDeploymentsContent,
  EntityModelKitDiffContent,
  EntityModelKitLineageContent,
  EntityModelKitModelCardContent,
  EntityModelKitPromotionsContent,
  EntityModelKitSecurityContent,
  EntityModelKitVersionsContent,
  EntityModelKitWhereItRunsContent,
} from './entityContents';
export type {
  EntityModelKitLineageProps,
  EntityModelKitVersionsContentProps,
  EntityModelKitWhereItRunsContentProps,
} from './entityContents';
export { ModelKitCatalogFilters, ModelKitFleetPage } from './pages';
export type { ModelKitFleetPageProps } from './pages';
export {
  ModelKitEnvironmentPickerFieldExtension,
  ModelKitVersionPickerFieldExtension,
} from './scaffolderFields';
