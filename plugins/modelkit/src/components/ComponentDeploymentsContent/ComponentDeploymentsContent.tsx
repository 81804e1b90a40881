import { EmptyState, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  ComponentDeploymentsResponse,
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentSelector,
} from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DeploymentStatusChip,
  ModelKitErrorPanel,
  useComponentDeployments,
  useModelKitEntityName,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import {
  hasDeploymentAnnotations,
  KUBERNETES_ID_ANNOTATION,
} from '../../lib/deployments';
import { ClusterDeploymentCard } from '../ClusterDeploymentCard';
import { PromotionSummaryCard } from '../PromotionHistory';
import { RefreshHeader, RefreshProgress } from '../RefreshHeader';

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  selector: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 440px), 1fr))',
    gap: theme.spacing(2),
    alignItems: 'start',
  },
}));

function selectorText(selector: DeploymentSelector): string {
  return [
    selector.kubernetesId &&
      `${KUBERNETES_ID_ANNOTATION}=${selector.kubernetesId}`,
    selector.labelSelector,
  ]
    .filter(Boolean)
    .join(', ');
}

function Summary(props: {
  value: ComponentDeploymentsResponse;
  refreshing: boolean;
  onRefresh(): void;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { value } = props;
  const deployedOn = value.clusters.filter(
    c => c.status !== 'not-deployed' && !c.error,
  ).length;
  const selector = selectorText(value.selector);
  return (
    <div>
      <RefreshHeader
        generatedAt={value.generatedAt}
        refreshing={props.refreshing}
        onRefresh={props.onRefresh}
      >
        <DeploymentStatusChip status={value.rollup.status} size="medium" />
        <Typography variant="body2">
          {t('componentDeployments.deployedOn', {
            count: value.clusters.length,
            deployed: String(deployedOn),
          })}
        </Typography>
        <ul
          className={classes.counts}
          aria-label={t('componentDeployments.countsLabel')}
        >
          {DEPLOYMENT_HEALTH_PRECEDENCE.filter(
            s => value.rollup.counts[s] > 0,
          ).map(status => (
            <li key={status}>
              <DeploymentStatusChip
                status={status}
                label={t('componentDeployments.count', {
                  count: value.rollup.counts[status],
                  status: t(`deploymentStatus.${status}`),
                })}
              />
            </li>
          ))}
        </ul>
      </RefreshHeader>
      {selector && (
        <Typography variant="caption" color="textSecondary" component="p">
          {t('componentDeployments.selector')}{' '}
          <code className={classes.selector}>{selector}</code>
          {value.selector.namespace &&
            ` ${t('componentDeployments.namespace', {
              namespace: value.selector.namespace,
            })}`}
        </Typography>
      )}
    </div>
  );
}

function ComponentDeployments() {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const entityName = useModelKitEntityName();
  const { loading, error, value, retry } = useComponentDeployments(entityName);

  if (error) {
    return (
      <ModelKitErrorPanel
        error={error}
        title={t('componentDeployments.loadError')}
      />
    );
  }
  if (!value) {
    return <Progress />;
  }
  return (
    <VerticalStack>
      <Summary value={value} refreshing={loading} onRefresh={retry} />
      <PromotionSummaryCard />
      <RefreshProgress loading={loading} />
      {value.clusters.length === 0 ? (
        <EmptyState
          missing="info"
          title={t('componentDeployments.noClustersTitle')}
          description={t('componentDeployments.noClustersDescription')}
        />
      ) : (
        <div className={classes.grid}>
          {value.clusters.map(card => (
            <ClusterDeploymentCard
              key={card.cluster.name}
              card={card}
              onActionDone={retry}
            />
          ))}
        </div>
      )}
    </VerticalStack>
  );
}

/**
 * The Deployments tab of a Component: one card per cluster with the status
 * of the service there, its reasons, the Flux or Argo CD delivery, replicas,
 * the ModelKit versions running and commands to look further. A cluster that
 * cannot be read shows its error on its own card; every other cluster still
 * renders.
 *
 * @remarks
 *
 * Workloads are found by the Component's `backstage.io/kubernetes-id` or
 * `backstage.io/kubernetes-label-selector` annotation; without either, the
 * tab explains which annotation to add instead of asking the backend.
 *
 * @internal
 */
export function ComponentDeploymentsContent() {
  const { entity } = useEntity();
  if (!hasDeploymentAnnotations(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={KUBERNETES_ID_ANNOTATION} />
    );
  }
  return <ComponentDeployments />;
}
