export { ModelKitVersionTab } from './ModelKitVersionTab';
export type {
  ModelKitVersionTabLabels,
  ModelKitVersionTabProps,
} from './ModelKitVersionTab';
export { ModelKitVersionSelectionTab } from './ModelKitVersionSelectionTab';
export type { ModelKitVersionSelectionTabProps } from './ModelKitVersionSelectionTab';
