import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { DeploymentClusterState } from '@kitstage/plugin-modelkit-common';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * Names the clusters whose data is shown but no longer kept current (their
 * watch broke), each with the age of its data and what broke; nothing when
 * every cluster is current.
 *
 * @internal
 */
export function StaleClustersAlert(props: {
  clusters: DeploymentClusterState[];
}) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const stale = props.clusters.filter(cluster => cluster.stale);
  if (stale.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning" data-testid="stale-clusters">
      <AlertTitle>
        {t('staleClusters.title', { count: stale.length })}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {stale.map(cluster => (
          <li key={cluster.name} data-cluster={cluster.name}>
            <strong>{cluster.title ?? cluster.name}</strong>
            {t('staleClusters.item', {
              age: String(cluster.stale!.ageSeconds),
            })}
            {cluster.stale!.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
