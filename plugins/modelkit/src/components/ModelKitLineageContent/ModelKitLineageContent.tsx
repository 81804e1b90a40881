import { Progress, WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  isVersionReference,
  LineageGraphView,
  ModelKitErrorPanel,
  ModelKitVersionPicker,
  shortDigest,
  useModelKitEntityName,
  useModelKitLineage,
  useModelKitVersions,
  useVersionQueryParams,
} from '@kitstage/plugin-modelkit-react';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
  },
}));

const QUERY_KEYS = ['version'] as const;

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
  const entityName = useModelKitEntityName();
  const versions = useModelKitVersions(entityName);
  const [params, setParams] = useVersionQueryParams(QUERY_KEYS);
  const requested = params.version;
  const invalid = requested !== undefined && !isVersionReference(requested);
  const lineage = useModelKitLineage(
    entityName,
    invalid ? undefined : requested,
  );

  let body;
  if (invalid) {
    body = (
      <WarningPanel
        severity="error"
        title={`"${requested}" is not a tag or a manifest digest`}
      />
    );
  } else if (lineage.error) {
    body = (
      <ModelKitErrorPanel
        error={lineage.error}
        title="The lineage could not be loaded"
      />
    );
  } else if (lineage.value) {
    const { version } = lineage.value;
    body = (
      <>
        <Typography variant="body2" color="textSecondary">
          {version
            ? `Lineage as of ${
                version.tags.length > 0
                  ? version.tags.join(', ')
                  : version.reference
              } (${shortDigest(version.digest)})`
            : 'Lineage from the catalog only: no version of this ModelKit could be read'}
        </Typography>
        <LineageGraphView graph={lineage.value.graph} height={props.height} />
      </>
    );
  } else {
    body = <Progress />;
  }

  const selected = requested ?? lineage.value?.version?.digest;
  const showPicker =
    !versions.error && (versions.versions.length > 0 || requested);

  return (
    <div className={classes.root}>
      {showPicker && (
        <div className={classes.header}>
          <ModelKitVersionPicker
            label="Version"
            versions={versions.versions}
            value={selected}
            onChange={digest => setParams({ version: digest })}
            onLoadMore={versions.hasMore ? versions.loadMore : undefined}
            loadingMore={versions.loadingMore}
          />
        </div>
      )}
      {body}
    </div>
  );
}
