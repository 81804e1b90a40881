/**
 * Alpha exports of `@kitstage/plugin-modelkit-react`: the translation ref of
 * the Kitstage frontend's messages.
 *
 * @packageDocumentation
 */

export { modelkitTranslationRef } from './translation';
