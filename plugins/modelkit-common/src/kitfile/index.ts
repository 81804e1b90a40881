export * from './types';
export type { KitfileLimits } from './limits';
export * from './InvalidKitfileError';
export { kitfileSchema } from './kitfileSchema';
export {
  isSupportedKitfileManifestVersion,
  KITFILE_MANIFEST_VERSION,
  normalizeKitfileManifestVersion,
} from './manifestVersion';
export * from './parseKitfile';
export type { ValidateKitfileOptions } from './validateKitfile';
export { validateKitfile } from './validateKitfile';
export * from './serializeKitfile';
export * from './modelReference';
