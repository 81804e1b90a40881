export {
  LINEAGE_DEFAULTS,
  LINEAGE_EDGE_LABELS,
  lineageFlow,
} from './constants';
export { buildLineageGraph } from './buildLineageGraph';
export { findKitfileLineageReferences } from './findKitfileLineageReferences';
export type {
  LineageNodeKind,
  LineageEdgeType,
  LineageEdgeSource,
  LineageNode,
  LineageEdge,
  LineageGraph,
  LineageWarningCode,
  LineageWarning,
  LineageKitfileReference,
  LineageKitfileInput,
  LineageProvenanceInput,
  LineagePlacementInput,
  LineageEntity,
  LineageInput,
} from './types';
