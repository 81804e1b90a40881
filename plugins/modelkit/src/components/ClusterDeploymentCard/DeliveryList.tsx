import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DeliveryActionsAvailability,
  DeploymentArgoCdOperation,
  DeploymentCluster,
  DeploymentCondition,
  DeploymentDelivery,
  DeploymentObjectRef,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AboutField,
  AboutFieldList,
  DeliveryActionsMenu,
  formatObjectRef,
  RelativeTime,
  StackedList,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { objectKey, shortRevision } from '../../lib/deployments';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  object: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  chip: {
    margin: 0,
  },
}));

/**
 * What the delivery objects of a card can be acted on with: the Component, the cluster and
 * whether the caller may act, from the deployments response.
 *
 * @internal
 */
export interface DeliveryListActions {
  component: ModelKitEntityName;
  cluster: DeploymentCluster;
  availability?: DeliveryActionsAvailability;
  onDone?(): void;
}

function ObjectActions(props: {
  actions?: DeliveryListActions;
  object: DeploymentObjectRef;
  suspended: boolean;
}) {
  const { actions, object, suspended } = props;
  if (!actions) return null;
  return (
    <DeliveryActionsMenu
      component={actions.component}
      cluster={actions.cluster}
      availability={actions.availability}
      object={object}
      suspended={suspended}
      onDone={actions.onDone}
    />
  );
}

function Revision(props: { revision?: string }) {
  const classes = useStyles();
  if (!props.revision) {
    return <>-</>;
  }
  return (
    <code className={classes.object} title={props.revision}>
      {shortRevision(props.revision)}
    </code>
  );
}

/**
 * A reconcile request Flux handled (`status.lastHandledReconcileAt`): a time when it is one,
 * as the flux CLI and Kitstage write it, else the value as the controller reported it.
 */
function HandledReconcile(props: { value: string }) {
  const classes = useStyles();
  if (Number.isNaN(Date.parse(props.value))) {
    return <code className={classes.object}>{props.value}</code>;
  }
  return <RelativeTime timestamp={props.value} />;
}

/** An Argo CD operation: its phase and message, and when it finished (or started). */
function ArgoCdOperation(props: { operation: DeploymentArgoCdOperation }) {
  const { operation } = props;
  const at = operation.finishedAt ?? operation.startedAt;
  return (
    <>
      {operation.phase}
      {operation.message && ` · ${operation.message}`}
      {at && (
        <>
          {' · '}
          <RelativeTime timestamp={at} />
        </>
      )}
    </>
  );
}

function conditionText(condition: DeploymentCondition | undefined) {
  if (!condition) {
    return '-';
  }
  return condition.reason
    ? `${condition.status} (${condition.reason})`
    : condition.status;
}

function FluxDelivery(props: {
  delivery: DeploymentDelivery;
  actions?: DeliveryListActions;
}) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { delivery } = props;
  const source = delivery.source;
  return (
    <AboutFieldList>
      <AboutField label={t('delivery.ready')}>
        {conditionText(delivery.ready)}
      </AboutField>
      <AboutField label={t('delivery.appliedRevision')}>
        <Revision revision={delivery.appliedRevision} />
      </AboutField>
      {delivery.attemptedRevision &&
        delivery.attemptedRevision !== delivery.appliedRevision && (
          <AboutField label={t('delivery.attemptedRevision')}>
            <Revision revision={delivery.attemptedRevision} />
          </AboutField>
        )}
      {delivery.lastHandledReconcileAt && (
        <AboutField label={t('delivery.reconcileHandled')}>
          <HandledReconcile value={delivery.lastHandledReconcileAt} />
        </AboutField>
      )}
      {source && (
        <>
          <AboutField label={t('delivery.source')} wide>
            {formatObjectRef(source)}
            {source.url && ` · ${source.url}`}
            {source.suspended && ` · ${t('delivery.suspended')}`}
            <ObjectActions
              actions={props.actions}
              object={source}
              suspended={source.suspended}
            />
          </AboutField>
          <AboutField label={t('delivery.sourceRevision')}>
            <Revision revision={source.revision} />
          </AboutField>
          <AboutField label={t('delivery.sourceReady')}>
            {conditionText(source.ready)}
          </AboutField>
          {source.verified && (
            <AboutField label={t('delivery.sourceVerified')}>
              {conditionText(source.verified)}
            </AboutField>
          )}
          {source.lastHandledReconcileAt && (
            <AboutField label={t('delivery.sourceReconcileHandled')}>
              <HandledReconcile value={source.lastHandledReconcileAt} />
            </AboutField>
          )}
        </>
      )}
    </AboutFieldList>
  );
}

function ArgoCdDelivery(props: { delivery: DeploymentDelivery }) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { delivery } = props;
  return (
    <AboutFieldList>
      <AboutField label={t('delivery.sync')}>
        {delivery.syncStatus ?? '-'}
      </AboutField>
      <AboutField label={t('delivery.health')}>
        {delivery.healthStatus ?? '-'}
      </AboutField>
      <AboutField label={t('delivery.appliedRevision')}>
        <Revision revision={delivery.appliedRevision} />
      </AboutField>
      {delivery.reconciledAt && (
        <AboutField label={t('delivery.reconciledAt')}>
          <RelativeTime timestamp={delivery.reconciledAt} />
        </AboutField>
      )}
      {delivery.lastOperation && (
        <AboutField label={t('delivery.lastOperation')} wide>
          <ArgoCdOperation operation={delivery.lastOperation} />
        </AboutField>
      )}
      {delivery.sources && delivery.sources.length > 0 ? (
        <AboutField label={t('delivery.sources')} wide>
          <ol>
            {delivery.sources.map((source, index) => (
              <li key={index}>
                {[
                  source.repoURL,
                  source.path,
                  source.chart,
                  source.targetRevision,
                  source.ref && `ref ${source.ref}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
                {source.revision && (
                  <>
                    {' · '}
                    <Revision revision={source.revision} />
                  </>
                )}
              </li>
            ))}
          </ol>
        </AboutField>
      ) : (
        delivery.repoURL && (
          <AboutField label={t('delivery.repository')} wide>
            {delivery.path
              ? `${delivery.repoURL} · ${delivery.path}`
              : delivery.repoURL}
          </AboutField>
        )
      )}
    </AboutFieldList>
  );
}

/**
 * The GitOps objects that deliver a service on a cluster: a Flux
 * Kustomization or HelmRelease with its source and revisions, or an Argo CD
 * Application with its sync and health status; each object with a menu of the
 * actions the caller may take on it, and what its controller did last with such
 * a request (the reconcile Flux handled, when Argo CD compared the Application
 * and its last operation).
 *
 * @internal
 */
export function DeliveryList(props: {
  deliveries: DeploymentDelivery[];
  /** Offers the actions on each object when the caller may act. */
  actions?: DeliveryListActions;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  return (
    <StackedList gap={2}>
      {props.deliveries.map(delivery => (
        <li key={objectKey(delivery.object)}>
          <div className={classes.title}>
            <Typography variant="body2" component="span">
              {t(`delivery.controller.${delivery.controller}`)}
            </Typography>
            <span className={classes.object}>
              {formatObjectRef(delivery.object)}
            </span>
            {delivery.suspended && (
              <Chip
                size="small"
                label={t('delivery.suspended')}
                className={classes.chip}
              />
            )}
            <ObjectActions
              actions={props.actions}
              object={delivery.object}
              suspended={delivery.suspended}
            />
          </div>
          {delivery.controller === 'argocd' ? (
            <ArgoCdDelivery delivery={delivery} />
          ) : (
            <FluxDelivery delivery={delivery} actions={props.actions} />
          )}
        </li>
      ))}
    </StackedList>
  );
}
