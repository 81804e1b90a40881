/* eslint-disable no-script-url -- a hostile cluster address the views must not link */
import type {
  ComponentLineageResponse,
  LineageEdge,
  LineageGraph,
  LineageNode,
  ModelKitLineageResponse,
  ModelKitModelCardResponse,
} from '@kitstage/plugin-modelkit-common';
import { LINEAGE_EDGE_LABELS } from '@kitstage/plugin-modelkit-common';
import { digests, repository } from './modelKitVersions';

function edge(
  from: string,
  to: string,
  type: LineageEdge['type'],
  source: LineageEdge['source'] = 'catalog',
): LineageEdge {
  return {
    from,
    to,
    type,
    label: LINEAGE_EDGE_LABELS[type],
    source,
    sources: [source],
  };
}

const ids = {
  root: 'modelkit:default/support-sentiment',
  base: 'modelkit:default/sentiment-base',
  tickets: 'modelkit:default/support-tickets',
  reviews: 'modelkit:research/product-reviews',
  api: 'component:default/sentiment-api',
  cluster: 'cluster:prod-eu',
  source: 'source:https://git.example.com/ml/models@4f2a9c1',
};

/**
 * The lineage of `support-sentiment` v1.2.0 as the backend builds it.
 *
 * @public
 */
export const supportSentimentGraph: LineageGraph = {
  root: ids.root,
  nodes: [
    {
      id: ids.root,
      kind: 'fine-tune',
      entityRef: ids.root,
      title: 'Support sentiment (fine-tune)',
      version: 'v1.2.0',
      digest: digests.v120,
      depth: 0,
      repository,
      owner: 'group:default/nlp-team',
      lifecycle: 'production',
    },
    {
      id: ids.base,
      kind: 'base-model',
      entityRef: ids.base,
      title: 'Sentiment base model',
      depth: -1,
    },
    {
      id: ids.tickets,
      kind: 'dataset',
      entityRef: ids.tickets,
      title: 'Support tickets dataset',
      depth: -1,
    },
    {
      id: ids.reviews,
      kind: 'dataset',
      entityRef: ids.reviews,
      title: 'product-reviews',
      depth: -1,
      missing: true,
    },
    {
      id: ids.source,
      kind: 'source',
      title: 'git.example.com/ml/models',
      version: '4f2a9c1',
      depth: -1,
      url: 'https://git.example.com/ml/models/commit/4f2a9c1',
      verified: false,
    },
    {
      id: ids.api,
      kind: 'component',
      entityRef: ids.api,
      title: 'Sentiment API',
      depth: 1,
    },
    {
      id: ids.cluster,
      kind: 'cluster',
      title: 'Production EU',
      depth: 2,
      // A cluster dashboard address that must never become a link.
      url: 'javascript:alert(1)',
    },
  ],
  edges: [
    edge(ids.api, ids.cluster, 'runs-on', 'deployment'),
    edge(ids.root, ids.api, 'served-by'),
    edge(ids.root, ids.base, 'fine-tuned-from', 'kitfile'),
    edge(ids.root, ids.reviews, 'trained-on'),
    edge(ids.root, ids.source, 'built-from-source', 'provenance'),
    edge(ids.root, ids.tickets, 'trained-on'),
  ],
  truncated: false,
  cycles: [],
  limits: { maxDepth: 4, maxNodes: 300 },
  warnings: [
    {
      code: 'missing-reference',
      message:
        'spec.datasets names modelkit:research/product-reviews, which is not in the catalog or not visible to you.',
      nodeIds: [ids.reviews],
      field: 'spec.datasets',
    },
  ],
};

/**
 * The lineage response of the newest version (v1.2.0) of `support-sentiment`.
 *
 * @public
 */
export const supportSentimentLineage: ModelKitLineageResponse = {
  entityRef: ids.root,
  repository,
  version: {
    reference: 'v1.2.0',
    digest: digests.v120,
    tags: ['v1.2.0', 'latest'],
    version: '1.2.0',
  },
  graph: supportSentimentGraph,
};

/**
 * The lineage as of v1.1.0, fine-tuned before the LoRA adapter from an older base.
 *
 * @public
 */
export const supportSentimentLineageV110: ModelKitLineageResponse = {
  ...supportSentimentLineage,
  version: {
    reference: digests.v110,
    digest: digests.v110,
    tags: ['v1.1.0'],
    version: '1.1.0',
  },
  graph: {
    ...supportSentimentGraph,
    nodes: supportSentimentGraph.nodes
      .filter(n => n.id !== ids.source)
      .map(n => (n.id === ids.root ? { ...n, version: 'v1.1.0' } : n)),
    edges: supportSentimentGraph.edges.filter(e => e.to !== ids.source),
    warnings: [],
  },
};

/**
 * Two ModelKits fine-tuned from each other.
 *
 * @public
 */
export const cycleGraph: LineageGraph = {
  root: 'modelkit:default/a',
  nodes: [
    {
      id: 'modelkit:default/a',
      kind: 'fine-tune',
      entityRef: 'modelkit:default/a',
      title: 'Model A',
      depth: 0,
    },
    {
      id: 'modelkit:default/b',
      kind: 'base-model',
      entityRef: 'modelkit:default/b',
      title: 'Model B',
      depth: -1,
    },
  ],
  edges: [
    edge('modelkit:default/a', 'modelkit:default/b', 'fine-tuned-from'),
    edge('modelkit:default/b', 'modelkit:default/a', 'fine-tuned-from'),
  ],
  truncated: false,
  cycles: [['modelkit:default/a', 'modelkit:default/b']],
  limits: { maxDepth: 4, maxNodes: 300 },
  warnings: [
    {
      code: 'cycle',
      message:
        'modelkit:default/a and modelkit:default/b are fine-tuned from each other.',
      nodeIds: ['modelkit:default/a', 'modelkit:default/b'],
    },
  ],
};

/**
 * A lineage of `nodeCount` nodes around one ModelKit: a fifth datasets, a
 * tenth base models, a fifth fine-tunes, the rest Components, with clusters
 * behind the Components. Deterministic, for tests and the benchmark.
 *
 * @public
 */
export function largeLineageGraph(nodeCount: number): LineageGraph {
  const root = 'modelkit:default/root-model';
  const nodes: LineageNode[] = [
    {
      id: root,
      kind: 'modelkit',
      entityRef: root,
      title: 'Root model',
      version: 'v1.0.0',
      depth: 0,
    },
  ];
  const edges: LineageEdge[] = [];
  const rest = nodeCount - 1;
  const datasets = Math.floor(rest / 5);
  const bases = Math.floor(rest / 10);
  const fineTunes = Math.floor(rest / 5);
  const clusters = Math.max(1, Math.floor(rest / 20));
  const components = rest - datasets - bases - fineTunes - clusters;
  const pad = (n: number) => String(n).padStart(3, '0');
  for (let i = 0; i < datasets; i++) {
    const id = `modelkit:default/dataset-${pad(i)}`;
    nodes.push({
      id,
      kind: 'dataset',
      entityRef: id,
      title: `Dataset ${i}`,
      depth: -1,
    });
    edges.push(edge(root, id, 'trained-on'));
  }
  for (let i = 0; i < bases; i++) {
    const id = `modelkit:default/base-${pad(i)}`;
    nodes.push({
      id,
      kind: 'base-model',
      entityRef: id,
      title: `Base ${i}`,
      depth: -1,
    });
    edges.push(edge(root, id, 'fine-tuned-from'));
  }
  for (let i = 0; i < fineTunes; i++) {
    const id = `modelkit:default/tune-${pad(i)}`;
    nodes.push({
      id,
      kind: 'fine-tune',
      entityRef: id,
      title: `Fine-tune ${i}`,
      depth: 1,
    });
    edges.push(edge(id, root, 'fine-tuned-from'));
  }
  const clusterIds: string[] = [];
  for (let i = 0; i < clusters; i++) {
    const id = `cluster:cluster-${pad(i)}`;
    clusterIds.push(id);
    nodes.push({ id, kind: 'cluster', title: `Cluster ${i}`, depth: 3 });
  }
  for (let i = 0; i < components; i++) {
    const id = `component:default/service-${pad(i)}`;
    const tune = `modelkit:default/tune-${pad(i % Math.max(1, fineTunes))}`;
    nodes.push({
      id,
      kind: 'component',
      entityRef: id,
      title: `Service ${i}`,
      depth: 2,
    });
    edges.push(edge(fineTunes > 0 ? tune : root, id, 'served-by'));
    edges.push(
      edge(id, clusterIds[i % clusterIds.length], 'runs-on', 'deployment'),
    );
  }
  return {
    root,
    nodes,
    edges,
    truncated: false,
    cycles: [],
    limits: { maxDepth: 4, maxNodes: 300 },
    warnings: [],
  };
}

/**
 * The lineage of the `sentiment-api` Component.
 *
 * @public
 */
export const sentimentApiLineage: ComponentLineageResponse = {
  entityRef: ids.api,
  graph: {
    ...supportSentimentGraph,
    root: ids.api,
    nodes: supportSentimentGraph.nodes.map(n => ({
      ...n,
      depth: n.id === ids.api ? 0 : n.depth - 1,
    })),
    warnings: [],
  },
};

const descriptions: ModelKitModelCardResponse['descriptions'] = {
  package: {
    name: 'support-sentiment',
    version: '1.2.0',
    description:
      'sentiment-base fine-tuned on support tickets, with a LoRA adapter',
    license: 'Apache-2.0',
    authors: ['NLP team <nlp@example.com>', 'Dana Ortiz'],
  },
  model: {
    name: 'support-sentiment',
    path: 'model/',
    framework: 'transformers',
    description: 'Classifies the sentiment of support tickets',
  },
  datasets: [
    {
      name: 'validation',
      path: 'data/validation.jsonl',
      description: 'Held-out tickets',
    },
  ],
  code: [{ path: 'src/', description: 'Training and evaluation scripts' }],
  docs: [{ path: 'README.md' }],
};

/**
 * The model card of v1.2.0, read from its README.
 *
 * @public
 */
export const modelCardV120: ModelKitModelCardResponse = {
  repository,
  reference: 'v1.2.0',
  digest: digests.v120,
  markdown: [
    '# Support sentiment',
    '',
    'Fine-tuned from **sentiment-base** on [support tickets](https://example.com/datasets/tickets).',
    '',
    '## Evaluation',
    '',
    '- accuracy: 0.91',
    '- F1: 0.89',
  ].join('\n'),
  source: {
    type: 'docs-layer',
    path: 'README.md',
    layerDigest: digests.docsV120,
  },
  truncated: false,
  maxBytes: 262144,
  descriptions,
  warnings: [],
};

/**
 * A version whose docs layer has no model card: the Kitfile descriptions stand in.
 *
 * @public
 */
export const modelCardFallback: ModelKitModelCardResponse = {
  ...modelCardV120,
  reference: 'v1.1.0',
  digest: digests.v110,
  markdown: null,
  source: { type: 'kitfile' },
  warnings: ['docs layer sha256:2983… is not a tar archive'],
};
