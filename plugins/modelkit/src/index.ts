/**
 * Kitstage frontend plugin: ModelKit entity pages, cards and the fleet page.
 *
 * @remarks
 *
 * These are the exports for apps on the legacy frontend system. Apps on the new
 * frontend system install the plugin from `@kitstage/plugin-modelkit/alpha`.
 *
 * @packageDocumentation
 */

export {
  modelkitPlugin,
  EntityModelKitAboutCard,
  EntityModelKitRelationsCard,
} from './plugin';
export { isModelKitEntity } from './lib/modelKitEntity';
export { ModelKitIcon } from './components/ModelKitIcon';
