export * from './annotations';
export * from './ModelKitEntityV1alpha1';
export * from './modelKitEntityV1alpha1JsonSchema';
export * from './relations';
export { InvalidEntityNameError, parseEntityNameParts } from './entityRef';
export type { EntityNameParts } from './entityRef';
export * from './registryLocation';
