import { orderColumns } from './orderColumns';
import { assignColumns, RankedEdge, RankedNode } from './rankedColumns';

/**
 * The sizes a ranked layout works with, in pixels.
 *
 * @internal
 */
export interface RankedLayoutOptions<E extends RankedEdge> {
  /** The width of every node. */
  nodeWidth: number;
  /** The height of every node. */
  nodeHeight: number;
  /** Space between two nodes of one column. */
  nodeGap: number;
  /** Space between an edge crossing a column and what is next to it. */
  edgeGap: number;
  /** Space between two columns, besides the widest edge label in between. */
  rankGap: number;
  /** Space around the drawing. */
  padding: number;
  /** The width of an edge's label; 0 for none. */
  labelWidth(edge: E): number;
}

/**
 * A point of the drawing.
 *
 * @internal
 */
export interface Point {
  /** Pixels from the left. */
  x: number;
  /** Pixels from the top. */
  y: number;
}

/**
 * A node placed on the drawing.
 *
 * @internal
 */
export interface PlacedNode<N> {
  /** The node as given. */
  node: N;
  /** The left side of the node. */
  x: number;
  /** The top side of the node. */
  y: number;
  /** The column the node is in, from 0 on the left. */
  column: number;
}

/**
 * An edge placed on the drawing.
 *
 * @internal
 */
export interface PlacedEdge<E> {
  /** The edge as given. */
  edge: E;
  /** From the source's right side, across the columns in between, to the target's left side. */
  points: Point[];
  /** The SVG path through `points`. */
  path: string;
  /** The centre of the edge's label. */
  label: Point;
  /** Drawn right to left: the edge closes a cycle or goes against the kinds' order. */
  backward: boolean;
}

/**
 * A lineage drawing: where every node and edge goes.
 *
 * @internal
 */
export interface RankedLayout<N, E> {
  /** The width of the whole drawing, padding included. */
  width: number;
  /** The height of the whole drawing, padding included. */
  height: number;
  /** How many columns the nodes take. */
  columnCount: number;
  /** Every node, in the order given. */
  nodes: PlacedNode<N>[];
  /** Every edge between nodes given, in the order given. */
  edges: PlacedEdge<E>[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * A path through `points` made of curves that leave and enter each point
 * horizontally, and straight runs where an edge crosses a column.
 *
 * @internal
 */
export function edgePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M${round(points[0].x)},${round(points[0].y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a.y === b.y && b.x > a.x) {
      d += `L${round(b.x)},${round(b.y)}`;
      continue;
    }
    const bend = b.x > a.x ? (b.x - a.x) / 2 : 60;
    d += `C${round(a.x + bend)},${round(a.y)} ${round(b.x - bend)},${round(
      b.y,
    )} ${round(b.x)},${round(b.y)}`;
  }
  return d;
}

/**
 * Least-squares positions in one column, in order, at least `offsets` apart:
 * pool-adjacent-violators on `desired - offset`, in O(k).
 */
function placeInOrder(desired: Float64Array, offsets: Float64Array) {
  const k = desired.length;
  const sums: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < k; i++) {
    let sum = desired[i] - offsets[i];
    let count = 1;
    while (
      sums.length > 0 &&
      sums[sums.length - 1] / counts[counts.length - 1] >= sum / count
    ) {
      sum += sums.pop()!;
      count += counts.pop()!;
    }
    sums.push(sum);
    counts.push(count);
  }
  const placed = new Float64Array(k);
  let i = 0;
  for (let block = 0; block < sums.length; block++) {
    const value = sums[block] / counts[block];
    for (let j = 0; j < counts[block]; j++, i++) placed[i] = value + offsets[i];
  }
  return placed;
}

/**
 * Lays out a lineage drawing left to right in layers: a column per kind (and
 * per step of a chain within a kind, see `assignColumns`), nodes ordered
 * within their column to cross few edges, edges spanning several columns
 * routed through a point in each column in between, and vertical positions
 * that keep edges as straight as the order allows. Costs O(n log n + e) for
 * n nodes and e edges.
 *
 * @internal
 */
export function layoutRanked<N extends RankedNode, E extends RankedEdge>(
  nodes: readonly N[],
  edges: readonly E[],
  options: RankedLayoutOptions<E>,
): RankedLayout<N, E> {
  const { columns: nodeColumn, columnCount } = assignColumns(nodes, edges);
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));

  // Slots: the nodes, then a point per column crossed by a long edge.
  const slotColumn = [...nodeColumn];
  const preds: number[][] = nodes.map(() => []);
  const succs: number[][] = nodes.map(() => []);
  const chains: Array<{ edge: E; slots: number[]; backward: boolean }> = [];
  for (const edge of edges) {
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined || a === b) continue;
    if (nodeColumn[b] <= nodeColumn[a]) {
      chains.push({ edge, slots: [a, b], backward: true });
      continue;
    }
    const slots = [a];
    for (let c = nodeColumn[a] + 1; c < nodeColumn[b]; c++) {
      slots.push(slotColumn.length);
      slotColumn.push(c);
      preds.push([]);
      succs.push([]);
    }
    slots.push(b);
    for (let i = 1; i < slots.length; i++) {
      succs[slots[i - 1]].push(slots[i]);
      preds[slots[i]].push(slots[i - 1]);
    }
    chains.push({ edge, slots, backward: false });
  }

  const initial: number[][] = Array.from({ length: columnCount }, () => []);
  slotColumn.forEach((column, slot) => initial[column].push(slot));
  const columns = orderColumns(initial, preds, succs);

  // Vertical centres: stacked, then pulled towards their neighbours.
  const isNode = (slot: number) => slot < nodes.length;
  const half = (slot: number) => (isNode(slot) ? options.nodeHeight / 2 : 0);
  const y = new Float64Array(slotColumn.length);
  const columnOffsets = columns.map(column => {
    const offsets = new Float64Array(column.length);
    for (let i = 1; i < column.length; i++) {
      const [above, below] = [column[i - 1], column[i]];
      const gap =
        isNode(above) && isNode(below) ? options.nodeGap : options.edgeGap;
      offsets[i] = offsets[i - 1] + half(above) + half(below) + gap;
    }
    return offsets;
  });
  columns.forEach((column, c) => {
    const offsets = columnOffsets[c];
    const middle = column.length > 0 ? offsets[column.length - 1] / 2 : 0;
    column.forEach((slot, i) => {
      y[slot] = offsets[i] - middle;
    });
  });
  const pull = (c: number, neighbours: number[][]) => {
    const column = columns[c];
    const desired = new Float64Array(column.length);
    column.forEach((slot, i) => {
      const list = neighbours[slot];
      if (list.length === 0) {
        desired[i] = y[slot];
        return;
      }
      let sum = 0;
      for (const other of list) sum += y[other];
      desired[i] = sum / list.length;
    });
    const placed = placeInOrder(desired, columnOffsets[c]);
    column.forEach((slot, i) => {
      y[slot] = placed[i];
    });
  };
  for (let pass = 0; pass < 4; pass++) {
    for (let c = 1; c < columnCount; c++) pull(c, preds);
    for (let c = columnCount - 2; c >= 0; c--) pull(c, succs);
  }

  let top = Infinity;
  let bottom = -Infinity;
  for (let slot = 0; slot < slotColumn.length; slot++) {
    top = Math.min(top, y[slot] - half(slot));
    bottom = Math.max(bottom, y[slot] + half(slot));
  }
  if (slotColumn.length === 0) [top, bottom] = [0, 0];
  const shift = options.padding - top;

  // Columns are as far apart as the widest label that sits between them.
  const labelGap = new Array<number>(columnCount).fill(0);
  for (const chain of chains) {
    if (chain.backward) continue;
    const c = nodeColumn[chain.slots[0]];
    labelGap[c] = Math.max(labelGap[c], options.labelWidth(chain.edge));
  }
  const left: number[] = [];
  let x = options.padding;
  for (let c = 0; c < columnCount; c++) {
    left.push(x);
    x += options.nodeWidth + options.rankGap + labelGap[c];
  }
  const width =
    columnCount > 0
      ? left[columnCount - 1] + options.nodeWidth + options.padding
      : 2 * options.padding;

  const placedNodes = nodes.map((node, i) => ({
    node,
    x: left[nodeColumn[i]],
    y: y[i] + shift - options.nodeHeight / 2,
    column: nodeColumn[i],
  }));
  const placedEdges = chains.map(({ edge, slots, backward }) => {
    const [from, to] = [slots[0], slots[slots.length - 1]];
    const points: Point[] = [
      { x: left[nodeColumn[from]] + options.nodeWidth, y: y[from] + shift },
    ];
    for (const slot of slots.slice(1, -1)) {
      const column = left[slotColumn[slot]];
      points.push({ x: column, y: y[slot] + shift });
      points.push({ x: column + options.nodeWidth, y: y[slot] + shift });
    }
    points.push({ x: left[nodeColumn[to]], y: y[to] + shift });
    const label = {
      x: (points[0].x + points[1].x) / 2,
      y: (points[0].y + points[1].y) / 2,
    };
    return { edge, points, path: edgePath(points), label, backward };
  });
  return {
    width,
    height: bottom - top + 2 * options.padding,
    columnCount,
    nodes: placedNodes,
    edges: placedEdges,
  };
}
