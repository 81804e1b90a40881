/**
 * The Kitstage frontend plugin for apps on the new frontend system: the cards of
 * ModelKit entity pages (`entity-card:modelkit/about`,
 * `entity-card:modelkit/relations`), their Versions, Contents and Diff tabs
 * (`entity-content:modelkit/versions`, `entity-content:modelkit/contents`,
 * `entity-content:modelkit/diff`), the ModelKit API (`api:modelkit`) and the
 * plugin's translation ref.
 *
 * @packageDocumentation
 */

export { default } from './plugin';
export { modelkitTranslationRef } from '../translation';
