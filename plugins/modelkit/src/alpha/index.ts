export { default } from './plugin';
export { modelkitTranslationRef } from '../translation';
