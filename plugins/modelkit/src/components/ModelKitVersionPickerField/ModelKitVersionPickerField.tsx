import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  shortDigest,
  useModelKitPolicyStatus,
  useModelKitVersions,
  VersionPolicyBadge,
} from '@kitstage/plugin-modelkit-react';
import { componentModelKitRefs } from './componentModelKits';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    width: '100%',
  },
  tags: { minWidth: 80, fontWeight: 500 },
  digest: { fontFamily: 'monospace', fontSize: '0.8125rem', flex: 1 },
}));

function formValue(formContext: unknown, key: string): string | undefined {
  const value = (formContext as { formData?: Record<string, unknown> })
    ?.formData?.[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** Which ModelKit the chosen Component runs, from the catalog. */
function useTargetModelKit(
  componentRef: string | undefined,
  modelKitRef: string | undefined,
) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    if (modelKitRef) {
      return { ref: modelKitRef };
    }
    if (!componentRef) {
      return { problem: 'Pick a Component first.' };
    }
    const component = await catalogApi.getEntityByRef(
      parseEntityRef(componentRef, { defaultKind: 'component' }),
    );
    if (!component) {
      return { problem: `${componentRef} is not in the catalog.` };
    }
    const refs = componentModelKitRefs(component);
    if (refs.length === 0) {
      return {
        problem: `${componentRef} depends on no ModelKit (spec.dependsOn).`,
      };
    }
    if (refs.length > 1) {
      return {
        problem: `${componentRef} depends on ${
          refs.length
        } ModelKits (${refs.join(', ')}): pick one under ModelKit.`,
      };
    }
    return { ref: refs[0] };
  }, [catalogApi, componentRef, modelKitRef]);
}

function VersionList(props: {
  modelKitRef: string;
  id: string;
  label: string;
  value?: string;
  required: boolean;
  errors?: string[];
  help?: string;
  onChange(value: string | undefined): void;
}) {
  const classes = useStyles();
  const ref = parseEntityRef(props.modelKitRef);
  const entity = useMemo(
    () => ({ namespace: ref.namespace, name: ref.name }),
    [ref.namespace, ref.name],
  );
  const versions = useModelKitVersions(entity);
  const digests = useMemo(
    () => versions.versions.map(v => v.digest),
    [versions.versions],
  );
  const policy = useModelKitPolicyStatus(entity, digests);
  const hasError = (props.errors?.length ?? 0) > 0;
  const labelId = `${props.id}-label`;

  if (versions.error) {
    return (
      <FormHelperText error>
        Could not list the versions of {props.modelKitRef}:{' '}
        {versions.error.message}
      </FormHelperText>
    );
  }
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={props.required}
      error={hasError}
      disabled={versions.loading}
    >
      <InputLabel id={labelId}>{props.label}</InputLabel>
      <Select
        labelId={labelId}
        id={props.id}
        value={props.value ?? ''}
        onChange={e => props.onChange((e.target.value as string) || undefined)}
        renderValue={selected => {
          const version = versions.versions.find(v => v.digest === selected);
          return version
            ? `${version.tags.join(', ') || 'untagged'} (${version.digest})`
            : String(selected);
        }}
      >
        {versions.versions.map(version => (
          <MenuItem
            key={version.digest}
            value={version.digest}
            data-digest={version.digest}
          >
            <span className={classes.item}>
              <span className={classes.tags}>
                {version.tags.join(', ') || 'untagged'}
              </span>
              <span className={classes.digest}>
                {shortDigest(version.digest)}…
              </span>
              <VersionPolicyBadge
                status={policy.statuses.get(version.digest)}
                lifecycle={policy.lifecycle}
                pending={policy.pending.has(version.digest)}
              />
            </span>
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>
        {versions.loading
          ? `Loading the versions of ${props.modelKitRef}…`
          : `Versions of ${props.modelKitRef}${
              versions.repository ? ` (${versions.repository})` : ''
            }. ${props.help ?? ''}`}
      </FormHelperText>
      {props.errors?.map(error => (
        <FormHelperText key={error} error>
          {error}
        </FormHelperText>
      ))}
      {versions.hasMore && (
        <FormHelperText>
          Showing the newest {versions.versions.length} versions.
        </FormHelperText>
      )}
    </FormControl>
  );
}

/**
 * The `ModelKitVersionPicker` scaffolder field: the versions of the ModelKit
 * that the Component chosen in the form's `component` field runs (or of the
 * form's `modelKit`), newest first, each with its attestation policy badge.
 * The field's value is the version's manifest digest, so the promotion pins
 * exactly the version picked.
 *
 * @internal
 */
export function ModelKitVersionPickerField(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    formContext,
    formData,
    onChange,
    required,
    rawErrors,
    schema,
    idSchema,
    uiSchema,
  } = props;
  const componentRef = formValue(formContext, 'component');
  const modelKitRef = formValue(formContext, 'modelKit');
  const target = useTargetModelKit(componentRef, modelKitRef);
  const label = schema.title ?? 'ModelKit version';
  const help = uiSchema?.['ui:help'] as string | undefined;

  if (target.loading) {
    return (
      <Typography variant="body2" color="textSecondary">
        Finding the ModelKit of {componentRef}…
      </Typography>
    );
  }
  if (target.error || !target.value?.ref) {
    return (
      <FormControl fullWidth margin="normal" error={!!target.error}>
        <Typography variant="subtitle2">{label}</Typography>
        <FormHelperText error={!!target.error || (rawErrors?.length ?? 0) > 0}>
          {target.error
            ? `Could not read ${componentRef}: ${target.error.message}`
            : target.value?.problem}
        </FormHelperText>
      </FormControl>
    );
  }
  return (
    <VersionList
      modelKitRef={target.value.ref}
      id={idSchema?.$id ?? 'modelkit-version'}
      label={label}
      value={formData}
      required={!!required}
      errors={rawErrors}
      help={help}
      onChange={onChange}
    />
  );
}
