/* eslint-disable no-script-url -- tests that script addresses are refused */
import {
  cycleGraph,
  largeLineageGraph,
  supportSentimentGraph,
} from '../../testUtils/lineage';
import { safeHttpUrl, toDrawnGraph } from './layout';

describe('toDrawnGraph', () => {
  it('points every edge the way data flows', () => {
    const { edges } = toDrawnGraph(supportSentimentGraph);
    const pairs = edges.map(e => `${e.from} -> ${e.to}: ${e.label}`).sort();
    expect(pairs).toEqual([
      'component:default/sentiment-api -> cluster:prod-eu: runs on',
      'modelkit:default/sentiment-base -> modelkit:default/support-sentiment: fine-tuned into',
      'modelkit:default/support-sentiment -> component:default/sentiment-api: served by',
      'modelkit:default/support-tickets -> modelkit:default/support-sentiment: trains',
      'modelkit:research/product-reviews -> modelkit:default/support-sentiment: trains',
      'source:https://git.example.com/ml/models@4f2a9c1 -> modelkit:default/support-sentiment: builds',
    ]);
  });

  it('marks the root and the members of cycles', () => {
    const { nodes } = toDrawnGraph(cycleGraph);
    expect(
      nodes.map(n => n.type === 'node' && [n.id, n.isRoot, n.inCycle]),
    ).toEqual([
      ['modelkit:default/a', true, true],
      ['modelkit:default/b', false, true],
    ]);
  });

  it('collapses groups larger than the threshold, never the root, and merges their edges', () => {
    const graph = largeLineageGraph(200);
    expect(graph.nodes).toHaveLength(200);
    const { nodes, edges } = toDrawnGraph(graph, {
      collapseThreshold: 12,
    });
    const groups = nodes.filter(n => n.type === 'group');
    expect(groups.map(g => g.id).sort()).toEqual([
      'group:-1:base-model',
      'group:-1:dataset',
      'group:1:fine-tune',
      'group:2:component',
    ]);
    // The 9 clusters stay single nodes; the root is drawn.
    expect(nodes.filter(n => n.type === 'node').map(n => n.id)).toContain(
      graph.root,
    );
    expect(nodes).toHaveLength(1 + 4 + 9);
    const components = groups.find(g => g.id === 'group:2:component');
    expect(components?.type === 'group' && components.members).toHaveLength(
      200 - 1 - 39 - 19 - 39 - 9,
    );
    const toComponents = edges.find(
      e => e.from === 'group:1:fine-tune' && e.to === 'group:2:component',
    );
    expect(toComponents?.label).toBe('served by (93)');
  });

  it('draws every node of an expanded group', () => {
    const graph = largeLineageGraph(200);
    const { nodes } = toDrawnGraph(graph, {
      collapseThreshold: 12,
      expanded: new Set(['group:-1:dataset']),
    });
    expect(
      nodes.filter(n => n.id.startsWith('modelkit:default/dataset-')),
    ).toHaveLength(39);
    expect(nodes.some(n => n.id === 'group:-1:dataset')).toBe(false);
  });
});

describe('safeHttpUrl', () => {
  it('links web addresses only', () => {
    expect(safeHttpUrl('https://git.example.com/x')).toBe(
      'https://git.example.com/x',
    );
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,x')).toBeUndefined();
    expect(safeHttpUrl('not a url')).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });
});
