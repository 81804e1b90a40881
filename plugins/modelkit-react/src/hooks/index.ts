export { useComponentDeployments } from './useComponentDeployments';
export type { ComponentDeploymentsState } from './useComponentDeployments';
export {
  DEFAULT_DEPLOYMENTS_PATH,
  useComponentDeploymentsLink,
} from './useComponentDeploymentsLink';
export { useFleetDeployments } from './useFleetDeployments';
export type { FleetDeploymentsState } from './useFleetDeployments';
export { useModelKitAttestations } from './useModelKitAttestations';
export type { ModelKitAttestationsState } from './useModelKitAttestations';
export { useModelKitDeployments } from './useModelKitDeployments';
export type { ModelKitDeploymentsState } from './useModelKitDeployments';
export { useModelKitDiff } from './useModelKitDiff';
export type { ModelKitDiffState } from './useModelKitDiff';
export { useModelKitEntityName } from './useModelKitEntityName';
export { useModelKitLatestPolicyStatus } from './useModelKitLatestPolicyStatus';
export type { ModelKitLatestPolicyStatusState } from './useModelKitLatestPolicyStatus';
export {
  loadLatestSummary,
  useModelKitLatestSummary,
} from './useModelKitLatestSummary';
export type { ModelKitLatestSummaryState } from './useModelKitLatestSummary';
export { useComponentLineage, useModelKitLineage } from './useModelKitLineage';
export type { LineageState } from './useModelKitLineage';
export { useModelKitModelCard } from './useModelKitModelCard';
export type { ModelKitModelCardState } from './useModelKitModelCard';
export { useModelKitPolicyStatus } from './useModelKitPolicyStatus';
export type { ModelKitPolicyStatusState } from './useModelKitPolicyStatus';
export { useModelKitVersion } from './useModelKitVersion';
export type { ModelKitVersionState } from './useModelKitVersion';
export { useModelKitVersionSelection } from './useModelKitVersionSelection';
export type { ModelKitVersionSelection } from './useModelKitVersionSelection';
export { useModelKitVersions } from './useModelKitVersions';
export type { ModelKitVersionsState } from './useModelKitVersions';
export { usePromotionHistory } from './usePromotionHistory';
export type { PromotionHistoryState } from './usePromotionHistory';
export { useVersionQueryParams } from './useVersionQueryParams';
export { useDeliveryAction } from './useDeliveryAction';
export type { DeliveryActionState } from './useDeliveryAction';
