export { ModelKitFleetPage } from './ModelKitFleetPage';
