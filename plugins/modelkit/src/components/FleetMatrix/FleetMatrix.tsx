import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  FleetActionsAvailability,
  FleetClusterColumn,
  FleetServiceRow,
} from '@kitstage/plugin-modelkit-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import { memo, useEffect, useMemo } from 'react';
import {
  clusterDisplayTitle,
  ClusterTitle,
  DeploymentStatusChip,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { shortEntityRef } from '../../lib/entityRefs';
import { FleetCellView } from './FleetCellView';

const useStyles = makeStyles(theme => ({
  container: {
    maxHeight: '70vh',
  },
  service: {
    minWidth: 200,
    maxWidth: 320,
    overflowWrap: 'anywhere',
  },
  meta: {
    display: 'block',
  },
  cluster: {
    minWidth: 140,
    verticalAlign: 'bottom',
  },
  clusterHead: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  clusterError: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.palette.error.main,
    fontSize: '0.75rem',
  },
  errorIcon: {
    fontSize: '1rem',
  },
  selectorError: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
    color: theme.palette.warning.dark,
  },
}));

function ClusterHeader(props: { cluster: FleetClusterColumn }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { cluster } = props;
  return (
    <div className={classes.clusterHead}>
      <ClusterTitle cluster={cluster} />
      {cluster.error ? (
        <span className={classes.clusterError} title={cluster.error.message}>
          <ErrorIcon className={classes.errorIcon} />
          {t(`clusterError.${cluster.error.kind}`)}
        </span>
      ) : (
        <DeploymentStatusChip status={cluster.rollup.status} />
      )}
    </div>
  );
}

const ServiceRow = memo(function ServiceRowView(props: {
  row: FleetServiceRow;
  clusterTitles: string[];
  deploymentsHref: string;
  /** Whether the cells offer actions on delivery objects. */
  actionsOffered: boolean;
}) {
  const classes = useStyles();
  const { row, clusterTitles, deploymentsHref } = props;
  const title = row.entity.title ?? row.entity.name;
  const meta = [
    row.entity.owner && shortEntityRef(row.entity.owner, 'group'),
    row.entity.system && shortEntityRef(row.entity.system, 'system'),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <TableRow hover data-service={row.entity.ref}>
      <TableCell
        component="th"
        scope="row"
        role="rowheader"
        className={classes.service}
      >
        <Link to={deploymentsHref}>{title}</Link>
        {meta && (
          <Typography
            variant="caption"
            color="textSecondary"
            className={classes.meta}
          >
            {meta}
          </Typography>
        )}
        {row.selectorError && (
          <Typography variant="caption" className={classes.selectorError}>
            <WarningIcon className={classes.errorIcon} />
            {row.selectorError}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <DeploymentStatusChip status={row.status} />
      </TableCell>
      {row.cells.map((cell, index) => (
        <TableCell key={cell.cluster}>
          <FleetCellView
            cell={cell}
            serviceTitle={title}
            clusterTitle={clusterTitles[index] ?? cell.cluster}
            href={deploymentsHref}
            actionsFor={props.actionsOffered ? row.entity : undefined}
          />
        </TableCell>
      ))}
    </TableRow>
  );
});

/**
 * The services × clusters matrix of the fleet page, one page of rows at a
 * time: each service links to its Deployments tab and shows its worst status
 * across clusters, then one status cell per cluster.
 *
 * @remarks
 *
 * With `matched`, `services` is the page the backend answered (the backend
 * pages the matrix, so a fleet of thousands of services costs one page per
 * request) and the pagination counts `matched` services; without it,
 * `services` is every row and the matrix shows the page of them. A page past
 * the last one asks for the last one. Rows are memoised, so hovering a
 * tooltip re-renders no other row.
 *
 * @internal
 */
export function FleetMatrix(props: {
  clusters: FleetClusterColumn[];
  /** The rows of the page when `matched` is given, else every row. */
  services: FleetServiceRow[];
  /**
   * How many services match the filters on all pages, when the backend
   * answered only the page's rows.
   */
  matched?: number;
  /** The page shown, counting from 0. */
  page: number;
  rowsPerPage: number;
  rowsPerPageOptions: number[];
  onPageChange(page: number): void;
  onRowsPerPageChange(rowsPerPage: number): void;
  /** The link to the Deployments tab of a service. */
  deploymentsLink(entityRef: string): string;
  /** Whether the page offers actions on delivery objects (from the response). */
  actions?: FleetActionsAvailability;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { clusters, services, rowsPerPage, matched, onPageChange } = props;
  const count = matched ?? services.length;
  const lastPage = Math.max(0, Math.ceil(count / rowsPerPage) - 1);
  const page = Math.min(props.page, lastPage);
  const rows =
    matched === undefined
      ? services.slice(page * rowsPerPage, (page + 1) * rowsPerPage)
      : services;
  // The backend answers an empty page past the last one: ask for the last.
  const pastTheEnd = matched !== undefined && props.page > lastPage;
  useEffect(() => {
    if (pastTheEnd) onPageChange(lastPage);
  }, [pastTheEnd, lastPage, onPageChange]);
  // Stable between renders, so memoised rows do not render again.
  const clusterTitles = useMemo(
    () => clusters.map(clusterDisplayTitle),
    [clusters],
  );

  return (
    <div>
      <TableContainer className={classes.container}>
        <Table stickyHeader size="small" aria-label={t('fleet.matrixLabel')}>
          <TableHead>
            <TableRow>
              <TableCell className={classes.service}>
                {t('fleet.columns.service')}
              </TableCell>
              <TableCell>{t('fleet.columns.status')}</TableCell>
              {clusters.map(cluster => (
                <TableCell key={cluster.name} className={classes.cluster}>
                  <ClusterHeader cluster={cluster} />
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <ServiceRow
                key={row.entity.ref}
                row={row}
                clusterTitles={clusterTitles}
                deploymentsHref={props.deploymentsLink(row.entity.ref)}
                actionsOffered={props.actions?.offered === true}
              />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={count}
        page={page}
        rowsPerPage={rowsPerPage}
        rowsPerPageOptions={props.rowsPerPageOptions}
        onPageChange={(_event, next) => props.onPageChange(next)}
        onRowsPerPageChange={event =>
          props.onRowsPerPageChange(Number(event.target.value))
        }
        labelRowsPerPage={t('fleet.rowsPerPage')}
        labelDisplayedRows={({ from, to, count: of }) =>
          t('fleet.displayedRows', {
            from: String(from),
            to: String(to),
            count: of,
          })
        }
      />
    </div>
  );
}
