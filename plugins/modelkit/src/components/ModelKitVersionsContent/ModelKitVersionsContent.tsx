import { EmptyState, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ModelKitVersionsResponse } from '@kitstage/plugin-modelkit-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import {
  ModelKitErrorPanel,
  ModelKitVersionsTable,
  shortDigest,
  tryParseRepository,
  useModelKitEntityName,
  useModelKitPolicyStatus,
  useModelKitVersions,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { readModelKitSpec } from '../../lib/modelKitEntity';

const useStyles = makeStyles(theme => ({
  more: {
    alignSelf: 'center',
  },
  skipped: {
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
    '& summary': {
      cursor: 'pointer',
    },
    '& ul': {
      margin: theme.spacing(0.5, 0, 0),
      paddingLeft: theme.spacing(3),
    },
    '& code': {
      overflowWrap: 'anywhere',
    },
  },
}));

/**
 * Tags left out of the list (artifacts that are not ModelKits, ModelKits whose
 * config cannot be read), listed quietly under the table, and a note when the
 * backend read only part of a very large repository.
 */
function SkippedTags(props: {
  skipped: NonNullable<ModelKitVersionsResponse['skipped']>;
  truncated: boolean;
}) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  return (
    <>
      {props.truncated && (
        <Typography variant="caption" color="textSecondary">
          {t('versionsContent.truncated')}
        </Typography>
      )}
      {props.skipped.length > 0 && <SkippedList skipped={props.skipped} />}
    </>
  );
}

function SkippedList(props: {
  skipped: NonNullable<ModelKitVersionsResponse['skipped']>;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  return (
    <details className={classes.skipped}>
      <summary>
        {t('versionsContent.skipped', { count: props.skipped.length })}
      </summary>
      <ul>
        {props.skipped.map(s => (
          <li key={s.tag}>
            <code>{s.tag}</code>
            {s.digest && (
              <>
                {' '}
                (<code title={s.digest}>{shortDigest(s.digest)}</code>)
              </>
            )}
            : {s.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The Versions tab of a ModelKit entity page: every version in the registry,
 * newest first, with copyable `kit pull` and `kit unpack` commands, loaded
 * page by page.
 *
 * @remarks
 *
 * The commands are pinned to each version's digest and written from the
 * entity's `spec.repository` (or, when that is not a valid OCI repository,
 * from the repository the backend reports). The policy badge of every version
 * shown comes from one batched request per page, not one per version.
 *
 * @internal
 */
export function ModelKitVersionsContent(props: {
  /** How many versions to load per page; the backend's default if unset. */
  pageSize?: number;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { entity } = useEntity();
  const entityName = useModelKitEntityName();
  const state = useModelKitVersions(entityName, { pageSize: props.pageSize });
  const digests = useMemo(
    () => state.versions.map(version => version.digest),
    [state.versions],
  );
  const policy = useModelKitPolicyStatus(entityName, digests);
  const specRepository = readModelKitSpec(entity).repository;
  // The same object while the repository stays the same, so that the table
  // keeps its rows when the policy badges arrive.
  const repository = useMemo(
    () =>
      tryParseRepository(specRepository) ??
      tryParseRepository(state.repository),
    [specRepository, state.repository],
  );

  if (state.loading) {
    return <Progress />;
  }
  if (state.error) {
    return (
      <ModelKitErrorPanel
        error={state.error}
        title={t('versionsContent.loadError')}
      />
    );
  }
  if (state.versions.length === 0) {
    return (
      <VerticalStack>
        <EmptyState
          missing="data"
          title={t('versionsContent.emptyTitle')}
          description={t('versionsContent.emptyDescription', {
            repository: state.repository ?? specRepository ?? '',
          })}
        />
        <SkippedTags skipped={state.skipped} truncated={state.truncated} />
      </VerticalStack>
    );
  }

  return (
    <VerticalStack>
      <ModelKitVersionsTable
        title={t('versionsContent.title')}
        subtitle={state.repository ?? specRepository}
        versions={state.versions}
        repository={repository}
        policy={policy}
      />
      {policy.error && (
        <ModelKitErrorPanel
          error={policy.error}
          title={t('versionsContent.policyLoadError')}
        />
      )}
      {state.loadMoreError && (
        <ModelKitErrorPanel
          error={state.loadMoreError}
          title={t('versionsContent.loadMoreError')}
        />
      )}
      {state.hasMore && (
        <Button
          className={classes.more}
          variant="outlined"
          onClick={state.loadMore}
          disabled={state.loadingMore}
        >
          {t('versionsContent.loadMore')}
        </Button>
      )}
      {state.loadingMore && <Progress />}
      <SkippedTags skipped={state.skipped} truncated={state.truncated} />
    </VerticalStack>
  );
}
