export {
  clusterDisplayTitle,
  formatObjectRef,
  isDeploymentHealthStatus,
} from './deployments';
export {
  formatBytes,
  formatRelativeTime,
  shortDigest,
  shortDigestHex,
} from './format';
export { tryParseRepository } from './kitCommands';
export { findVersion, isVersionReference } from './references';
