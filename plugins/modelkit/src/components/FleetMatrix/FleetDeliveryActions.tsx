import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DeploymentEntitySummary } from '@kitstage/plugin-modelkit-common';
import { useComponentDeployments } from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import SettingsIcon from '@material-ui/icons/Settings';
import Alert from '@material-ui/lab/Alert';
import { useId, useState } from 'react';
import { DeliveryList } from '../ClusterDeploymentCard/DeliveryList';

/** The delivery objects of one service on one cluster, live, with their actions. */
function DeliveryObjectsOnCluster(props: {
  entity: DeploymentEntitySummary;
  cluster: string;
}) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { namespace, name } = props.entity;
  const { value, error, retry } = useComponentDeployments({ namespace, name });
  if (error && !value) {
    return (
      <Alert severity="error">
        {t('fleet.actions.loadError')}: {error.message}
      </Alert>
    );
  }
  if (!value) return <Progress />;
  const card = value.clusters.find(c => c.cluster.name === props.cluster);
  if (!card || card.deliveries.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('fleet.actions.none')}
      </Typography>
    );
  }
  const available = card.actions;
  return (
    <>
      {available && !available.permitted && available.reason && (
        <Alert severity="info">
          {t('deliveryActions.readOnly', { reason: available.reason })}
        </Alert>
      )}
      <DeliveryList
        deliveries={card.deliveries}
        actions={{
          component: { namespace, name },
          cluster: card.cluster,
          availability: available,
          onDone: retry,
        }}
      />
    </>
  );
}

/**
 * A button in a fleet cell that opens the delivery objects of the service on
 * that cluster (its Flux objects and their sources, its Argo CD Applications)
 * with the actions the caller may take on each, as on the service's cluster
 * card. The Component's Deployments view is loaded when it opens, and kept
 * current while it is open, so the controller's reaction shows.
 *
 * @internal
 */
export function FleetDeliveryActions(props: {
  entity: DeploymentEntitySummary;
  cluster: string;
  serviceTitle: string;
  clusterTitle: string;
}) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const names = { service: props.serviceTitle, cluster: props.clusterTitle };
  const label = t('fleet.actions.button', names);
  return (
    <>
      <IconButton
        size="small"
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <SettingsIcon fontSize="small" />
      </IconButton>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="md"
        fullWidth
      >
        <DialogTitle id={titleId}>
          {t('fleet.actions.title', names)}
        </DialogTitle>
        <DialogContent>
          {open && (
            <DeliveryObjectsOnCluster
              entity={props.entity}
              cluster={props.cluster}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>
            {t('fleet.actions.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
