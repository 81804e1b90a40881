export { RollbackButton } from './RollbackButton';
export {
  environmentEntries,
  findRollbackTarget,
  promoteTemplateLink,
  promotionDeliveryOf,
  PROMOTE_TEMPLATE_PATH,
} from './rollback';
export type { PromotionDelivery } from './rollback';
