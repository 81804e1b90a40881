import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import {
  ComponentDeploymentCard,
  DeploymentClusterErrorKind,
} from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useCallback, useEffect, useId, useRef } from 'react';
import {
  ClusterTitle,
  CopyableCommand,
  DeploymentStatusChip,
  HealthReasonList,
  RelativeTime,
  useModelKitEntityName,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { DeployedModelKitList } from '../DeployedModelKitList';
import { ModelKitLiveMetrics } from '../ModelKitLiveMetrics';
import { CardSection } from '../CardSection';
import { DeliveryList } from './DeliveryList';
import { WorkloadList } from './WorkloadList';

const useStyles = makeStyles(theme => ({
  root: {
    minWidth: 0,
  },
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
  message: {
    overflowWrap: 'anywhere',
  },
  commands: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  warnings: {
    margin: 0,
    paddingLeft: theme.spacing(2),
  },
}));

const ERROR_KINDS: readonly DeploymentClusterErrorKind[] = [
  'unreachable',
  'timeout',
  'forbidden',
  'unauthorized',
  'not-found',
  'error',
];

function errorKindOf(value: unknown): DeploymentClusterErrorKind {
  return ERROR_KINDS.includes(value as DeploymentClusterErrorKind)
    ? (value as DeploymentClusterErrorKind)
    : 'error';
}

/**
 * When the deployments are loaded again after an action, besides at once: controllers answer
 * after the request was stored (Argo CD's application controller finishes a refresh or sync
 * a moment later), so the card shows their reaction when it comes.
 */
const REACTION_RELOADS_MS = [2_000, 6_000];

/** Loads the deployments again at once after an action, and as its controller reacts. */
function useReloadsAfterAction(onActionDone: (() => void) | undefined) {
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(
    () => () => {
      timers.current.forEach(clearTimeout);
    },
    [],
  );
  return useCallback(() => {
    if (!onActionDone) return;
    onActionDone();
    timers.current.forEach(clearTimeout);
    timers.current = REACTION_RELOADS_MS.map(ms =>
      setTimeout(onActionDone, ms),
    );
  }, [onActionDone]);
}

/**
 * One cluster's card on a Component's Deployments view: the status with its
 * reasons, the Flux or Argo CD object that delivers the service, the
 * workloads, the ModelKit versions running, and commands to look further. A
 * cluster that could not be read shows why instead; a cluster whose data is no
 * longer kept current says so, with the age of the data. When the caller may
 * act on the delivery objects (the card's `actions`), each has a menu of Flux
 * or Argo CD actions, confirmed before they are sent.
 *
 * @internal
 */
export function ClusterDeploymentCard(props: {
  card: ComponentDeploymentCard;
  /**
   * Called once an action was sent, to load the deployments again at once, and twice more in
   * the seconds after, when the object's controller has answered.
   */
  onActionDone?: () => void;
}) {
  const classes = useStyles();
  const reload = useReloadsAfterAction(props.onActionDone);
  const { t } = useTranslationRef(modelkitTranslationRef);
  const titleId = useId();
  const component = useModelKitEntityName();
  const { card } = props;
  const deployed =
    card.deliveries.length > 0 ||
    card.workloads.length > 0 ||
    card.modelKits.length > 0;

  return (
    <section
      className={classes.root}
      aria-labelledby={titleId}
      data-cluster={card.cluster.name}
    >
      <EntityInfoCard
        title={<ClusterTitle cluster={card.cluster} id={titleId} />}
        headerActions={<DeploymentStatusChip status={card.status} />}
      >
        <div className={classes.body}>
          {(card.observedAt || card.cluster.dashboardUrl) && (
            <Typography
              variant="caption"
              color="textSecondary"
              className={classes.meta}
              component="div"
            >
              {card.observedAt && (
                <span>
                  {t('clusterCard.observedAt')}{' '}
                  <RelativeTime timestamp={card.observedAt} />
                </span>
              )}
              {card.cluster.dashboardUrl && (
                <Link to={card.cluster.dashboardUrl}>
                  {t('clusterCard.dashboard')}
                </Link>
              )}
            </Typography>
          )}

          {card.stale && !card.error && (
            <Alert severity="warning" data-testid="cluster-stale">
              <AlertTitle>
                {t('clusterCard.stale', {
                  age: String(card.stale.ageSeconds),
                })}
              </AlertTitle>
              <span className={classes.message}>{card.stale.message}</span>
            </Alert>
          )}

          {card.error && (
            <Alert severity="error">
              <AlertTitle>
                {t(`clusterError.${errorKindOf(card.error.kind)}`)}
                {card.error.statusCode !== undefined &&
                  ` ${t('clusterCard.httpStatus', {
                    status: String(card.error.statusCode),
                  })}`}
              </AlertTitle>
              <span className={classes.message}>{card.error.message}</span>
            </Alert>
          )}

          {!card.error && !deployed && card.reasons.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              {t('clusterCard.notDeployed')}
            </Typography>
          )}

          {card.reasons.length > 0 && (
            <CardSection title={t('clusterCard.reasons')}>
              <HealthReasonList reasons={card.reasons} />
            </CardSection>
          )}

          {card.deliveries.length > 0 && (
            <CardSection title={t('clusterCard.delivery')}>
              <DeliveryList
                deliveries={card.deliveries}
                actions={{
                  component,
                  cluster: card.cluster,
                  availability: card.actions,
                  onDone: props.onActionDone ? reload : undefined,
                }}
              />
            </CardSection>
          )}

          {card.workloads.length > 0 && (
            <CardSection title={t('clusterCard.workloads')}>
              <WorkloadList workloads={card.workloads} />
            </CardSection>
          )}

          {card.modelKits.length > 0 && (
            <CardSection title={t('clusterCard.modelKits')}>
              <DeployedModelKitList modelKits={card.modelKits} />
            </CardSection>
          )}

          {card.modelKits.length > 0 && (
            <ModelKitLiveMetrics modelKits={card.modelKits} />
          )}

          {card.warnings.length > 0 && (
            <Alert severity="warning">
              <AlertTitle>{t('clusterCard.warnings')}</AlertTitle>
              <ul className={classes.warnings}>
                {card.warnings.map(warning => (
                  <li key={warning.resource} className={classes.message}>
                    <code>{warning.resource}</code>: {warning.message}
                  </li>
                ))}
              </ul>
            </Alert>
          )}

          {card.commands.length > 0 && (
            <CardSection title={t('clusterCard.commands')}>
              <ul className={classes.commands}>
                {card.commands.map(command => (
                  <li key={command.command}>
                    <Typography variant="caption" color="textSecondary">
                      {command.title}
                    </Typography>
                    <CopyableCommand
                      command={command.command}
                      copyLabel={t('clusterCard.copyCommand', {
                        title: command.title,
                      })}
                      copiedText={t('clusterCard.commandCopied')}
                    />
                  </li>
                ))}
              </ul>
            </CardSection>
          )}
        </div>
      </EntityInfoCard>
    </section>
  );
}
