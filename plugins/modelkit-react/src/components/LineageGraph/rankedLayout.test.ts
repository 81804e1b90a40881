import type { LineageNodeKind } from '@kitstage/plugin-modelkit-common';
import {
  cycleGraph,
  largeLineageGraph,
  supportSentimentGraph,
} from '../../testUtils/lineage';
import {
  groupIdOf,
  layoutLineage,
  LineageLayout,
  NODE_HEIGHT,
  NODE_WIDTH,
  toDrawnGraph,
} from './layout';
import { countCrossings, orderColumns } from './orderColumns';
import { assignColumns } from './rankedColumns';
import { edgePath, layoutRanked } from './rankedLayout';

const options = {
  nodeWidth: 100,
  nodeHeight: 40,
  nodeGap: 20,
  edgeGap: 10,
  rankGap: 50,
  padding: 10,
  labelWidth: () => 0,
};

function node(id: string, kind: LineageNodeKind, depth = 0) {
  return { id, kind, depth };
}

function expandedLayout(nodeCount: number): LineageLayout {
  const graph = largeLineageGraph(nodeCount);
  return layoutLineage(
    toDrawnGraph(graph, { expanded: new Set(graph.nodes.map(groupIdOf)) }),
  );
}

function columnOf(layout: LineageLayout, id: string) {
  return layout.nodes.find(n => n.node.id === id)!.column;
}

/**
 * What overlaps: two nodes of a column, a node outside the drawing, or an
 * edge that crosses a column through a node.
 */
function overlaps(layout: LineageLayout): string[] {
  const problems: string[] = [];
  const byColumn = new Map<number, Array<{ y: number; id: string }>>();
  for (const { node: drawn, x, y, column } of layout.nodes) {
    byColumn.set(column, [
      ...(byColumn.get(column) ?? []),
      { y, id: drawn.id },
    ]);
    const inside =
      x >= 0 &&
      y >= 0 &&
      x + NODE_WIDTH <= layout.width &&
      y + NODE_HEIGHT <= layout.height;
    if (!inside) problems.push(`${drawn.id} is outside the drawing`);
  }
  for (const list of byColumn.values()) {
    list.sort((a, b) => a.y - b.y);
    for (let i = 1; i < list.length; i++) {
      if (list[i].y - list[i - 1].y < NODE_HEIGHT) {
        problems.push(`${list[i - 1].id} overlaps ${list[i].id}`);
      }
    }
  }
  const topsByLeft = new Map<number, number[]>();
  for (const { x, y } of layout.nodes) {
    topsByLeft.set(x, [...(topsByLeft.get(x) ?? []), y]);
  }
  for (const { edge, points, backward } of layout.edges) {
    if (backward) continue;
    // Between its ends, an edge runs straight across each column it crosses.
    for (let i = 1; i + 2 < points.length; i += 2) {
      const [enter, leave] = [points[i], points[i + 1]];
      if (enter.y !== leave.y || leave.x - enter.x !== NODE_WIDTH) {
        problems.push(`${edge.from} -> ${edge.to} bends inside a column`);
      }
      for (const top of topsByLeft.get(enter.x) ?? []) {
        if (enter.y > top && enter.y < top + NODE_HEIGHT) {
          problems.push(`${edge.from} -> ${edge.to} runs through a node`);
        }
      }
    }
  }
  return problems;
}

describe('assignColumns', () => {
  it('gives each kind its column, in the order data flows', () => {
    const { columns, columnCount } = assignColumns(
      [
        node('cluster', 'cluster', 3),
        node('component', 'component', 2),
        node('model', 'modelkit'),
        node('base', 'base-model', -1),
        node('dataset', 'dataset', -1),
        node('source', 'source', -1),
      ],
      [],
    );
    expect(columns).toEqual([4, 3, 2, 1, 0, 0]);
    expect(columnCount).toBe(5);
  });

  it('puts each step of a chain within a kind one column further, and leaves out empty kinds', () => {
    const { columns, columnCount } = assignColumns(
      [
        node('tune-of-tune', 'fine-tune', 2),
        node('tune', 'fine-tune', 1),
        node('model', 'modelkit'),
        node('dataset', 'dataset', -1),
        node('cluster', 'cluster', 2),
      ],
      [
        { from: 'model', to: 'tune' },
        { from: 'tune', to: 'tune-of-tune' },
        { from: 'dataset', to: 'model' },
        { from: 'tune', to: 'cluster' },
      ],
    );
    expect(columns).toEqual([3, 2, 1, 0, 4]);
    expect(columnCount).toBe(5);
  });

  it('breaks a cycle within a kind at the member nearest upstream', () => {
    const { columns } = assignColumns(
      [
        node('a', 'fine-tune', 0),
        node('b', 'fine-tune', 1),
        node('c', 'fine-tune', -1),
      ],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ],
    );
    // c (depth -1) goes first; c → a → b, and b → c is drawn backwards.
    expect(columns).toEqual([1, 2, 0]);
  });
});

describe('orderColumns', () => {
  it('uncrosses edges by ordering each column after its neighbours', () => {
    // 0 → 3 and 1 → 2 cross when the second column is [2, 3].
    const preds = [[], [], [1], [0]];
    const succs = [[3], [2], [], []];
    expect(
      countCrossings(
        [
          [0, 1],
          [2, 3],
        ],
        succs,
      ),
    ).toBe(1);
    const ordered = orderColumns(
      [
        [0, 1],
        [2, 3],
      ],
      preds,
      succs,
    );
    expect(countCrossings(ordered, succs)).toBe(0);
    expect(ordered).toEqual([
      [0, 1],
      [3, 2],
    ]);
  });

  it('counts every crossing between two columns', () => {
    // Three edges all crossing each other: 0 → 5, 1 → 4, 2 → 3.
    const succs = [[5], [4], [3], [], [], []];
    expect(
      countCrossings(
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
        succs,
      ),
    ).toBe(3);
  });
});

describe('layoutRanked', () => {
  it('draws a chain as a straight line, with columns as far apart as the widest label', () => {
    const layout = layoutRanked(
      [
        node('d', 'dataset', -1),
        node('m', 'modelkit'),
        node('c', 'component', 1),
      ],
      [
        { from: 'd', to: 'm', label: 'trains' },
        { from: 'm', to: 'c', label: 'served by' },
      ],
      { ...options, labelWidth: edge => (edge.label === 'trains' ? 30 : 60) },
    );
    expect(layout.nodes.map(n => [n.x, n.y])).toEqual([
      [10, 10],
      [10 + 100 + 50 + 30, 10],
      [10 + 100 + 50 + 30 + 100 + 50 + 60, 10],
    ]);
    expect(layout.width).toBe(10 + 3 * 100 + 2 * 50 + 30 + 60 + 10);
    expect(layout.height).toBe(10 + 40 + 10);
    expect(layout.edges[0].path).toBe('M110,30L190,30');
    expect(layout.edges[0].label).toEqual({ x: 150, y: 30 });
  });

  it('orders each column after its neighbours so that no edges cross', () => {
    // Listed so that every dataset → model edge crosses the others.
    const nodes = [
      node('d0', 'dataset', -1),
      node('d1', 'dataset', -1),
      node('d2', 'dataset', -1),
      node('m0', 'modelkit'),
      node('m1', 'modelkit'),
      node('m2', 'modelkit'),
      node('c0', 'component', 1),
      node('c1', 'component', 1),
      node('c2', 'component', 1),
    ];
    const edges = [
      { from: 'd0', to: 'm2' },
      { from: 'd1', to: 'm1' },
      { from: 'd2', to: 'm0' },
      { from: 'm0', to: 'c0' },
      { from: 'm1', to: 'c1' },
      { from: 'm2', to: 'c2' },
    ];
    const layout = layoutRanked(nodes, edges, options);
    const y = new Map(layout.nodes.map(n => [n.node.id, n.y]));
    for (const a of edges) {
      for (const b of edges) {
        const fromOrder = y.get(a.from)! - y.get(b.from)!;
        const toOrder = y.get(a.to)! - y.get(b.to)!;
        expect(fromOrder * toOrder).toBeGreaterThanOrEqual(0);
      }
    }
    // Each chain is a straight line.
    expect(y.get('d0')).toBe(y.get('m2'));
    expect(y.get('m2')).toBe(y.get('c2'));
  });

  it('lays out nothing as an empty drawing', () => {
    const layout = layoutRanked([], [], options);
    expect(layout).toMatchObject({
      width: 20,
      height: 20,
      nodes: [],
      edges: [],
    });
  });

  it('leaves out edges to nodes it was not given', () => {
    const layout = layoutRanked(
      [node('m', 'modelkit')],
      [{ from: 'm', to: 'elsewhere' }],
      options,
    );
    expect(layout.edges).toEqual([]);
  });
});

describe('layoutLineage', () => {
  it('places sources and datasets, base models, the ModelKit, Components and clusters left to right', () => {
    const layout = layoutLineage(toDrawnGraph(supportSentimentGraph));
    const column = (id: string) => columnOf(layout, id);
    expect(column('modelkit:default/support-tickets')).toBe(0);
    expect(column('modelkit:research/product-reviews')).toBe(0);
    expect(column('source:https://git.example.com/ml/models@4f2a9c1')).toBe(0);
    expect(column('modelkit:default/sentiment-base')).toBe(1);
    expect(column('modelkit:default/support-sentiment')).toBe(2);
    expect(column('component:default/sentiment-api')).toBe(3);
    expect(column('cluster:prod-eu')).toBe(4);
    expect(overlaps(layout)).toEqual([]);
  });

  it('points every edge from its source column to a column further right', () => {
    const graph = largeLineageGraph(200);
    const drawn = toDrawnGraph(graph, {
      expanded: new Set(graph.nodes.map(groupIdOf)),
    });
    const layout = layoutLineage(drawn);
    expect(layout.edges.map(e => e.edge)).toEqual(drawn.edges);
    const byId = new Map(layout.nodes.map(n => [n.node.id, n]));
    const problems: string[] = [];
    for (const { edge, points, backward } of layout.edges) {
      const from = byId.get(edge.from)!;
      const to = byId.get(edge.to)!;
      const first = points[0];
      const last = points[points.length - 1];
      const ok =
        !backward &&
        to.column > from.column &&
        first.x === from.x + NODE_WIDTH &&
        first.y === from.y + NODE_HEIGHT / 2 &&
        last.x === to.x &&
        last.y === to.y + NODE_HEIGHT / 2 &&
        // A point where it enters and one where it leaves each column between.
        points.length === 2 + 2 * (to.column - from.column - 1) &&
        points.every((p, i) => i === 0 || p.x > points[i - 1].x);
      if (!ok) problems.push(`${edge.from} -> ${edge.to}`);
    }
    expect(problems).toEqual([]);
  });

  it('overlaps no node with another or with an edge, at 1000 nodes', () => {
    const layout = expandedLayout(1000);
    expect(layout.nodes).toHaveLength(1000);
    // Datasets, base models, the root, fine-tunes, Components, clusters.
    expect(layout.columnCount).toBe(6);
    expect(overlaps(layout)).toEqual([]);
  });

  it('gives the same drawing for the same graph', () => {
    const first = expandedLayout(200);
    const second = expandedLayout(200);
    expect(second.nodes.map(n => [n.node.id, n.x, n.y])).toEqual(
      first.nodes.map(n => [n.node.id, n.x, n.y]),
    );
    expect(second.edges.map(e => e.path)).toEqual(first.edges.map(e => e.path));
  });

  it('draws both members of a cycle, and the edge closing it backwards', () => {
    const layout = layoutLineage(toDrawnGraph(cycleGraph));
    expect(layout.nodes.map(n => [n.node.id, n.column])).toEqual([
      ['modelkit:default/a', 1],
      ['modelkit:default/b', 0],
    ]);
    expect(
      layout.edges.map(e => [e.edge.from, e.edge.to, e.backward]).sort(),
    ).toEqual([
      ['modelkit:default/a', 'modelkit:default/b', true],
      ['modelkit:default/b', 'modelkit:default/a', false],
    ]);
    expect(overlaps(layout)).toEqual([]);
  });
});

describe('edgePath', () => {
  it('curves between columns and runs straight across them', () => {
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 100, y: 50 },
        { x: 200, y: 50 },
        { x: 300, y: 0 },
      ]),
    ).toBe('M0,0C50,0 50,50 100,50L200,50C250,50 250,0 300,0');
  });

  it('loops back for an edge drawn right to left', () => {
    expect(
      edgePath([
        { x: 100, y: 0 },
        { x: 0, y: 40 },
      ]),
    ).toBe('M100,0C160,0 -60,40 0,40');
  });
});
