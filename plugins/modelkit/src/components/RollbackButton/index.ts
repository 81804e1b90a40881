export { RollbackButton } from './RollbackButton';
export {
  environmentEntries,
  findRollbackTarget,
  promoteTemplateLink,
  PROMOTE_TEMPLATE_PATH,
} from './rollback';
