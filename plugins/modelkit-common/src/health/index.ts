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
  ContainerStatusLike,
  DeploymentLike,
  KubernetesConditionLike,
  KubernetesObjectLike,
  PodLike,
  ReplicaSetLike,
  ServiceLike,
} from './kubernetesObjectTypes';
export type {
  ArgoCdApplicationLike,
  ArgoCdApplicationSourceLike,
  FluxHelmReleaseLike,
  FluxKustomizationLike,
  FluxSourceLike,
  FluxSourceReferenceLike,
} from './gitOpsObjectTypes';
export type {
  DeploymentHealthInput,
  DeploymentHealthOptions,
  InferenceServiceLike,
  LLMInferenceServiceLike,
  RunningModelKit,
} from './DeploymentHealthInput';
export type {
  AnalysisRunLike,
  RolloutAnalysisRunStatusLike,
  RolloutCanaryStepLike,
  RolloutLike,
} from './rolloutObjectTypes';
export { evaluateDeploymentHealth } from './evaluateDeploymentHealth';
export {
  compareHealthStatus,
  rollUpHealth,
  rollUpHealthByCluster,
  rollUpHealthByService,
  worstHealthStatus,
} from './rollUpHealth';
export type { HealthCell, HealthRollup } from './rollUpHealth';
