export {
  evaluatePromotion,
  readPromotionEnvironments,
} from './evaluatePromotion';
export type {
  EvaluatePromotionOptions,
  PromotionContext,
} from './evaluatePromotion';
