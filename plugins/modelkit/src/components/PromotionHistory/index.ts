export { PromotionHistoryContent } from './PromotionHistoryContent';
export { PromotionSummaryCard } from './PromotionSummaryCard';
