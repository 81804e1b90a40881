import type { LineageNodeKind } from '@kitstage/plugin-modelkit-common';

/**
 * The band of columns each node kind is drawn in, left to right, the way data
 * flows: sources and datasets, base models, ModelKits and fine-tunes,
 * Components, clusters.
 *
 * @internal
 */
export const KIND_BANDS: Record<LineageNodeKind, number> = {
  source: 0,
  dataset: 0,
  'base-model': 1,
  modelkit: 2,
  'fine-tune': 2,
  component: 3,
  cluster: 4,
};

/**
 * What the layout needs of a node: its kind and its hops from the root.
 *
 * @internal
 */
export interface RankedNode {
  /** Unique among the nodes laid out together. */
  id: string;
  /** Picks the node's band of columns. */
  kind: LineageNodeKind;
  /** Hops from the root, negative upstream: breaks cycles. */
  depth: number;
}

/**
 * An edge in data-flow direction.
 *
 * @internal
 */
export interface RankedEdge {
  /** The id of the node data flows from. */
  from: string;
  /** The id of the node data flows to. */
  to: string;
}

/**
 * The column of every node (by index): the node's kind picks its band, and
 * within a band a node sits one column right of the furthest node of the same
 * band it takes data from (a fine-tune right of the ModelKit it was tuned
 * from). Empty bands take no column. A cycle is broken at the member nearest
 * the root upstream (smallest depth, then input order), so every node gets a
 * column in O(n log n + e).
 *
 * @internal
 */
export function assignColumns(
  nodes: readonly RankedNode[],
  edges: readonly RankedEdge[],
): { columns: number[]; columnCount: number } {
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));
  const band = nodes.map(node => KIND_BANDS[node.kind] ?? KIND_BANDS.modelkit);

  const out: number[][] = nodes.map(() => []);
  const inDegree = new Array<number>(n).fill(0);
  for (const edge of edges) {
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined || a === b) continue;
    if (band[a] !== band[b]) continue;
    out[a].push(b);
    inDegree[b]++;
  }

  // Longest path within each band (Kahn's algorithm); when only cycles are
  // left, the member with the smallest depth is released first.
  const sub = new Array<number>(n).fill(0);
  const done = new Array<boolean>(n).fill(false);
  const byDepth = nodes
    .map((_, i) => i)
    .sort((a, b) => nodes[a].depth - nodes[b].depth || a - b);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (inDegree[i] === 0) queue.push(i);
  let head = 0;
  let next = 0;
  let processed = 0;
  while (processed < n) {
    let u: number;
    if (head < queue.length) {
      u = queue[head++];
      if (done[u]) continue;
    } else {
      while (done[byDepth[next]]) next++;
      u = byDepth[next];
    }
    done[u] = true;
    processed++;
    for (const v of out[u]) {
      if (done[v]) continue;
      sub[v] = Math.max(sub[v], sub[u] + 1);
      if (--inDegree[v] === 0) queue.push(v);
    }
  }

  const bandCount = Math.max(...Object.values(KIND_BANDS)) + 1;
  const bandWidth = new Array<number>(bandCount).fill(0);
  for (let i = 0; i < n; i++) {
    bandWidth[band[i]] = Math.max(bandWidth[band[i]], sub[i] + 1);
  }
  const bandStart: number[] = [];
  let columnCount = 0;
  for (let b = 0; b < bandCount; b++) {
    bandStart.push(columnCount);
    columnCount += bandWidth[b];
  }
  return {
    columns: nodes.map((_, i) => bandStart[band[i]] + sub[i]),
    columnCount,
  };
}
