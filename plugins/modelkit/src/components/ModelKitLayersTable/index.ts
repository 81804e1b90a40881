export { ModelKitLayersTable } from './ModelKitLayersTable';
