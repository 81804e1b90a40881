export { ModelKitIcon } from './ModelKitIcon';
