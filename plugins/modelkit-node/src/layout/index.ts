export {
  DEFAULT_OCI_LAYOUT_HOST,
  DEFAULT_OCI_LAYOUT_LIMITS,
  readOciLayoutConfig,
  readOciLayoutConfigs,
} from './config';
export type { OciLayoutConfig, OciLayoutLimits } from './config';
export { OciLayoutSource } from './OciLayoutSource';
export type { OciLayoutSourceOptions } from './OciLayoutSource';
export { createOciLayoutSources } from './createOciLayoutSources';
