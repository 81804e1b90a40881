import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DeploymentCluster } from '@kitstage/plugin-modelkit-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { clusterDisplayTitle, isSimulatedCluster } from '../../lib/deployments';
import { modelkitTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(0.75),
    minWidth: 0,
  },
  name: {
    overflowWrap: 'anywhere',
  },
  simulated: {
    margin: 0,
    height: 20,
    fontSize: '0.6875rem',
    fontWeight: theme.typography.fontWeightBold as number,
    letterSpacing: 0.5,
    textTransform: 'uppercase',
    color: theme.palette.secondary.main,
    borderColor: theme.palette.secondary.main,
    borderStyle: 'dashed',
  },
}));

/**
 * The title of a cluster (its configured title, or its name) with a visible
 * "simulated" label when the demo configuration simulates it, so nobody takes
 * its objects for a real cluster's.
 *
 * @public
 */
export function ClusterTitle(props: {
  cluster: DeploymentCluster;
  /** The id of the title text, for regions labelled by it. */
  id?: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { cluster } = props;
  const title = clusterDisplayTitle(cluster);
  return (
    <span className={classes.root}>
      <span id={props.id} className={classes.name}>
        {title}
      </span>
      {isSimulatedCluster(cluster) && (
        <Tooltip title={t('cluster.simulatedDescription')}>
          <Chip
            size="small"
            variant="outlined"
            label={t('cluster.simulated')}
            className={classes.simulated}
          />
        </Tooltip>
      )}
    </span>
  );
}
