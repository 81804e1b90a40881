export { modelkitApiRef } from './modelkitApiRef';
export { modelkitDeploymentsApiRef } from './modelkitDeploymentsApiRef';
export { modelkitPromotionApiRef } from './modelkitPromotionApiRef';
