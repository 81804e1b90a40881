export type {
  ModelCardDisagreement,
  ModelCardDocument,
  ModelCardFrontMatter,
  ModelCardFrontMatterLimits,
  ModelCardResult,
} from './types';
export { readModelCard } from './readModelCard';
export { compareModelCardWithKitfile } from './compareWithKitfile';
