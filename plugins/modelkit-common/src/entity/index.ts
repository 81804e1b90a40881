export {
  ANNOTATION_MODELKIT,
  ANNOTATION_MODELKIT_AUTHORS,
  ANNOTATION_MODELKIT_LATEST_DIGEST,
  ANNOTATION_MODELKIT_LATEST_SIZE,
  ANNOTATION_MODELKIT_LATEST_VERSION,
  ANNOTATION_MODELKIT_REPOSITORY,
  ANNOTATION_OPERATED_BY,
} from './annotations';
export {
  MODELKIT_API_VERSION_V1ALPHA1,
  MODELKIT_KIND,
  isModelKitEntity,
  modelKitEntityV1alpha1Schema,
  modelKitEntityV1alpha1Validator,
} from './ModelKitEntityV1alpha1';
export type { ModelKitEntityV1alpha1 } from './ModelKitEntityV1alpha1';
export { modelKitEntityV1alpha1JsonSchema } from './modelKitEntityV1alpha1JsonSchema';
export { modelKitEntityV1alpha1Relations } from './relations';
export type { ModelKitEntityRelationField } from './relations';
export { InvalidEntityNameError, parseEntityNameParts } from './entityRef';
export type { EntityNameParts } from './entityRef';
export {
  MODELKIT_REGISTRY_LOCATION_TYPE,
  registryOriginLocation,
  repositoryLocation,
} from './registryLocation';
