import { ResponseError } from '@backstage/errors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DeliveryActionName,
  DeliveryActionResponse,
  DeploymentCluster,
  DeploymentObjectRef,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useId } from 'react';
import { useDeliveryAction } from '../../hooks/useDeliveryAction';
import { clusterDisplayTitle, formatObjectRef } from '../../lib/deployments';
import { modelkitTranslationRef } from '../../translation';
import { AboutField, AboutFieldList } from '../AboutField';

/**
 * Props of {@link DeliveryActionDialog}.
 *
 * @public
 */
export interface DeliveryActionDialogProps {
  /** The Component whose delivery object is acted on. */
  component: ModelKitEntityName;
  /** The cluster the object is on. */
  cluster: DeploymentCluster;
  /** The delivery object. */
  object: DeploymentObjectRef;
  /** The action to confirm; the dialog is closed while undefined. */
  action?: DeliveryActionName;
  /** Whether an Argo CD sync prunes resources no longer in Git. */
  prune?: boolean;
  /** Called when the dialog is dismissed or the action was sent. */
  onClose(): void;
  /** Called with what was sent, once the backend accepted the action. */
  onDone?(response: DeliveryActionResponse): void;
}

/**
 * Asks to confirm one action on a delivery object, naming the object, the cluster and the
 * effect, then sends it; a refusal or failure is shown in the dialog.
 *
 * @public
 */
export function DeliveryActionDialog(props: DeliveryActionDialogProps) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const titleId = useId();
  const { component, cluster, object, action, prune, onClose, onDone } = props;
  const { running, error, run } = useDeliveryAction(component);
  const objectText = formatObjectRef(object);
  const actionText = action ? t(`deliveryActions.action.${action}`) : '';
  const effectKey =
    action === 'sync' && prune ? 'syncPrune' : action ?? 'reconcile';

  const confirm = async () => {
    if (!action || !object.namespace) return;
    const response = await run({
      cluster: cluster.name,
      kind: object.kind,
      namespace: object.namespace,
      name: object.name,
      action,
    });
    if (response) {
      onDone?.(response);
      onClose();
    }
  };

  return (
    <Dialog
      open={action !== undefined}
      onClose={running ? undefined : onClose}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id={titleId}>
        {t('deliveryActions.confirmTitle', {
          action: actionText,
          object: objectText,
        })}
      </DialogTitle>
      <DialogContent>
        <AboutFieldList>
          <AboutField label={t('deliveryActions.object')} wide>
            <code>{objectText}</code>
          </AboutField>
          <AboutField label={t('deliveryActions.cluster')} wide>
            {clusterDisplayTitle(cluster)}
          </AboutField>
          <AboutField label={t('deliveryActions.effectLabel')} wide>
            {t(`deliveryActions.effect.${effectKey}`, { object: objectText })}
          </AboutField>
        </AboutFieldList>
        <Typography variant="caption" color="textSecondary" component="p">
          {t('deliveryActions.audited')}
        </Typography>
        {error && (
          <Alert severity="error" role="alert">
            {t('deliveryActions.failed')}:{' '}
            {ResponseError.is(error) ? error.cause.message : error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={running}>
          {t('deliveryActions.cancel')}
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={confirm}
          disabled={running}
        >
          {t('deliveryActions.confirm', { action: actionText })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
