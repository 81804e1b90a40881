export {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  HEALTH_REASON_CODES,
} from './DeploymentHealth';
export type {
  DeploymentHealth,
  DeploymentHealthStatus,
  HealthImpact,
  HealthObjectReference,
  HealthReason,
  HealthReasonCode,
  HealthReasonSeverity,
} from './DeploymentHealth';
export type {
  ArgoCdApplicationLike,
  ContainerStatusLike,
  DeploymentHealthInput,
  DeploymentHealthOptions,
  DeploymentLike,
  FluxHelmReleaseLike,
  FluxKustomizationLike,
  FluxSourceLike,
  FluxSourceReferenceLike,
  InferenceServiceLike,
  KubernetesConditionLike,
  KubernetesObjectLike,
  PodLike,
  ReplicaSetLike,
  RunningModelKit,
  ServiceLike,
} from './DeploymentHealthInput';
export { evaluateDeploymentHealth } from './evaluateDeploymentHealth';
export {
  compareHealthStatus,
  rollUpHealth,
  rollUpHealthByCluster,
  rollUpHealthByService,
  worstHealthStatus,
} from './rollUpHealth';
export type { HealthCell, HealthRollup } from './rollUpHealth';
