import {
  DELIVERY_ACTIONS_BY_KIND,
  DeliveryActionName,
} from '@kitstage/plugin-modelkit-common';

/**
 * The actions a delivery object takes now: a Flux object reconcile and suspend, or resume
 * while suspended; an Argo CD Application refresh and sync; nothing for other kinds.
 *
 * @public
 */
export function availableDeliveryActions(target: {
  kind: string;
  suspended?: boolean;
}): DeliveryActionName[] {
  const actions = DELIVERY_ACTIONS_BY_KIND[target.kind] ?? [];
  return actions.filter(action => {
    if (action === 'suspend') return !target.suspended;
    if (action === 'resume') return target.suspended === true;
    return true;
  });
}
