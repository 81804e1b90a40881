import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DeliveryActionName,
  DeliveryActionResponse,
  DeliveryActionsAvailability,
  DeploymentCluster,
  DeploymentObjectRef,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import IconButton from '@material-ui/core/IconButton';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import { useState } from 'react';
import { formatObjectRef } from '../../lib/deployments';
import { modelkitTranslationRef } from '../../translation';
import { availableDeliveryActions } from './availableDeliveryActions';
import { DeliveryActionDialog } from './DeliveryActionDialog';

/**
 * Props of {@link DeliveryActionsMenu}.
 *
 * @public
 */
export interface DeliveryActionsMenuProps {
  /** The Component whose delivery object is acted on. */
  component: ModelKitEntityName;
  /** The cluster the object is on. */
  cluster: DeploymentCluster;
  /** The delivery object (a Flux object or its source, or an Argo CD Application). */
  object: DeploymentObjectRef;
  /** Whether the Flux object is suspended: it offers resume instead of suspend. */
  suspended?: boolean;
  /** Whether the caller may act, from the deployments response; nothing shows otherwise. */
  availability?: DeliveryActionsAvailability;
  /** Called with what was sent, once the backend accepted an action. */
  onDone?(response: DeliveryActionResponse): void;
}

/**
 * A menu of the actions a delivery object takes now (Flux reconcile, suspend or resume; Argo
 * CD refresh and sync), each confirmed in a {@link DeliveryActionDialog}. Shown only when
 * actions are enabled and the caller may act on the Component; for an object the backend
 * refuses (`availability.refused`), a disabled button says why.
 *
 * @public
 */
export function DeliveryActionsMenu(props: DeliveryActionsMenuProps) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const [anchor, setAnchor] = useState<HTMLElement>();
  const [action, setAction] = useState<DeliveryActionName>();
  const { availability, object } = props;
  const actions = availableDeliveryActions({
    kind: object.kind,
    suspended: props.suspended,
  });
  if (!availability?.permitted || actions.length === 0 || !object.namespace) {
    return null;
  }
  const refusal = availability.refused?.find(
    r =>
      r.object.kind === object.kind &&
      r.object.namespace === object.namespace &&
      r.object.name === object.name,
  );
  if (refusal) {
    // Shown, so that the owner learns why this object takes no action; the button is off.
    const refused = t('deliveryActions.refused', {
      object: formatObjectRef(object),
      reason: refusal.reason,
    });
    return (
      <span title={refused}>
        <IconButton size="small" aria-label={refused} disabled>
          <MoreVertIcon fontSize="small" />
        </IconButton>
      </span>
    );
  }
  const label = t('deliveryActions.menu', { object: formatObjectRef(object) });
  return (
    <>
      <IconButton
        size="small"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        onClick={event => setAnchor(event.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={anchor !== undefined}
        onClose={() => setAnchor(undefined)}
      >
        {actions.map(name => (
          <MenuItem
            key={name}
            onClick={() => {
              setAnchor(undefined);
              setAction(name);
            }}
          >
            {t(`deliveryActions.action.${name}`)}
          </MenuItem>
        ))}
      </Menu>
      <DeliveryActionDialog
        component={props.component}
        cluster={props.cluster}
        object={object}
        action={action}
        prune={availability.prune}
        onClose={() => setAction(undefined)}
        onDone={props.onDone}
      />
    </>
  );
}
