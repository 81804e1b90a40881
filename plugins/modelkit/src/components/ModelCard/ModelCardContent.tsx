import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import {
  isVersionReference,
  ModelCardView,
  ModelKitErrorPanel,
  ModelKitVersionPicker,
  useModelKitEntityName,
  useModelKitModelCard,
  useModelKitVersions,
  useVersionQueryParams,
} from '@kitstage/plugin-modelkit-react';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
}));

const QUERY_KEYS = ['version'] as const;

/**
 * The Model card tab of a ModelKit entity page, for one version (the newest
 * by default, or `?version=` a tag or digest).
 *
 * @internal
 */
export function ModelCardContent() {
  const classes = useStyles();
  const entityName = useModelKitEntityName();
  const versions = useModelKitVersions(entityName);
  const [params, setParams] = useVersionQueryParams(QUERY_KEYS);
  const requested = params.version;
  const invalid = requested !== undefined && !isVersionReference(requested);
  const selected = requested ?? versions.versions[0]?.digest;
  const card = useModelKitModelCard(entityName, invalid ? undefined : selected);

  let body;
  if (invalid) {
    body = (
      <WarningPanel
        severity="error"
        title={`"${requested}" is not a tag or a manifest digest`}
      />
    );
  } else if (card.error) {
    body = (
      <ModelKitErrorPanel
        error={card.error}
        title="The model card could not be loaded"
      />
    );
  } else if (card.value) {
    body = <ModelCardView card={card.value} />;
  } else if (card.loading || versions.loading) {
    body = <Progress />;
  } else if (versions.error) {
    body = (
      <ModelKitErrorPanel
        error={versions.error}
        title="The versions could not be loaded"
      />
    );
  } else {
    body = (
      <EmptyState
        missing="data"
        title="No version"
        description="This ModelKit has no version in its registry yet."
      />
    );
  }
  const showPicker =
    !versions.loading &&
    !versions.error &&
    (versions.versions.length > 0 || requested !== undefined);
  return (
    <div className={classes.root}>
      {showPicker && (
        <div>
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
