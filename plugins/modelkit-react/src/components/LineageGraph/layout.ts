import type {
  LineageEdge,
  LineageEdgeType,
  LineageGraph,
  LineageNode,
  LineageNodeKind,
} from '@kitstage/plugin-modelkit-common';
import { layoutRanked, RankedLayout } from './rankedLayout';

/** How each node kind is named on the graph and in the table. */
export const NODE_KIND_LABELS: Record<LineageNodeKind, string> = {
  dataset: 'Dataset',
  'base-model': 'Base model',
  modelkit: 'ModelKit',
  'fine-tune': 'Fine-tune',
  component: 'Component',
  cluster: 'Cluster',
  source: 'Source',
};

/**
 * Edge labels read in the direction data flows, left to right on the graph:
 * a dataset `trains` a model, a base model is `fine-tuned into` a fine-tune.
 */
export const FLOW_LABELS: Record<LineageEdgeType, string> = {
  'trained-on': 'trains',
  'fine-tuned-from': 'fine-tuned into',
  'built-from-source': 'builds',
  'served-by': 'served by',
  'runs-on': 'runs on',
};

/** Edge types whose data flows from the object (`to`) to the subject (`from`). */
const UPSTREAM_TYPES: ReadonlySet<LineageEdgeType> = new Set([
  'trained-on',
  'fine-tuned-from',
  'built-from-source',
]);

/** The edge in data-flow order: `[source, target]`. */
export function flowEnds(edge: LineageEdge): [string, string] {
  return UPSTREAM_TYPES.has(edge.type)
    ? [edge.to, edge.from]
    : [edge.from, edge.to];
}

/** A node drawn on the graph: a lineage node, or a collapsed group of them. */
export type LineageGraphNodeData =
  | {
      type: 'node';
      node: LineageNode;
      isRoot: boolean;
      inCycle: boolean;
    }
  | {
      type: 'group';
      groupId: string;
      kind: LineageNodeKind;
      depth: number;
      members: LineageNode[];
    };

/** A node of the drawing. */
export type LineageGraphNode = LineageGraphNodeData & { id: string };

/** An edge of the drawing, in data-flow direction. */
export interface LineageGraphEdge {
  from: string;
  to: string;
  label: string;
  /** The lineage edges it stands for (several when one end is a group). */
  edges: LineageEdge[];
}

/** Groups larger than this are collapsed into one node unless expanded. */
export const DEFAULT_COLLAPSE_THRESHOLD = 12;

/** The id of the group of nodes of one kind at one depth. */
export function groupIdOf(node: Pick<LineageNode, 'kind' | 'depth'>): string {
  return `group:${node.depth}:${node.kind}`;
}

/**
 * Turns a lineage graph into the nodes and edges to draw left to right:
 * edges point the way data flows, nodes of one kind at one
 * depth beyond `collapseThreshold` become one group node (the root never),
 * unless their group is in `expanded`, and edges between the same drawn nodes
 * are merged.
 */
export function toDrawnGraph(
  graph: LineageGraph,
  options: { expanded?: ReadonlySet<string>; collapseThreshold?: number } = {},
): { nodes: LineageGraphNode[]; edges: LineageGraphEdge[] } {
  const threshold = options.collapseThreshold ?? DEFAULT_COLLAPSE_THRESHOLD;
  const expanded = options.expanded ?? new Set<string>();
  const inCycle = new Set(graph.cycles.flat());

  const groups = new Map<string, LineageNode[]>();
  for (const node of graph.nodes) {
    if (node.id === graph.root) continue;
    const id = groupIdOf(node);
    const members = groups.get(id) ?? [];
    members.push(node);
    groups.set(id, members);
  }

  const drawnId = new Map<string, string>();
  const nodes: LineageGraphNode[] = [];
  const emittedGroups = new Set<string>();
  for (const node of graph.nodes) {
    const groupId = groupIdOf(node);
    const members = groups.get(groupId);
    const collapse =
      node.id !== graph.root &&
      members !== undefined &&
      members.length > threshold &&
      !expanded.has(groupId);
    if (collapse) {
      drawnId.set(node.id, groupId);
      if (!emittedGroups.has(groupId)) {
        emittedGroups.add(groupId);
        nodes.push({
          id: groupId,
          type: 'group',
          groupId,
          kind: node.kind,
          depth: node.depth,
          members,
        });
      }
    } else {
      drawnId.set(node.id, node.id);
      nodes.push({
        id: node.id,
        type: 'node',
        node,
        isRoot: node.id === graph.root,
        inCycle: inCycle.has(node.id),
      });
    }
  }

  const edges = new Map<string, LineageGraphEdge>();
  for (const edge of graph.edges) {
    const [source, target] = flowEnds(edge);
    const from = drawnId.get(source);
    const to = drawnId.get(target);
    if (!from || !to || from === to) continue;
    const key = `${from}\n${to}`;
    const existing = edges.get(key);
    if (existing) {
      existing.edges.push(edge);
      const labels = [...new Set(existing.edges.map(e => FLOW_LABELS[e.type]))];
      existing.label =
        existing.edges.length > 1 && labels.length === 1
          ? `${labels[0]} (${existing.edges.length})`
          : labels.join(', ');
    } else {
      edges.set(key, {
        from,
        to,
        label: FLOW_LABELS[edge.type],
        edges: [edge],
      });
    }
  }
  return { nodes, edges: [...edges.values()] };
}

/**
 * The width of every node, so that the layout does not depend on text width.
 *
 * @internal
 */
export const NODE_WIDTH = 216;
/**
 * The height of every node.
 *
 * @internal
 */
export const NODE_HEIGHT = 58;

/**
 * The width of an edge label: a fixed box per character, independent of font
 * metrics.
 *
 * @internal
 */
export function labelWidth(text: string): number {
  return Math.max(24, text.length * 6 + 8);
}

/**
 * Where every node and edge of a lineage drawing goes.
 *
 * @internal
 */
export type LineageLayout = RankedLayout<LineageGraphNode, LineageGraphEdge>;

/**
 * Lays out the drawing of `toDrawnGraph` left to right in a column per kind
 * (see `layoutRanked`), with room between columns for the edge labels.
 *
 * @internal
 */
export function layoutLineage(drawn: {
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
}): LineageLayout {
  const ranked = drawn.nodes.map(node =>
    node.type === 'node'
      ? { ...node, kind: node.node.kind, depth: node.node.depth }
      : node,
  );
  const layout = layoutRanked(ranked, drawn.edges, {
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    nodeGap: 24,
    edgeGap: 10,
    rankGap: 110,
    padding: 24,
    labelWidth: edge => labelWidth(edge.label),
  });
  return {
    ...layout,
    nodes: layout.nodes.map((placed, i) => ({
      ...placed,
      node: drawn.nodes[i],
    })),
  };
}

/** Whether a web address may be linked: only `http:` and `https:` addresses. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? parsed.href
      : undefined;
  } catch {
    return undefined;
  }
}
