export {
  ModelKitCatalogFilters,
  ModelKitFrameworkPicker,
  ModelKitPolicyStatusPicker,
} from './ModelKitCatalogFilters';
export { ModelKitFrameworkFilter, ModelKitPolicyStatusFilter } from './filters';
