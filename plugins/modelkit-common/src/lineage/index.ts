export {
  LINEAGE_DEFAULTS,
  LINEAGE_EDGE_LABELS,
  lineageFlow,
} from './constants';
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
