export type {
  PromotionChange,
  PromotionEnvironment,
  PromotionEvaluation,
  PromotionEvaluationRequest,
  PromotionGateKind,
  PromotionGateResult,
  PromotionHistoryEntry,
  PromotionHistoryResponse,
  PromotionTarget,
} from './types';
export { parsePromotionEnvironments } from './environments';
export { evaluatePromotionGates } from './gates';
export type { PromotionGateInput } from './gates';
export {
  findPromotionLiveAt,
  parsePullRequestFromCommitMessage,
} from './history';
export {
  findOverlayModelKitReferences,
  OVERLAY_MAX_BYTES,
  replaceOverlayModelKitReferences,
} from './overlay';
export type { OverlayModelKitReference, OverlayReferenceKind } from './overlay';
export { ModelKitPromotionClient } from './ModelKitPromotionClient';
export type { ModelKitPromotionApi } from './ModelKitPromotionClient';
