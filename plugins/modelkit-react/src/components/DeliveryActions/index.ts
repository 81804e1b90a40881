export { availableDeliveryActions } from './availableDeliveryActions';
export { DeliveryActionDialog } from './DeliveryActionDialog';
export type { DeliveryActionDialogProps } from './DeliveryActionDialog';
export { DeliveryActionsMenu } from './DeliveryActionsMenu';
export type { DeliveryActionsMenuProps } from './DeliveryActionsMenu';
