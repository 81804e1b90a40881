export {
  classifyModelKitManifest,
  describeReferrersTag,
} from './classifyManifest';
export type { ModelKitClassification } from './classifyManifest';
export { buildModelKitCommands } from './commands';
export { diffModelKitVersions } from './diffModelKitVersions';
export { findModelKitReferences } from './findModelKitReferences';
export type {
  ModelKitLineageReference,
  ModelKitReferences,
} from './findModelKitReferences';
export { listModelKitVersions } from './listModelKitVersions';
export type { ListModelKitVersionsOptions } from './listModelKitVersions';
export { mapModelKitLayers } from './mapLayers';
export {
  ModelKitAnnotations,
  ModelKitMediaTypes,
  parseModelKitLayerMediaType,
} from './mediaTypes';
export type { ModelKitLayerMediaType } from './mediaTypes';
export { ModelKitError } from './ModelKitError';
export type {
  ModelKitErrorOptions,
  ModelKitErrorReason,
} from './ModelKitError';
export { getModelKitVersion, toModelKitVersion } from './readModelKitVersion';
export type {
  GetModelKitVersionOptions,
  ModelKitVersionInput,
} from './readModelKitVersion';
export {
  findModelCardInLayer,
  MODEL_CARD_DEFAULTS,
  MODEL_CARD_FILE_NAMES,
  ModelCardLayerError,
} from './readModelCard';
export type {
  FindModelCardOptions,
  ModelCardFile,
  ModelCardLayerResult,
} from './readModelCard';
export {
  normalizeImageHost,
  restrictModelCardImages,
} from './restrictModelCardImages';
export type { RestrictModelCardImagesOptions } from './restrictModelCardImages';
