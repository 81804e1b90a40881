export {
  LineageGraphCanvas,
  LineageGraphView,
  LineageNodesTable,
  LineageWarnings,
} from './LineageGraphView';
export type { LineageGraphViewProps } from './LineageGraphView';
export {
  toDependencyGraph,
  flowEnds,
  FLOW_LABELS,
  NODE_KIND_LABELS,
} from './layout';
