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
} from './legacy';
export type {
  EntityModelKitVersionsContentProps,
  EntityModelKitWhereItRunsContentProps,
  ModelKitFleetPageProps,
  EntityModelKitLineageProps,
} from './legacy';
export {
  isModelKitEntity,
  ModelKitPromotionClient,
} from '@kitstage/plugin-modelkit-common';
export type { ModelKitPromotionApi } from '@kitstage/plugin-modelkit-common';
export {
  createModelKitCatalogColumns,
  modelkitApiRef,
  ModelKitCommandsCard,
  modelkitDeploymentsApiRef,
  ModelKitDiffView,
  ModelKitIcon,
  ModelKitLayersTable,
  modelkitPromotionApiRef,
  ModelKitVersionPicker,
  ModelKitVersionsTable,
  ModelKitVersionSummaryCard,
  useComponentDeployments,
  useComponentLineage,
  useFleetDeployments,
  useModelKitAttestations,
  useModelKitDeployments,
  useModelKitDiff,
  useModelKitLatestPolicyStatus,
  useModelKitLatestSummary,
  useModelKitLineage,
  useModelKitModelCard,
  useModelKitPolicyStatus,
  useModelKitVersion,
  useModelKitVersions,
  usePromotionHistory,
} from '@kitstage/plugin-modelkit-react';
export type {
  ComponentDeploymentsState,
  FleetDeploymentsState,
  LineageState,
  ModelKitAttestationsState,
  ModelKitCatalogTableRow,
  ModelKitDeploymentsState,
  ModelKitDiffState,
  ModelKitLatestPolicyStatusState,
  ModelKitLatestSummaryState,
  ModelKitModelCardState,
  ModelKitPolicyStatusState,
  ModelKitVersionsState,
  ModelKitVersionState,
  PromotionHistoryState,
} from '@kitstage/plugin-modelkit-react';
