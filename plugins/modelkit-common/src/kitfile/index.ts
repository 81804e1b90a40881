export type {
  Kitfile,
  KitfileCode,
  KitfileDataset,
  KitfileDocs,
  KitfileJsonValue,
  KitfileLayerInfo,
  KitfileModel,
  KitfileModelPart,
  KitfilePackage,
  KitfilePrompt,
} from './types';
export type { KitfileLimits } from './limits';
export type { KitfileIssue } from './InvalidKitfileError';
export { InvalidKitfileError } from './InvalidKitfileError';
export { kitfileSchema } from './kitfileSchema';
export {
  isSupportedKitfileManifestVersion,
  KITFILE_MANIFEST_VERSION,
  normalizeKitfileManifestVersion,
} from './manifestVersion';
export type { ParseKitfileOptions } from './parseKitfile';
export { parseKitfile } from './parseKitfile';
export type { ValidateKitfileOptions } from './validateKitfile';
export { validateKitfile } from './validateKitfile';
export type { SerializeKitfileOptions } from './serializeKitfile';
export { serializeKitfile } from './serializeKitfile';
export {
  getKitfileBaseModelReference,
  getModelKitReference,
  isModelKitReference,
} from './modelReference';
