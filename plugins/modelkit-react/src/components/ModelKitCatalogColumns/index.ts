export { createModelKitCatalogColumns } from './columns';
export type { ModelKitCatalogTableRow } from './columns';
export {
  ModelKitLatestSizeCell,
  ModelKitLatestVersionCell,
  ModelKitPolicyStatusCell,
  modelKitFramework,
} from './cells';
