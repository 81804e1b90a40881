import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DeploymentEntitySummary,
  FleetCell,
  FleetModelKit,
} from '@kitstage/plugin-modelkit-common';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  DeploymentStatusChip,
  shortDigest,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { FleetDeliveryActions } from './FleetDeliveryActions';

const useStyles = makeStyles(theme => ({
  cell: {
    display: 'inline-flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  link: {
    display: 'inline-flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.25),
    textDecoration: 'none',
    '&:hover, &:focus-visible': {
      textDecoration: 'none',
    },
    '& > *': {
      cursor: 'pointer',
    },
  },
  version: {
    fontFamily: 'monospace',
    fontSize: '0.6875rem',
    color: theme.palette.text.secondary,
    maxWidth: 160,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  failed: {
    color: theme.palette.error.main,
  },
  tooltip: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    maxWidth: 360,
  },
}));

/** The short name of a running ModelKit version: its tag, else its digest. */
export function modelKitVersionText(modelKit: FleetModelKit): string {
  const name = modelKit.repository.split('/').pop() ?? modelKit.repository;
  if (modelKit.tag) {
    return `${name}:${modelKit.tag}`;
  }
  return modelKit.digest ? `${name}@${shortDigest(modelKit.digest)}` : name;
}

function CellTooltip(props: { cell: FleetCell; clusterTitle: string }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { cell } = props;
  const more = cell.reasonCount - (cell.topReason ? 1 : 0);
  return (
    <div className={classes.tooltip}>
      <strong>
        {props.clusterTitle}: {t(`deploymentStatus.${cell.status}`)}
      </strong>
      {cell.clusterError && <span>{t('fleet.cell.clusterError')}</span>}
      {cell.topReason && <span>{cell.topReason.message}</span>}
      {more > 0 && <span>{t('fleet.cell.moreReasons', { count: more })}</span>}
      {cell.modelKits.map(modelKit => (
        <span key={`${modelKit.repository}|${modelKit.digest ?? modelKit.tag}`}>
          {modelKitVersionText(modelKit)}
          {modelKit.policy && ` · ${t(`policy.${modelKit.policy}`)}`}
          {!modelKit.pinnedByDigest && ` · ${t('modelKits.mutableTag')}`}
        </span>
      ))}
    </div>
  );
}

/**
 * One cell of the fleet matrix: the status of a service on a cluster, the
 * ModelKit version running there, and a tooltip with the worst reason. The
 * cell links to the service's Deployments tab; when the page offers actions,
 * a button opens the service's delivery objects on that cluster.
 *
 * @internal
 */
export function FleetCellView(props: {
  cell: FleetCell;
  serviceTitle: string;
  clusterTitle: string;
  href: string;
  /** The service, when the page offers actions on delivery objects. */
  actionsFor?: DeploymentEntitySummary;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { cell } = props;
  const modelKit = cell.modelKits[0];
  const label = t('fleet.cell.label', {
    service: props.serviceTitle,
    cluster: props.clusterTitle,
    status: t(`deploymentStatus.${cell.status}`),
  });
  // Nothing to explain or to open: the chip alone, in the column of its
  // cluster.
  if (cell.status === 'not-deployed' && cell.reasonCount === 0) {
    return <DeploymentStatusChip status={cell.status} />;
  }
  const status = (
    <Tooltip
      title={<CellTooltip cell={cell} clusterTitle={props.clusterTitle} />}
    >
      <Link
        to={props.href}
        className={classes.link}
        aria-label={
          modelKit ? `${label}, ${modelKitVersionText(modelKit)}` : label
        }
      >
        <DeploymentStatusChip status={cell.status} />
        {modelKit && (
          <span
            className={`${classes.version} ${
              modelKit.policy === 'failed' ? classes.failed : ''
            }`}
          >
            {modelKitVersionText(modelKit)}
            {cell.modelKits.length > 1 && ` +${cell.modelKits.length - 1}`}
          </span>
        )}
      </Link>
    </Tooltip>
  );
  // Actions only where the cluster was read and the service runs.
  if (
    !props.actionsFor ||
    cell.clusterError ||
    cell.status === 'not-deployed'
  ) {
    return status;
  }
  return (
    <span className={classes.cell}>
      {status}
      <FleetDeliveryActions
        entity={props.actionsFor}
        cluster={cell.cluster}
        serviceTitle={props.serviceTitle}
        clusterTitle={props.clusterTitle}
      />
    </span>
  );
}
