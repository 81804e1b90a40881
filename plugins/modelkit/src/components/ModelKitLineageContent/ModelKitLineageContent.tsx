import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ModelKitLineageResponse } from '@kitstage/plugin-modelkit-common';
import {
  LineageGraphView,
  ModelKitVersionPicker,
  ModelKitVersionTab,
  shortDigest,
  useModelKitLineage,
  useModelKitVersionSelection,
} from '@kitstage/plugin-modelkit-react';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
  },
}));

function lineageCaption(version: ModelKitLineageResponse['version']): string {
  if (!version) {
    return 'Lineage from the catalog only: no version of this ModelKit could be read';
  }
  const names =
    version.tags.length > 0 ? version.tags.join(', ') : version.reference;
  return `Lineage as of ${names} (${shortDigest(version.digest)})`;
}

/**
 * The Lineage tab of a ModelKit entity page: the graph from the datasets,
 * base models and source of one version (the newest by default, or
 * `?version=` a tag or digest) through the ModelKit and its fine-tunes to the
 * Components that serve it and the clusters they run on, with a table of
 * every node and the warnings of the backend (missing references, cycles,
 * limits).
 *
 * @internal
 */
export function ModelKitLineageContent(props: { height?: number }) {
  const classes = useStyles();
  const selection = useModelKitVersionSelection();
  const { versions, requested, invalidReference } = selection;
  // Without `?version=` the backend draws the newest version, and the picker
  // shows the version the lineage is as of.
  const lineage = useModelKitLineage(
    selection.entityName,
    invalidReference ? undefined : requested,
  );
  const showPicker =
    !versions.error && (versions.versions.length > 0 || requested);

  return (
    <ModelKitVersionTab
      versions={versions}
      invalidReference={invalidReference}
      state={lineage}
      pickers={
        showPicker && (
          <div className={classes.header}>
            <ModelKitVersionPicker
              label="Version"
              {...selection.pickerProps}
              value={requested ?? lineage.value?.version?.digest}
            />
          </div>
        )
      }
      // The lineage loads without a version too (the newest then).
      labels={{
        loadError: 'The lineage could not be loaded',
        loadMoreError: undefined,
        noVersion: undefined,
      }}
    >
      {value => (
        <>
          <Typography variant="body2" color="textSecondary">
            {lineageCaption(value.version)}
          </Typography>
          <LineageGraphView graph={value.graph} height={props.height} />
        </>
      )}
    </ModelKitVersionTab>
  );
}
