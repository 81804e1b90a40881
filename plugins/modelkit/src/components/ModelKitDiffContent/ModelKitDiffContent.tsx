import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ModelKitVersionSummary } from '@kitstage/plugin-modelkit-common';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import SwapHorizIcon from '@material-ui/icons/SwapHoriz';
import {
  findVersion,
  isVersionReference,
  ModelKitDiffView,
  ModelKitVersionPicker,
  ModelKitVersionTab,
  useModelKitDiff,
  useModelKitEntityName,
  useModelKitVersions,
  useVersionQueryParams,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

const useStyles = makeStyles(theme => ({
  pickers: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(1),
  },
}));

const QUERY_KEYS = ['from', 'to'] as const;

/**
 * The versions compared by default: `to` is the requested one or the newest,
 * `from` the requested one or the version listed right before `to`.
 */
function defaultSelection(
  versions: ModelKitVersionSummary[],
  params: { from?: string; to?: string },
): { from?: string; to?: string } {
  const to = params.to ?? versions[0]?.digest;
  if (params.from !== undefined) {
    return { from: params.from, to };
  }
  const toVersion = findVersion(versions, to);
  const index = toVersion ? versions.indexOf(toVersion) : -1;
  const previous = index >= 0 ? versions[index + 1] : versions[1];
  return { from: previous?.digest, to };
}

/**
 * The Diff tab of a ModelKit entity page: pick two versions (by default the
 * previous and the newest) and see what changed between them.
 *
 * @remarks
 *
 * The selection is kept in the `from` and `to` query parameters (tags or
 * digests), so a link to the page shows the same comparison.
 *
 * @internal
 */
export function ModelKitDiffContent() {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const entityName = useModelKitEntityName();
  const versions = useModelKitVersions(entityName);
  const [params, setParams] = useVersionQueryParams(QUERY_KEYS);

  const invalid = [params.from, params.to].find(
    value => value !== undefined && !isVersionReference(value),
  );
  const { from, to } = defaultSelection(versions.versions, params);
  const diff = useModelKitDiff(
    entityName,
    invalid === undefined ? from : undefined,
    invalid === undefined ? to : undefined,
  );

  const showPickers =
    !versions.loading &&
    !versions.error &&
    from !== undefined &&
    to !== undefined;
  const onLoadMore = versions.hasMore ? versions.loadMore : undefined;

  return (
    <ModelKitVersionTab
      versions={versions}
      invalidReference={invalid}
      state={diff}
      pickers={
        showPickers && (
          <div className={classes.pickers}>
            <ModelKitVersionPicker
              label={t('diffContent.from')}
              versions={versions.versions}
              value={from}
              onChange={digest => setParams({ from: digest, to })}
            />
            <IconButton
              aria-label={t('diffContent.swap')}
              title={t('diffContent.swap')}
              onClick={() => setParams({ from: to, to: from })}
            >
              <SwapHorizIcon />
            </IconButton>
            <ModelKitVersionPicker
              label={t('diffContent.to')}
              versions={versions.versions}
              value={to}
              onChange={digest => setParams({ from, to: digest })}
              onLoadMore={onLoadMore}
              loadingMore={versions.loadingMore}
            />
          </div>
        )
      }
      labels={{
        loadError: t('diffContent.loadError'),
        noVersion: {
          versionsLoadError: t('diffContent.versionsLoadError'),
          emptyTitle: t('diffContent.notEnoughTitle'),
          emptyDescription: t('diffContent.notEnoughDescription'),
        },
      }}
    >
      {value => <ModelKitDiffView diff={value} />}
    </ModelKitVersionTab>
  );
}
