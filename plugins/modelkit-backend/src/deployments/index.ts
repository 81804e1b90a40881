export { modelKitPolicyStatusServiceRef } from './policy/modelKitPolicyStatusServiceRef';
export type {
  ModelKitPolicyStatusRequest,
  ModelKitPolicyStatusService,
} from './policy/modelKitPolicyStatusServiceRef';
