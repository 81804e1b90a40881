import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import type { FieldExtensionComponent } from '@backstage/plugin-scaffolder-react';
import {
  ModelKitEnvironmentPickerField,
  ModelKitVersionPickerField,
  validateModelKitVersion,
} from '../components/ModelKitVersionPickerField';
import { modelkitPlugin } from './plugin';

/**
 * The `ModelKitVersionPicker` scaffolder field for apps on the legacy frontend
 * system: the versions of the ModelKit the form's `component` runs, with their
 * policy badges; its value is the version's digest. Place it inside
 * `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const ModelKitVersionPickerFieldExtension: FieldExtensionComponent<
  string,
  {}
> = modelkitPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ModelKitVersionPicker',
    component: ModelKitVersionPickerField,
    validation: validateModelKitVersion,
  }),
);

/**
 * The `ModelKitEnvironmentPicker` scaffolder field for apps on the legacy
 * frontend system: the environments of `kitstage.environments`, each with its
 * gates. Place it inside `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const ModelKitEnvironmentPickerFieldExtension: FieldExtensionComponent<
  string,
  {}
> = modelkitPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ModelKitEnvironmentPicker',
    component: ModelKitEnvironmentPickerField,
  }),
);
