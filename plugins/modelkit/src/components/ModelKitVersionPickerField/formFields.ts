import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { validateModelKitVersion } from './componentModelKits';
import { ModelKitEnvironmentPickerField } from './ModelKitEnvironmentPickerField';
import { ModelKitVersionPickerField } from './ModelKitVersionPickerField';

/** The `ModelKitVersionPicker` form field of the new frontend system. */
export const modelKitVersionPickerFormField = createFormField({
  name: 'ModelKitVersionPicker',
  component: ModelKitVersionPickerField,
  validation: validateModelKitVersion,
});

/** The `ModelKitEnvironmentPicker` form field of the new frontend system. */
export const modelKitEnvironmentPickerFormField = createFormField({
  name: 'ModelKitEnvironmentPicker',
  component: ModelKitEnvironmentPickerField,
});
