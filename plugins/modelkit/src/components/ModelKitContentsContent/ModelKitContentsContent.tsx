import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import {
  isVersionReference,
  ModelKitCommandsCard,
  ModelKitErrorPanel,
  ModelKitLayersTable,
  ModelKitVersionPicker,
  ModelKitVersionSummaryCard,
  useModelKitEntityName,
  useModelKitVersion,
  useModelKitVersions,
  useVersionQueryParams,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
}));

const QUERY_KEYS = ['version'] as const;

/**
 * The Contents tab of a ModelKit entity page: pick a version (the newest by
 * default), then see its Kitfile summary, its `kit` commands and its layers.
 *
 * @remarks
 *
 * The selected version is kept in the `version` query parameter (a tag or a
 * digest), so a link to the page opens the same version.
 *
 * @internal
 */
export function ModelKitContentsContent() {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const entityName = useModelKitEntityName();
  const versions = useModelKitVersions(entityName);
  const [params, setParams] = useVersionQueryParams(QUERY_KEYS);

  const requested = params.version;
  const invalid = requested !== undefined && !isVersionReference(requested);
  const selected = requested ?? versions.versions[0]?.digest;
  const version = useModelKitVersion(
    entityName,
    invalid ? undefined : selected,
  );

  let body;
  if (invalid) {
    body = (
      <WarningPanel
        severity="error"
        title={t('invalidReference', { reference: requested })}
      />
    );
  } else if (version.error) {
    body = (
      <ModelKitErrorPanel
        error={version.error}
        title={t('contentsContent.loadError')}
      />
    );
  } else if (version.value) {
    body = (
      <Grid container spacing={2}>
        <Grid item xs={12} md={7}>
          <ModelKitVersionSummaryCard version={version.value} />
        </Grid>
        <Grid item xs={12} md={5}>
          <ModelKitCommandsCard commands={version.value.commands} />
        </Grid>
        <Grid item xs={12}>
          <ModelKitLayersTable layers={version.value.layers} />
        </Grid>
      </Grid>
    );
  } else if (version.loading || versions.loading) {
    body = <Progress />;
  } else if (versions.error) {
    body = (
      <ModelKitErrorPanel
        error={versions.error}
        title={t('contentsContent.versionsLoadError')}
      />
    );
  } else {
    body = (
      <EmptyState
        missing="data"
        title={t('contentsContent.emptyTitle')}
        description={t('contentsContent.emptyDescription')}
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
            label={t('contentsContent.version')}
            versions={versions.versions}
            value={selected}
            onChange={digest => setParams({ version: digest })}
            onLoadMore={versions.hasMore ? versions.loadMore : undefined}
            loadingMore={versions.loadingMore}
          />
        </div>
      )}
      {versions.loadMoreError && (
        <ModelKitErrorPanel
          error={versions.loadMoreError}
          title={t('contentsContent.versionsLoadError')}
        />
      )}
      {body}
    </div>
  );
}
