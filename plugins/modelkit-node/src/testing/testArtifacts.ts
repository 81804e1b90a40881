// The OCI artifacts the test utilities build: the manifest wrapper every builder shares, ModelKits
// laid out as `kit pack` lays them out, and container images, indexes and referrers.

export { buildTestManifest } from './artifactManifests';
export type { TestArtifact } from './artifactManifests';
export {
  buildTestModelKit,
  KITFILE_JSON_ANNOTATION,
  TestModelKitMediaTypes,
} from './testModelKit';
export type { TestKitfile, TestModelKitOptions } from './testModelKit';
export {
  buildTestContainerImage,
  buildTestImageIndex,
  buildTestReferrer,
  buildTestReferrersIndex,
} from './testImages';
