import { useApi } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { PromotionEnvironment } from '@kitstage/plugin-modelkit-common';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import useAsync from 'react-use/esm/useAsync';
import { modelkitPromotionApiRef } from '@kitstage/plugin-modelkit-react';

/** One line on an environment's gates. */
export function describeGates(environment: PromotionEnvironment): string {
  const gates = [
    environment.policy && `policy ${environment.policy}`,
    environment.allowedLifecycles?.length &&
      `lifecycles ${environment.allowedLifecycles.join(', ')}`,
    environment.forbiddenLifecycles?.length &&
      `never ${environment.forbiddenLifecycles.join(', ')}`,
  ].filter(Boolean);
  return gates.length ? gates.join('; ') : 'no gates';
}

/**
 * The `ModelKitEnvironmentPicker` scaffolder field: the environments of
 * `kitstage.environments` from the backend, each with its gates.
 *
 * @internal
 */
export function ModelKitEnvironmentPickerField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const api = useApi(modelkitPromotionApiRef);
  const { loading, error, value } = useAsync(
    () => api.getEnvironments(),
    [api],
  );
  const id = idSchema?.$id ?? 'modelkit-environment';
  const labelId = `${id}-label`;
  if (error) {
    return (
      <FormHelperText error>
        Could not list the environments: {error.message}
      </FormHelperText>
    );
  }
  const environments = value?.items ?? [];
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={!!required}
      error={(rawErrors?.length ?? 0) > 0}
      disabled={loading}
    >
      <InputLabel id={labelId}>{schema.title ?? 'Environment'}</InputLabel>
      <Select
        labelId={labelId}
        id={id}
        value={formData ?? ''}
        onChange={e => onChange((e.target.value as string) || undefined)}
      >
        {environments.map(environment => (
          <MenuItem key={environment.name} value={environment.name}>
            {environment.title ?? environment.name} (
            {describeGates(environment)})
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>
        {loading
          ? 'Loading the environments…'
          : 'Its gates decide whether the version may go there.'}
      </FormHelperText>
      {rawErrors?.map(e => (
        <FormHelperText key={e} error>
          {e}
        </FormHelperText>
      ))}
    </FormControl>
  );
}
