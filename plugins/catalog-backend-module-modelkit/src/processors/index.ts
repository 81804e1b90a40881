export { ModelKitEntityProcessor } from './ModelKitEntityProcessor';
export type { ModelKitEntityProcessorOptions } from './ModelKitEntityProcessor';
