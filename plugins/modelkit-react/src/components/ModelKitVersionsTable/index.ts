export { ModelKitVersionsTable, versionLabel } from './ModelKitVersionsTable';
