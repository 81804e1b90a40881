export { ModelKitFleetContent } from './ModelKitFleetContent';
export type { ModelKitFleetContentProps } from './ModelKitFleetContent';
