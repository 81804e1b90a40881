export { modelkitApiRef } from './modelkitApiRef';
export { modelkitDeploymentsApiRef } from './modelkitDeploymentsApiRef';
export {
  modelkitPromotionApiRef,
  ModelKitPromotionClient,
} from './modelkitPromotionApiRef';
export type { ModelKitPromotionApi } from './modelkitPromotionApiRef';
