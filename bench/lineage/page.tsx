/*
 * The page the lineage benchmark loads in headless Chromium: it renders a lineage graph with
 * the Kitstage lineage canvas or with DependencyGraph's default nodes and labels (what
 * @backstage/plugin-catalog-graph builds on), and reports when the layout has settled.
 */
import { ApiProvider } from '@backstage/core-app-api';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { errorApiRef, translationApiRef } from '@backstage/frontend-plugin-api';
import { UnifiedThemeProvider, themes } from '@backstage/theme';
import { createRoot, Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { largeLineageGraph } from '../../plugins/modelkit/src/__fixtures__/lineage';
import { LineageGraphCanvas } from '../../plugins/modelkit/src/components/LineageGraph/LineageGraphView';
import {
  flowEnds,
  FLOW_LABELS,
  groupIdOf,
  toDependencyGraph,
} from '../../plugins/modelkit/src/components/LineageGraph/layout';

const noopSubscription = { unsubscribe() {} };
const apiImplementations = new Map<string, unknown>([
  [
    translationApiRef.id,
    {
      getTranslation: () => ({ ready: true, t: (key: string) => key }),
      translation$: () => ({ subscribe: () => noopSubscription }),
    },
  ],
  [
    errorApiRef.id,
    { post() {}, error$: () => ({ subscribe: () => noopSubscription }) },
  ],
]);
/** The two APIs DependencyGraph asks for: translations (keys as text) and errors. */
const apis = {
  get: (ref: { id: string }) => apiImplementations.get(ref.id) as any,
};

export type Variant = 'kitstage' | 'kitstage-collapsed' | 'default-nodes';

function Graph(props: { variant: Variant; nodeCount: number }) {
  const graph = largeLineageGraph(props.nodeCount);
  if (props.variant === 'default-nodes') {
    const nodes = graph.nodes.map(n => ({ id: n.id }));
    const edges = graph.edges.map(e => {
      const [from, to] = flowEnds(e);
      return { from, to, label: FLOW_LABELS[e.type] };
    });
    return (
      <DependencyGraph
        nodes={nodes}
        edges={edges}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
        zoom="enabled"
        curve="curveMonotoneX"
        fit="contain"
      />
    );
  }
  const expanded =
    props.variant === 'kitstage'
      ? new Set(graph.nodes.map(groupIdOf))
      : new Set<string>();
  const { nodes, edges } = toDependencyGraph(graph, { expanded });
  return (
    <LineageGraphCanvas
      nodes={nodes}
      edges={edges}
      onExpand={() => {}}
      entityHref={({ kind, namespace, name }) =>
        `/catalog/${namespace}/${kind}/${name}`
      }
    />
  );
}

let root: Root | undefined;

/**
 * Renders a graph and resolves with the milliseconds from the start of the render until
 * every node is drawn, the layout is visible and a frame has been painted.
 */
async function renderGraph(variant: Variant, nodeCount: number) {
  root?.unmount();
  const container = document.getElementById('root')!;
  container.innerHTML = '';
  root = createRoot(container);
  const expected =
    variant === 'kitstage-collapsed'
      ? toDependencyGraph(largeLineageGraph(nodeCount)).nodes.length
      : nodeCount;
  const started = performance.now();
  root.render(
    <ApiProvider apis={apis}>
      <UnifiedThemeProvider theme={themes.light}>
        <MemoryRouter>
          <div style={{ width: 1400, height: 900 }}>
            <Graph variant={variant} nodeCount={nodeCount} />
          </div>
        </MemoryRouter>
      </UnifiedThemeProvider>
    </ApiProvider>,
  );
  await new Promise<void>((resolve, reject) => {
    const deadline = started + 120_000;
    const check = () => {
      const nodes = container.querySelectorAll('[data-testid="node"]');
      const wrapper = container.querySelector<HTMLElement>(
        'svg#dependency-graph',
      )?.parentElement;
      const visible = wrapper && wrapper.style.visibility !== 'hidden';
      const laidOut =
        nodes.length === expected &&
        Array.from(nodes).every(
          n => !n.getAttribute('transform')?.includes('NaN'),
        );
      if (visible && laidOut) {
        requestAnimationFrame(() => resolve());
      } else if (performance.now() > deadline) {
        reject(new Error(`${nodes.length} of ${expected} nodes after 120 s`));
      } else {
        requestAnimationFrame(check);
      }
    };
    check();
  });
  return { ms: performance.now() - started, drawnNodes: expected };
}

(window as any).renderGraph = renderGraph;
(window as any).benchReady = true;
