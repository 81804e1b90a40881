export { ModelKitVersionPicker } from './ModelKitVersionPicker';
