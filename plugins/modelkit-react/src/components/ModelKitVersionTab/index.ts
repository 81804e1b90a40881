export { ModelKitVersionTab } from './ModelKitVersionTab';
export type {
  ModelKitVersionTabLabels,
  ModelKitVersionTabProps,
} from './ModelKitVersionTab';
