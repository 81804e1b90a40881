import { LINEAGE_EDGE_LABELS } from './constants';
import type { RawEdge, RawNode } from './GraphBuilder';
import { compare } from './lineageKeys';
import type {
  LineageEdge,
  LineageEdgeSource,
  LineageNode,
  LineageNodeKind,
} from './types';

/** Edge sources, most specific first. */
const SOURCE_ORDER: LineageEdgeSource[] = [
  'kitfile',
  'provenance',
  'deployment',
  'catalog',
];

/** Node kinds in the order they are listed at one depth: from the data to the clusters. */
const KIND_ORDER: LineageNodeKind[] = [
  'source',
  'dataset',
  'base-model',
  'modelkit',
  'fine-tune',
  'component',
  'cluster',
];

/**
 * The kind of a node: its own for non-ModelKits; for a ModelKit, `dataset` by its spec, else
 * `fine-tune`, `base-model` or `dataset` by its edges, else `modelkit`.
 */
export function refineKind(
  node: RawNode,
  edges: readonly RawEdge[],
): LineageNodeKind {
  if (!node.isModelKit) return node.kind ?? 'modelkit';
  if (node.isDataset) return 'dataset';
  if (edges.some(e => e.from === node.id && e.type === 'fine-tuned-from')) {
    return 'fine-tune';
  }
  if (edges.some(e => e.to === node.id && e.type === 'fine-tuned-from')) {
    return 'base-model';
  }
  if (edges.some(e => e.to === node.id && e.type === 'trained-on')) {
    return 'dataset';
  }
  return 'modelkit';
}

/** Sorts edges by `from`, `to` and `type`, in place. */
export function sortLineageEdges<T extends RawEdge>(edges: T[]): T[] {
  return edges.sort(
    (a, b) =>
      compare(a.from, b.from) || compare(a.to, b.to) || compare(a.type, b.type),
  );
}

/** Sorts nodes in place: the root first, then by depth (upstream first), kind and id. */
export function sortLineageNodes(
  nodes: LineageNode[],
  rootId: string,
): LineageNode[] {
  return nodes.sort((a, b) => {
    if (a.id === rootId) return -1;
    if (b.id === rootId) return 1;
    return (
      a.depth - b.depth ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      compare(a.id, b.id)
    );
  });
}

/** An edge as the graph gives it: with its label and its sources, most specific first. */
export function toLineageEdge({ sources, ...edge }: RawEdge): LineageEdge {
  const ordered = SOURCE_ORDER.filter(s => sources.has(s));
  return {
    ...edge,
    label: LINEAGE_EDGE_LABELS[edge.type],
    source: ordered[0],
    sources: ordered,
  };
}
