/**
 * The Kitstage frontend plugin for apps on the new frontend system: the cards of
 * ModelKit entity pages (`entity-card:modelkit/about`,
 * `entity-card:modelkit/relations`) and the plugin's translation ref.
 *
 * @packageDocumentation
 */

export { default } from './plugin';
export { modelkitTranslationRef } from '../translation';
