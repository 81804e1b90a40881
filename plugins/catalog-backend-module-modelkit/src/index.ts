/**
 * Catalog module for Kitstage: the ModelKit kind and the OCI registry entity provider.
 *
 * @packageDocumentation
 */

export { catalogModuleModelKit as default } from './module/catalogModuleModelKit';
export { ModelKitEntityProcessor } from './processors';
export type { ModelKitEntityProcessorOptions } from './processors';
export * from './providers';
export { modelkitIngestionStatusServiceRef } from './service/modelkitIngestionStatusServiceRef';
export type {
  ModelKitIngestionStatusService,
  ModelKitIngestionStatusSource,
} from './service/modelkitIngestionStatusServiceRef';
