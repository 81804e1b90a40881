import { buildLineageGraph } from './buildLineageGraph';
import type {
  LineageEntity,
  LineageGraph,
  LineageInput,
  LineagePlacementInput,
} from './types';

const REGISTRY = 'registry.example.com/kitstage-demo';

function modelKit(
  name: string,
  spec: Record<string, unknown> = {},
  extra: Partial<LineageEntity> = {},
): LineageEntity {
  return {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name, namespace: 'default', ...extra.metadata },
    spec: {
      type: 'model',
      owner: 'group:default/nlp-team',
      lifecycle: 'production',
      repository: `${REGISTRY}/${name}`,
      ...spec,
    },
    ...(extra.relations ? { relations: extra.relations } : {}),
  };
}

function component(
  name: string,
  annotations: Record<string, string> = {},
  relations: LineageEntity['relations'] = [],
): LineageEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'group:default/nlp-team' },
    relations,
  };
}

const node = (graph: LineageGraph, id: string) =>
  graph.nodes.find(n => n.id === id);
const edgeTriples = (graph: LineageGraph) =>
  graph.edges.map(e => `${e.from} ${e.type} ${e.to}`);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** A script address, built so that no literal one sits in the source. */
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');

describe('buildLineageGraph', () => {
  const demo: LineageInput = {
    root: 'modelkit:default/support-sentiment',
    entities: [
      modelKit('sentiment-base', { title: undefined }),
      modelKit('support-tickets', { type: 'dataset' }),
      modelKit('support-sentiment', {
        baseModel: 'modelkit:sentiment-base',
        datasets: ['support-tickets'],
      }),
      component('support-sentiment-api', {
        'kitstage.dev/modelkit': `${REGISTRY}/support-sentiment:v1.1.0`,
      }),
    ],
    kitfiles: [
      {
        entityRef: 'modelkit:default/support-sentiment',
        version: 'v1.1.0',
        digest: `sha256:${'a'.repeat(64)}`,
        references: [
          {
            role: 'base-model',
            field: 'model.path',
            repository: `${REGISTRY}/sentiment-base`,
            tag: 'v1.0.0',
          },
        ],
      },
    ],
    provenance: [
      {
        entityRef: 'modelkit:default/support-sentiment',
        sourceRepository: 'https://github.com/acme/support-sentiment',
        sourceCommit: 'abc123',
        verification: 'verified',
      },
    ],
    placements: [
      {
        component: 'component:default/support-sentiment-api',
        cluster: {
          name: 'prod-eu',
          title: 'Production EU',
          dashboardUrl: 'https://dash.example.com/prod-eu',
        },
        status: 'healthy',
        modelKits: [
          {
            repository: `${REGISTRY}/support-sentiment`,
            digest: `sha256:${'a'.repeat(64)}`,
          },
        ],
      },
    ],
  };

  it('traces a fine-tune from its base model, dataset and source to its serving Component and cluster', () => {
    const graph = buildLineageGraph(demo);
    expect(graph.root).toBe('modelkit:default/support-sentiment');
    expect(
      graph.nodes.map(n => [n.id, n.kind, n.depth, n.missing ?? false]),
    ).toEqual([
      ['modelkit:default/support-sentiment', 'fine-tune', 0, false],
      [
        'source:https://github.com/acme/support-sentiment@abc123',
        'source',
        -1,
        false,
      ],
      ['modelkit:default/support-tickets', 'dataset', -1, false],
      ['modelkit:default/sentiment-base', 'base-model', -1, false],
      ['component:default/support-sentiment-api', 'component', 1, false],
      ['cluster:prod-eu', 'cluster', 2, false],
    ]);
    expect(edgeTriples(graph)).toEqual([
      'component:default/support-sentiment-api runs-on cluster:prod-eu',
      'modelkit:default/support-sentiment served-by component:default/support-sentiment-api',
      'modelkit:default/support-sentiment fine-tuned-from modelkit:default/sentiment-base',
      'modelkit:default/support-sentiment trained-on modelkit:default/support-tickets',
      'modelkit:default/support-sentiment built-from-source source:https://github.com/acme/support-sentiment@abc123',
    ]);
    expect(graph.warnings).toEqual([]);
    expect(graph.cycles).toEqual([]);
    expect(graph.truncated).toBe(false);
  });

  it('merges what several sources say about one edge, most specific first', () => {
    const graph = buildLineageGraph(demo);
    const base = graph.edges.find(e => e.type === 'fine-tuned-from')!;
    expect(base).toMatchObject({
      source: 'kitfile',
      sources: ['kitfile', 'catalog'],
      field: 'model.path',
      version: 'v1.0.0',
      label: 'fine-tuned from',
    });
    const served = graph.edges.find(e => e.type === 'served-by')!;
    expect(served).toMatchObject({
      source: 'deployment',
      sources: ['deployment', 'catalog'],
      digest: `sha256:${'a'.repeat(64)}`,
    });
    expect(graph.edges.find(e => e.type === 'runs-on')!.status).toBe('healthy');
  });

  it('describes nodes with entity refs, titles, versions, owners and safe links', () => {
    const graph = buildLineageGraph(demo);
    expect(node(graph, 'modelkit:default/support-sentiment')).toMatchObject({
      entityRef: 'modelkit:default/support-sentiment',
      title: 'support-sentiment',
      version: 'v1.1.0',
      digest: `sha256:${'a'.repeat(64)}`,
      repository: `${REGISTRY}/support-sentiment`,
      owner: 'group:default/nlp-team',
      lifecycle: 'production',
    });
    expect(node(graph, 'cluster:prod-eu')).toMatchObject({
      title: 'Production EU',
      url: 'https://dash.example.com/prod-eu',
    });
    expect(
      node(graph, 'source:https://github.com/acme/support-sentiment@abc123'),
    ).toMatchObject({
      title: 'github.com/acme/support-sentiment',
      version: 'abc123',
      url: 'https://github.com/acme/support-sentiment',
      verified: true,
    });
  });

  it('never vouches for unverified provenance or links to non-http addresses', () => {
    const graph = buildLineageGraph({
      root: 'modelkit:default/m',
      entities: [modelKit('m')],
      provenance: [
        {
          entityRef: 'modelkit:default/m',
          sourceRepository: SCRIPT_URL,
          verification: 'unsigned',
        },
      ],
      placements: [
        {
          cluster: { name: 'c', dashboardUrl: SCRIPT_URL },
          modelKits: [{ repository: `${REGISTRY}/m` }],
        },
      ],
    });
    const source = graph.nodes.find(n => n.kind === 'source')!;
    expect(source.verified).toBe(false);
    expect(source.url).toBeUndefined();
    expect(node(graph, 'cluster:c')!.url).toBeUndefined();
    expect(graph.edges.find(e => e.type === 'built-from-source')).toMatchObject(
      { verified: false, verification: 'unsigned' },
    );
  });

  it('shows the lineage of a Component: the ModelKits it serves upstream, its clusters downstream', () => {
    const graph = buildLineageGraph({
      ...demo,
      root: 'component:default/support-sentiment-api',
    });
    expect(graph.nodes.map(n => [n.id, n.depth])).toEqual([
      ['component:default/support-sentiment-api', 0],
      ['source:https://github.com/acme/support-sentiment@abc123', -2],
      ['modelkit:default/support-tickets', -2],
      ['modelkit:default/sentiment-base', -2],
      ['modelkit:default/support-sentiment', -1],
      ['cluster:prod-eu', 1],
    ]);
  });

  it('shows fine-tunes and their services downstream of a base model, not its siblings', () => {
    const graph = buildLineageGraph({
      root: 'modelkit:default/sentiment-base',
      entities: [
        ...demo.entities,
        modelKit('other-dataset', { type: 'dataset' }),
        modelKit('unrelated', { datasets: ['other-dataset'] }),
      ],
    });
    expect(graph.nodes.map(n => [n.id, n.kind, n.depth])).toEqual([
      ['modelkit:default/sentiment-base', 'base-model', 0],
      ['modelkit:default/support-sentiment', 'fine-tune', 1],
      ['component:default/support-sentiment-api', 'component', 2],
    ]);
  });

  it('follows a Component dependsOn relation and a ModelKit dependencyOf relation', () => {
    const graph = buildLineageGraph({
      root: 'modelkit:default/m',
      entities: [
        modelKit(
          'm',
          {},
          {
            relations: [
              { type: 'dependencyOf', targetRef: 'component:default/b' },
            ],
          },
        ),
        component('a', {}, [
          { type: 'dependsOn', targetRef: 'modelkit:default/m' },
        ]),
        component('b'),
      ],
    });
    expect(edgeTriples(graph)).toEqual([
      'modelkit:default/m served-by component:default/a',
      'modelkit:default/m served-by component:default/b',
    ]);
  });

  it('draws a ModelKit running on a cluster without a Component', () => {
    const graph = buildLineageGraph({
      root: 'modelkit:default/m',
      entities: [modelKit('m')],
      placements: [
        {
          cluster: { name: 'edge' },
          status: 'degraded',
          modelKits: [{ repository: `${REGISTRY.toUpperCase()}/m`, tag: 'v2' }],
        },
      ],
    });
    expect(graph.edges).toEqual([
      expect.objectContaining({
        from: 'modelkit:default/m',
        to: 'cluster:edge',
        type: 'runs-on',
        version: 'v2',
        status: 'degraded',
        source: 'deployment',
      }),
    ]);
  });

  describe('missing references', () => {
    it('marks a base model that is not in the catalog as missing and warns', () => {
      const graph = buildLineageGraph({
        root: 'modelkit:default/ft',
        entities: [modelKit('ft', { baseModel: 'ghost-base' })],
      });
      expect(node(graph, 'modelkit:default/ghost-base')).toEqual({
        id: 'modelkit:default/ghost-base',
        entityRef: 'modelkit:default/ghost-base',
        title: 'ghost-base',
        kind: 'base-model',
        missing: true,
        depth: -1,
      });
      expect(graph.warnings).toEqual([
        {
          code: 'missing-reference',
          message:
            'spec.baseModel of modelkit:default/ft names modelkit:default/ghost-base, which is not in the catalog or not visible to you',
          field: 'spec.baseModel',
          nodeIds: ['modelkit:default/ghost-base'],
        },
      ]);
    });

    it('marks a Kitfile reference no ModelKit has as its repository as missing', () => {
      const graph = buildLineageGraph({
        root: 'modelkit:default/ft',
        entities: [modelKit('ft')],
        kitfiles: [
          {
            entityRef: 'modelkit:default/ft',
            references: [
              {
                role: 'dataset',
                field: 'datasets[0].remotePath',
                repository: 'other.example.com/data/tickets',
                tag: 'v3',
              },
            ],
          },
        ],
      });
      expect(node(graph, 'oci:other.example.com/data/tickets')).toMatchObject({
        kind: 'dataset',
        missing: true,
        version: 'v3',
        depth: -1,
      });
      expect(graph.warnings.map(w => [w.code, w.field])).toEqual([
        ['missing-reference', 'datasets[0].remotePath'],
      ]);
    });

    it('reports a root that is not given, and an unparsable reference, without throwing', () => {
      const missingRoot = buildLineageGraph({
        root: 'modelkit:default/nowhere',
        entities: [],
      });
      expect(missingRoot.nodes).toEqual([
        expect.objectContaining({
          id: 'modelkit:default/nowhere',
          missing: true,
        }),
      ]);
      expect(missingRoot.warnings[0].code).toBe('missing-reference');

      const badRef = buildLineageGraph({
        root: 'modelkit:default/m',
        entities: [
          modelKit('m', { baseModel: 'modelkit:' }),
          component('svc', { 'kitstage.dev/modelkit': 'not a reference!' }),
        ],
      });
      expect(badRef.nodes.map(n => n.id)).toEqual(['modelkit:default/m']);
      expect(badRef.warnings).toEqual([
        expect.objectContaining({
          code: 'invalid-reference',
          field: 'spec.baseModel',
          nodeIds: ['modelkit:default/m'],
        }),
      ]);
    });
  });

  describe('cycles', () => {
    it('draws two ModelKits that name each other as base model once each and reports the cycle', () => {
      const graph = buildLineageGraph({
        root: 'modelkit:default/a',
        entities: [
          modelKit('a', { baseModel: 'b' }),
          modelKit('b', { baseModel: 'a' }),
        ],
      });
      expect(graph.nodes.map(n => [n.id, n.depth])).toEqual([
        ['modelkit:default/a', 0],
        ['modelkit:default/b', -1],
      ]);
      expect(edgeTriples(graph)).toEqual([
        'modelkit:default/a fine-tuned-from modelkit:default/b',
        'modelkit:default/b fine-tuned-from modelkit:default/a',
      ]);
      expect(graph.cycles).toEqual([
        ['modelkit:default/a', 'modelkit:default/b'],
      ]);
      expect(graph.warnings).toEqual([
        {
          code: 'cycle',
          message: 'These reference each other in a cycle: a, b',
          nodeIds: ['modelkit:default/a', 'modelkit:default/b'],
        },
      ]);
    });

    it('reports a self-reference and a longer cycle apart from the acyclic rest', () => {
      const graph = buildLineageGraph({
        root: 'modelkit:default/root',
        entities: [
          modelKit('root', { baseModel: 'x', datasets: ['self'] }),
          modelKit('x', { baseModel: 'y' }),
          modelKit('y', { baseModel: 'z' }),
          modelKit('z', { baseModel: 'x' }),
          modelKit('self', { type: 'dataset', datasets: ['self'] }),
        ],
        maxDepth: 10,
      });
      expect(graph.nodes).toHaveLength(5);
      expect(new Set(graph.nodes.map(n => n.id)).size).toBe(5);
      expect(graph.cycles).toEqual([
        ['modelkit:default/self'],
        ['modelkit:default/x', 'modelkit:default/y', 'modelkit:default/z'],
      ]);
      expect(graph.warnings.map(w => w.message)).toEqual([
        'self references itself',
        'These reference each other in a cycle: x, y, z',
      ]);
    });

    it('ends on a cycle through a Component and a cluster-free deployment', () => {
      // m is served by svc, and (wrongly) the catalog says m depends on svc's own output kit.
      const graph = buildLineageGraph({
        root: 'component:default/svc',
        entities: [
          modelKit('m', { baseModel: 'n' }),
          modelKit('n', { baseModel: 'm' }),
          component('svc', { 'kitstage.dev/modelkit': `${REGISTRY}/m:v1` }),
        ],
      });
      expect(graph.nodes.map(n => n.id).sort()).toEqual([
        'component:default/svc',
        'modelkit:default/m',
        'modelkit:default/n',
      ]);
      expect(graph.cycles).toHaveLength(1);
    });
  });

  describe('large graphs and limits', () => {
    /** 10 datasets, 40 base models, 200 fine-tunes served by 40 Components on 5 clusters. */
    function largeInput(): LineageInput {
      const entities: LineageEntity[] = [modelKit('hub')];
      const placements: LineagePlacementInput[] = [];
      for (let d = 0; d < 10; d++) {
        entities.push(modelKit(`data-${d}`, { type: 'dataset' }));
      }
      for (let b = 0; b < 40; b++) {
        entities.push(
          modelKit(`base-${b}`, {
            baseModel: 'hub',
            datasets: [`data-${b % 10}`],
          }),
        );
      }
      for (let f = 0; f < 200; f++) {
        entities.push(
          modelKit(`ft-${f}`, {
            baseModel: `base-${f % 40}`,
            datasets: [`data-${f % 10}`, `data-${(f + 3) % 10}`],
          }),
        );
      }
      for (let c = 0; c < 40; c++) {
        entities.push(
          component(`svc-${c}`, {
            'kitstage.dev/modelkit': `${REGISTRY}/ft-${c}:v1`,
          }),
        );
        placements.push({
          component: `component:default/svc-${c}`,
          cluster: { name: `cluster-${c % 5}` },
          modelKits: [{ repository: `${REGISTRY}/ft-${c}` }],
        });
      }
      return {
        root: 'modelkit:default/hub',
        entities,
        placements,
        maxNodes: 1000,
      };
    }

    it('builds a 286-node graph with every node once', () => {
      const graph = buildLineageGraph(largeInput());
      // hub, 40 bases, 200 fine-tunes, 40 Components, 5 clusters; datasets are siblings.
      expect(graph.nodes).toHaveLength(286);
      expect(new Set(graph.nodes.map(n => n.id)).size).toBe(286);
      expect(graph.nodes.filter(n => n.depth === 1)).toHaveLength(40);
      expect(graph.nodes.filter(n => n.depth === 2)).toHaveLength(200);
      expect(graph.nodes.filter(n => n.kind === 'cluster')).toHaveLength(5);
      expect(graph.cycles).toEqual([]);
      expect(graph.truncated).toBe(false);
      const ids = new Set(graph.nodes.map(n => n.id));
      expect(graph.edges.every(e => ids.has(e.from) && ids.has(e.to))).toBe(
        true,
      );
    });

    it('gives the same graph whatever the order of its input', () => {
      const input = largeInput();
      const first = buildLineageGraph(input);
      const second = buildLineageGraph({
        ...input,
        entities: shuffled(input.entities, 7),
        placements: shuffled(input.placements!, 11),
      });
      expect(second).toEqual(first);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    });

    it('keeps the nearest nodes under the node cap and says it left some out', () => {
      const graph = buildLineageGraph({ ...largeInput(), maxNodes: 100 });
      expect(graph.nodes).toHaveLength(100);
      expect(graph.truncated).toBe(true);
      expect(graph.nodes.filter(n => n.depth === 1)).toHaveLength(40);
      expect(graph.nodes.filter(n => n.depth > 2)).toHaveLength(0);
      expect(graph.warnings.map(w => w.code)).toContain('node-limit');
    });

    it('stops at the depth limit and marks the nodes whose lineage goes on', () => {
      const entities = Array.from({ length: 12 }, (_, i) =>
        modelKit(`m${i}`, i < 11 ? { baseModel: `m${i + 1}` } : {}),
      );
      const graph = buildLineageGraph({
        root: 'modelkit:default/m0',
        entities,
        maxDepth: 3,
      });
      expect(graph.nodes.map(n => [n.id, n.depth, n.hasMore ?? false])).toEqual(
        [
          ['modelkit:default/m0', 0, false],
          ['modelkit:default/m3', -3, true],
          ['modelkit:default/m2', -2, false],
          ['modelkit:default/m1', -1, false],
        ],
      );
      expect(graph.limits).toEqual({ maxDepth: 3, maxNodes: 300 });
      expect(graph.warnings).toEqual([
        expect.objectContaining({
          code: 'depth-limit',
          nodeIds: ['modelkit:default/m3'],
        }),
      ]);
      const all = buildLineageGraph({
        root: 'modelkit:default/m0',
        entities,
        maxDepth: 20,
      });
      expect(all.nodes).toHaveLength(12);
      expect(all.warnings).toEqual([]);
    });
  });
});
