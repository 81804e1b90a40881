import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  DefaultEntityFilters,
  catalogApiRef,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import type { AttestationPolicyStatus } from '@kitstage/plugin-modelkit-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  loadLatestSummary,
  modelkitApiRef,
} from '@kitstage/plugin-modelkit-react';
import {
  ModelKitFrameworkFilter,
  ModelKitPolicyStatusFilter,
  POLICY_STATUSES,
} from './filters';

/** The catalog filters with the ModelKit ones. */
export type ModelKitEntityFilters = DefaultEntityFilters & {
  modelkitFramework?: ModelKitFrameworkFilter;
  modelkitPolicy?: ModelKitPolicyStatusFilter;
};

function queryValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value ? [value] : [];
}

function useIsModelKitKind(): boolean {
  const { filters } = useEntityList<ModelKitEntityFilters>();
  return filters.kind?.value?.toLocaleLowerCase('en-US') === 'modelkit';
}

function CheckboxGroup(props: {
  label: string;
  options: Array<{ value: string; label: string }>;
  selected: string[];
  onChange(values: string[]): void;
  busy?: boolean;
}) {
  const { selected } = props;
  return (
    <Box
      pb={1}
      pt={1}
      role="group"
      aria-label={props.label}
      aria-busy={props.busy}
    >
      <Typography variant="button" component="label">
        {props.label}
      </Typography>
      <FormGroup>
        {props.options.map(option => (
          <FormControlLabel
            key={option.value}
            control={
              <Checkbox
                size="small"
                checked={selected.includes(option.value)}
                onChange={(_event, checked) =>
                  props.onChange(
                    checked
                      ? [...selected, option.value]
                      : selected.filter(v => v !== option.value),
                  )
                }
              />
            }
            label={option.label}
          />
        ))}
      </FormGroup>
    </Box>
  );
}

/**
 * Filters the catalog by ModelKit framework (`spec.framework`), offering the
 * frameworks the catalog's ModelKits have. Shown when the kind is ModelKit.
 *
 * @internal
 */
export function ModelKitFrameworkPicker() {
  const catalogApi = useApi(catalogApiRef);
  const isModelKit = useIsModelKitKind();
  const { updateFilters, queryParameters } =
    useEntityList<ModelKitEntityFilters>();
  const [selected, setSelected] = useState<string[]>(() =>
    queryValues(queryParameters.modelkitFramework),
  );

  const facets = useAsync(async () => {
    const response = await catalogApi.getEntityFacets({
      facets: ['spec.framework'],
      filter: { kind: 'ModelKit' },
    });
    return (response.facets['spec.framework'] ?? [])
      .map(f => f.value)
      .sort((a, b) => a.localeCompare(b));
  }, [catalogApi]);

  useEffect(() => {
    updateFilters({
      modelkitFramework:
        isModelKit && selected.length > 0
          ? new ModelKitFrameworkFilter(selected)
          : undefined,
    });
  }, [isModelKit, selected, updateFilters]);

  if (!isModelKit || !facets.value || facets.value.length === 0) return null;
  return (
    <CheckboxGroup
      label="Framework"
      options={facets.value.map(value => ({ value, label: value }))}
      selected={selected}
      onChange={setSelected}
    />
  );
}

/**
 * Filters the catalog by the attestation policy status of each ModelKit's
 * newest version, which the backend reports (one request per ModelKit,
 * shared with the table's policy column). Shown when the kind is ModelKit.
 *
 * @internal
 */
export function ModelKitPolicyStatusPicker() {
  const catalogApi = useApi(catalogApiRef);
  const modelkitApi = useApi(modelkitApiRef);
  const isModelKit = useIsModelKitKind();
  const { updateFilters, queryParameters } =
    useEntityList<ModelKitEntityFilters>();
  const [selected, setSelected] = useState<AttestationPolicyStatus[]>(() =>
    queryValues(queryParameters.modelkitPolicy).filter(
      (v): v is AttestationPolicyStatus =>
        POLICY_STATUSES.some(s => s.value === v),
    ),
  );
  const selectedKey = useMemo(() => [...selected].sort().join(','), [selected]);

  const matching = useAsync(async () => {
    if (!isModelKit || selectedKey === '') return undefined;
    const wanted = new Set(selectedKey.split(','));
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'ModelKit' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    const result = new Set<string>();
    await Promise.all(
      items.map(async entity => {
        const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
        try {
          const summary = await loadLatestSummary(modelkitApi, {
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
          });
          if (summary.policy && wanted.has(summary.policy.status)) {
            result.add(ref);
          }
        } catch {
          // A ModelKit whose status cannot be read matches no status.
        }
      }),
    );
    return result;
  }, [catalogApi, modelkitApi, isModelKit, selectedKey]);

  useEffect(() => {
    if (!isModelKit || selectedKey === '') {
      updateFilters({ modelkitPolicy: undefined });
    } else if (matching.value) {
      updateFilters({
        modelkitPolicy: new ModelKitPolicyStatusFilter(
          selectedKey.split(',') as AttestationPolicyStatus[],
          matching.value,
        ),
      });
    }
  }, [isModelKit, selectedKey, matching.value, updateFilters]);

  if (!isModelKit) return null;
  return (
    <CheckboxGroup
      label="Policy status"
      options={POLICY_STATUSES}
      selected={selected}
      onChange={values => setSelected(values as AttestationPolicyStatus[])}
      busy={matching.loading}
    />
  );
}

/**
 * The ModelKit filters of the catalog page.
 *
 * @internal
 */
export function ModelKitCatalogFilters() {
  return (
    <>
      <ModelKitFrameworkPicker />
      <ModelKitPolicyStatusPicker />
    </>
  );
}
