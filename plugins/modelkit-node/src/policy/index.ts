export { modelkitPolicyStatusServiceRef } from './modelkitPolicyStatusServiceRef';
export type {
  ModelKitPolicyStatusRequest,
  ModelKitPolicyStatusService,
} from './modelkitPolicyStatusServiceRef';
