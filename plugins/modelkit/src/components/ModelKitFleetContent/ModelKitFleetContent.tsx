import { EmptyState, Progress } from '@backstage/core-components';
import {
  useAppSearchParams,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useCallback, useMemo, useState } from 'react';
import {
  ClusterErrorsAlert,
  DEFAULT_DEPLOYMENTS_PATH,
  ModelKitErrorPanel,
  useComponentDeploymentsLink,
  useFleetDeployments,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import {
  FleetPageQuery,
  readFleetQuery,
  toFleetDeploymentsQuery,
  writeFleetQuery,
} from '../../lib/fleetQuery';
import { FleetFilters } from '../FleetFilters';
import { FleetMatrix } from '../FleetMatrix';
import { RefreshHeader, RefreshProgress } from '../RefreshHeader';
import { StaleClustersAlert } from './StaleClustersAlert';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
}));

const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];

/**
 * Props of the fleet page's content.
 *
 * @internal
 */
export interface ModelKitFleetContentProps {
  /**
   * The path of the Deployments tab of Components below the entity page,
   * which every service links to. Defaults to `deployments`.
   */
  deploymentsPath?: string;
  /** How many services a page of the matrix shows at first. Defaults to 50. */
  pageSize?: number;
}

/**
 * The fleet page for platform owners: every service with deployment
 * annotations × every cluster, a status per placement with its worst reason
 * in a tooltip, counts per status, and filters by owner, system and status
 * kept in the address (`?owner=&system=&status=&page=`).
 *
 * @internal
 */
export function ModelKitFleetContent(props: ModelKitFleetContentProps) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const [searchParams, setSearchParams] = useAppSearchParams();
  const query = useMemo(() => readFleetQuery(searchParams), [searchParams]);
  const [rowsPerPage, setRowsPerPage] = useState(props.pageSize ?? 50);
  // The backend answers one page of the matrix: the page of the address.
  const backendQuery = useMemo(
    () => ({
      ...toFleetDeploymentsQuery(query),
      limit: rowsPerPage,
      offset: query.page * rowsPerPage,
    }),
    [query, rowsPerPage],
  );
  const { loading, error, value, retry } = useFleetDeployments(backendQuery);
  const deploymentsLink = useComponentDeploymentsLink(
    props.deploymentsPath ?? DEFAULT_DEPLOYMENTS_PATH,
  );

  const setQuery = useCallback(
    (next: FleetPageQuery) =>
      setSearchParams(previous => writeFleetQuery(previous, next)),
    [setSearchParams],
  );

  if (error && !value) {
    return <ModelKitErrorPanel error={error} title={t('fleet.loadError')} />;
  }
  if (!value) {
    return <Progress />;
  }

  const filtered =
    query.owner.length > 0 ||
    query.system.length > 0 ||
    query.status.length > 0;

  return (
    <div className={classes.root}>
      <RefreshHeader
        generatedAt={value.generatedAt}
        refreshing={loading}
        onRefresh={retry}
      >
        <Typography variant="body2" role="status">
          {t('fleet.shown', {
            count: value.total,
            shown: String(value.page.matched),
          })}
        </Typography>
      </RefreshHeader>
      <FleetFilters
        query={query}
        facets={value.facets}
        counts={value.counts}
        onChange={setQuery}
      />
      {error && (
        <ModelKitErrorPanel error={error} title={t('fleet.loadError')} />
      )}
      <ClusterErrorsAlert
        clusters={value.clusters}
        title={count => t('fleet.clusterErrors', { count })}
      />
      <StaleClustersAlert clusters={value.clusters} />
      <RefreshProgress loading={loading} />
      {value.page.matched === 0 ? (
        <EmptyState
          missing={filtered ? 'data' : 'info'}
          title={
            filtered ? t('fleet.noMatchTitle') : t('fleet.noServicesTitle')
          }
          description={
            filtered
              ? t('fleet.noMatchDescription')
              : t('fleet.noServicesDescription')
          }
        />
      ) : (
        <FleetMatrix
          clusters={value.clusters}
          services={value.services}
          matched={value.page.matched}
          page={query.page}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
          onPageChange={page => setQuery({ ...query, page })}
          onRowsPerPageChange={size => {
            setRowsPerPage(size);
            setQuery({ ...query, page: 0 });
          }}
          deploymentsLink={deploymentsLink}
          actions={value.actions}
        />
      )}
    </div>
  );
}
