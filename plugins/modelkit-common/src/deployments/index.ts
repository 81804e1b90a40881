export type {
  DeploymentCluster,
  DeploymentClusterError,
  DeploymentClusterErrorKind,
  DeploymentClusterStaleness,
  DeploymentClusterState,
  DeploymentClusterWarning,
} from './clusterTypes';
export type {
  DeploymentApplicationSource,
  DeploymentArgoCdOperation,
  DeploymentCondition,
  DeploymentDelivery,
  DeploymentEntitySummary,
  DeploymentFluxSource,
  DeploymentObjectRef,
  DeploymentRolloutProgress,
  DeploymentTrafficTarget,
  DeploymentWorkload,
} from './objectTypes';
export type {
  DeployedModelKit,
  DeploymentModelKitPolicy,
  ModelKitReferenceSource,
} from './deployedModelKitTypes';
export type {
  ComponentDeploymentCard,
  ComponentDeploymentsResponse,
  DeploymentCommand,
  DeploymentSelector,
} from './componentDeploymentTypes';
export type {
  ModelKitDeploymentsResponse,
  ModelKitVersionDeployment,
  ModelKitVersionDeployments,
} from './modelKitDeploymentTypes';
export type {
  FleetCell,
  FleetClusterColumn,
  FleetDeploymentsQuery,
  FleetActionsAvailability,
  FleetDeploymentsResponse,
  FleetModelKit,
  FleetServiceRow,
} from './fleetTypes';
export { DELIVERY_ACTIONS_BY_KIND } from './deliveryActionTypes';
export type {
  DeliveryActionName,
  DeliveryActionRefusal,
  DeliveryActionRequest,
  DeliveryActionResponse,
  DeliveryActionsAvailability,
} from './deliveryActionTypes';
export { ModelKitDeploymentsClient } from './ModelKitDeploymentsClient';
export type { ModelKitDeploymentsApi } from './ModelKitDeploymentsClient';
