export { buildManifests } from './buildManifests';
export { KSERVE_RUNTIMES } from './inferenceService';
export { initialModelKitReference } from './spec';
export type { ManifestFile, ManifestsSpec, ServingStyle } from './spec';
