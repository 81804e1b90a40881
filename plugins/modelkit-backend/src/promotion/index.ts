export { decideModelKitPromotion } from './permissionPolicy';
export type { ModelKitPromotionPolicyOptions } from './permissionPolicy';
export { ANNOTATION_DEPLOY_REPOSITORY } from '@kitstage/plugin-modelkit-node';
