export { modelkitApiRef } from './modelkitApiRef';
export { modelkitDeploymentsApiRef } from './modelkitDeploymentsApiRef';
