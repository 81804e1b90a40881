export {
  clusterDisplayTitle,
  formatObjectRef,
  isDeploymentHealthStatus,
} from './deployments';
export { formatBytes, formatRelativeTime, shortDigest } from './format';
export { tryParseRepository } from './kitCommands';
export { findVersion, isVersionReference } from './references';
