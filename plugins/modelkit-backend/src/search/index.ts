export {
  ModelKitCollatorFactory,
  toModelKitDocument,
} from './ModelKitCollatorFactory';
export type { ModelKitDocument } from './ModelKitCollatorFactory';
export { searchModuleModelKitCollator } from './searchModuleModelKitCollator';
