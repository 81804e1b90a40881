export { LineageGraphView } from './LineageGraphView';
export type { LineageGraphViewProps } from './LineageGraphView';
