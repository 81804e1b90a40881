export { ModelKitErrorPanel } from './ModelKitErrorPanel';
