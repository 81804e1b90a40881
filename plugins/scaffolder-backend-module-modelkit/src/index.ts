/**
 * Scaffolder actions for Kitstage.
 *
 * @packageDocumentation
 */

export { scaffolderModuleModelKit as default } from './module/scaffolderModuleModelKit';
