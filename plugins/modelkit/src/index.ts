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
  EntityModelKitVersionsContent,
  EntityModelKitContentsContent,
  EntityModelKitDiffContent,
} from './plugin';
export type { EntityModelKitVersionsContentProps } from './plugin';
export { modelkitApiRef } from './api';
export { useModelKitVersions } from './hooks/useModelKitVersions';
export type { ModelKitVersionsState } from './hooks/useModelKitVersions';
export { useModelKitVersion } from './hooks/useModelKitVersion';
export type { ModelKitVersionState } from './hooks/useModelKitVersion';
export { useModelKitDiff } from './hooks/useModelKitDiff';
export type { ModelKitDiffState } from './hooks/useModelKitDiff';
export { ModelKitVersionsTable } from './components/ModelKitVersionsTable';
export { ModelKitVersionPicker } from './components/ModelKitVersionPicker';
export { ModelKitVersionSummaryCard } from './components/ModelKitVersionSummaryCard';
export { ModelKitCommandsCard } from './components/ModelKitCommandsCard';
export { ModelKitLayersTable } from './components/ModelKitLayersTable';
export { ModelKitDiffView } from './components/ModelKitDiffView';
export { isModelKitEntity } from './lib/modelKitEntity';
export { ModelKitIcon } from './components/ModelKitIcon';
