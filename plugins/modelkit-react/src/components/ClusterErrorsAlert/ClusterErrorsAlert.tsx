import { DeploymentClusterState } from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { clusterDisplayTitle } from '../../lib/deployments';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2),
  },
  item: {
    overflowWrap: 'anywhere',
  },
}));

/**
 * The clusters that could not be read, each with the backend's message, so a
 * view built from the others says what it is missing. Renders nothing when
 * every cluster was read.
 *
 * @public
 */
export function ClusterErrorsAlert(props: {
  clusters: DeploymentClusterState[];
  /** The title, given the number of clusters that could not be read. */
  title(count: number): string;
}) {
  const classes = useStyles();
  const failed = props.clusters.filter(c => c.error);
  if (failed.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning">
      <AlertTitle>{props.title(failed.length)}</AlertTitle>
      <ul className={classes.list}>
        {failed.map(cluster => (
          <li key={cluster.name} className={classes.item}>
            <strong>{clusterDisplayTitle(cluster)}</strong>
            {': '}
            {cluster.error?.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
