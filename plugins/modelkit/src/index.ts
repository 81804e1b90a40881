/**
 * Kitstage frontend plugin: ModelKit entity pages, cards and the fleet page.
 *
 * @remarks
 *
 * These are the exports for apps on the legacy frontend system. Apps on the new
 * frontend system install the plugin from `@kitstage/plugin-modelkit/alpha`.
 *
 * @packageDocumentation
 */

export {
  modelkitPlugin,
  EntityModelKitAboutCard,
  EntityModelKitRelationsCard,
  EntityModelKitVersionsContent,
  EntityModelKitContentsContent,
  EntityModelKitDiffContent,
  EntityModelKitSecurityContent,
  EntityModelKitDeploymentsContent,
  EntityModelKitWhereItRunsContent,
  ModelKitFleetPage,
  EntityModelKitLineageContent,
  EntityModelKitModelCardContent,
  EntityModelKitLineageCard,
  EntityGroupModelKitsCard,
  ModelKitCatalogFilters,
  EntityModelKitPromotionsContent,
  ModelKitVersionPickerFieldExtension,
  ModelKitEnvironmentPickerFieldExtension,
} from './plugin';
export type {
  EntityModelKitVersionsContentProps,
  EntityModelKitWhereItRunsContentProps,
  ModelKitFleetPageProps,
  EntityModelKitLineageProps,
} from './plugin';
export {
  modelkitApiRef,
  modelkitDeploymentsApiRef,
  modelkitPromotionApiRef,
  ModelKitPromotionClient,
} from './api';
export type { ModelKitPromotionApi } from './api';
export { usePromotionHistory } from './hooks/usePromotionHistory';
export type { PromotionHistoryState } from './hooks/usePromotionHistory';
export { useComponentDeployments } from './hooks/useComponentDeployments';
export type { ComponentDeploymentsState } from './hooks/useComponentDeployments';
export { useModelKitDeployments } from './hooks/useModelKitDeployments';
export type { ModelKitDeploymentsState } from './hooks/useModelKitDeployments';
export { useFleetDeployments } from './hooks/useFleetDeployments';
export type { FleetDeploymentsState } from './hooks/useFleetDeployments';
export { useModelKitVersions } from './hooks/useModelKitVersions';
export type { ModelKitVersionsState } from './hooks/useModelKitVersions';
export { useModelKitVersion } from './hooks/useModelKitVersion';
export type { ModelKitVersionState } from './hooks/useModelKitVersion';
export { useModelKitDiff } from './hooks/useModelKitDiff';
export type { ModelKitDiffState } from './hooks/useModelKitDiff';
export { useModelKitAttestations } from './hooks/useModelKitAttestations';
export type { ModelKitAttestationsState } from './hooks/useModelKitAttestations';
export { useModelKitPolicyStatus } from './hooks/useModelKitPolicyStatus';
export type { ModelKitPolicyStatusState } from './hooks/useModelKitPolicyStatus';
export { useModelKitLatestPolicyStatus } from './hooks/useModelKitLatestPolicyStatus';
export type { ModelKitLatestPolicyStatusState } from './hooks/useModelKitLatestPolicyStatus';
export { ModelKitVersionsTable } from './components/ModelKitVersionsTable';
export { ModelKitVersionPicker } from './components/ModelKitVersionPicker';
export { ModelKitVersionSummaryCard } from './components/ModelKitVersionSummaryCard';
export { ModelKitCommandsCard } from './components/ModelKitCommandsCard';
export { ModelKitLayersTable } from './components/ModelKitLayersTable';
export { ModelKitDiffView } from './components/ModelKitDiffView';
export { isModelKitEntity } from './lib/modelKitEntity';
export { ModelKitIcon } from './components/ModelKitIcon';
export {
  useModelKitLineage,
  useComponentLineage,
} from './hooks/useModelKitLineage';
export type { LineageState } from './hooks/useModelKitLineage';
export { useModelKitModelCard } from './hooks/useModelKitModelCard';
export type { ModelKitModelCardState } from './hooks/useModelKitModelCard';
export { useModelKitLatestSummary } from './hooks/useModelKitLatestSummary';
export type { ModelKitLatestSummaryState } from './hooks/useModelKitLatestSummary';
export { createModelKitCatalogColumns } from './components/ModelKitCatalogColumns';
export type { ModelKitCatalogTableRow } from './components/ModelKitCatalogColumns';
