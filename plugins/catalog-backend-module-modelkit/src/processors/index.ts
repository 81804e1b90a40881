export { ModelKitEntityProcessor } from './ModelKitEntityProcessor';
