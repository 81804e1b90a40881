export { AboutField, AboutFieldList } from './AboutField';
export { ClusterErrorsAlert } from './ClusterErrorsAlert';
export { ClusterTitle } from './ClusterTitle';
export { CompactFieldList } from './CompactFieldList';
export {
  availableDeliveryActions,
  DeliveryActionDialog,
  DeliveryActionsMenu,
} from './DeliveryActions';
export type {
  DeliveryActionDialogProps,
  DeliveryActionsMenuProps,
} from './DeliveryActions';
export { CopyableCommand } from './CopyableCommand';
export { DeploymentStatusChip } from './DeploymentStatusChip';
export { DigestText } from './DigestText';
export { HealthReasonList } from './HealthReasonList';
export { LayerKindLabel } from './LayerKindLabel';
export { LineageGraphView } from './LineageGraph';
export type { LineageGraphViewProps } from './LineageGraph';
export { ModelCardView } from './ModelCardView';
export {
  createModelKitCatalogColumns,
  ModelKitLatestSizeCell,
  ModelKitLatestVersionCell,
  ModelKitPolicyStatusCell,
  modelKitFramework,
} from './ModelKitCatalogColumns';
export type { ModelKitCatalogTableRow } from './ModelKitCatalogColumns';
export { ModelKitCommandsCard } from './ModelKitCommandsCard';
export { ModelKitDiffView } from './ModelKitDiffView';
export { ModelKitErrorPanel } from './ModelKitErrorPanel';
export { ModelKitIcon } from './ModelKitIcon';
export { ModelKitLayersTable } from './ModelKitLayersTable';
export { ModelKitVersionPicker } from './ModelKitVersionPicker';
export { ModelKitVersionSummaryCard } from './ModelKitVersionSummaryCard';
export {
  ModelKitVersionSelectionTab,
  ModelKitVersionTab,
} from './ModelKitVersionTab';
export type {
  ModelKitVersionSelectionTabProps,
  ModelKitVersionTabLabels,
  ModelKitVersionTabProps,
} from './ModelKitVersionTab';
export { ModelKitVersionsTable, versionLabel } from './ModelKitVersionsTable';
export { PolicyBadge, policyBadgeStatus } from './PolicyBadge';
export type { PolicyBadgeStatus, PolicyBadgeValue } from './PolicyBadge';
export { RegistryDigestNote } from './RegistryDigestNote';
export { RelativeTime } from './RelativeTime';
export { SafeMarkdown, safeMarkdownUri } from './SafeMarkdown';
export { StackedList } from './StackedList';
export { VersionPolicyBadge } from './VersionPolicyBadge';
export { VersionTags } from './VersionTags';
export { VerticalStack } from './VerticalStack';
