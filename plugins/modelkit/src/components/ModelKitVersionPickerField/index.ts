export { ModelKitVersionPickerField } from './ModelKitVersionPickerField';
export { ModelKitEnvironmentPickerField } from './ModelKitEnvironmentPickerField';
export {
  componentModelKitRefs,
  validateModelKitVersion,
} from './componentModelKits';
