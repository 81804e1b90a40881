/*
 * The page the lineage benchmark loads in headless Chromium: it renders a lineage graph with
 * the Kitstage lineage canvas or with DependencyGraph's default nodes and labels (what
 * @backstage/plugin-catalog-graph builds on), reports when the drawing is complete, and
 * records frame times while the benchmark pans and zooms.
 */
import { ApiProvider } from '@backstage/core-app-api';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { errorApiRef, translationApiRef } from '@backstage/frontend-plugin-api';
import { UnifiedThemeProvider, themes } from '@backstage/theme';
import { useMemo } from 'react';
import { createRoot, Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { largeLineageGraph } from '../../plugins/modelkit-react/src/testUtils/lineage';
import { LineageGraphCanvas } from '../../plugins/modelkit-react/src/components/LineageGraph/LineageGraphCanvas';
import {
  flowEnds,
  FLOW_LABELS,
  groupIdOf,
  layoutLineage,
  toDrawnGraph,
} from '../../plugins/modelkit-react/src/components/LineageGraph/layout';

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

function KitstageGraph(props: { nodeCount: number; expandAll: boolean }) {
  const { nodeCount, expandAll } = props;
  // As LineageGraphView does: collapse, then lay out once per graph.
  const layout = useMemo(() => {
    const graph = largeLineageGraph(nodeCount);
    const expanded = expandAll
      ? new Set(graph.nodes.map(groupIdOf))
      : new Set<string>();
    return layoutLineage(toDrawnGraph(graph, { expanded }));
  }, [nodeCount, expandAll]);
  return (
    <LineageGraphCanvas
      layout={layout}
      onExpand={() => {}}
      entityHref={({ kind, namespace, name }) =>
        `/catalog/${namespace}/${kind}/${name}`
      }
    />
  );
}

function PeerGraph(props: { nodeCount: number }) {
  const graph = largeLineageGraph(props.nodeCount);
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

/** How many nodes the variant draws. */
function expectedNodes(variant: Variant, nodeCount: number) {
  return variant === 'kitstage-collapsed'
    ? toDrawnGraph(largeLineageGraph(nodeCount)).nodes.length
    : nodeCount;
}

/** Whether the drawing is complete: every node drawn, laid out and visible. */
function isDrawn(container: HTMLElement, variant: Variant, expected: number) {
  if (variant === 'default-nodes') {
    const nodes = container.querySelectorAll('[data-testid="node"]');
    const wrapper = container.querySelector<HTMLElement>(
      'svg#dependency-graph',
    )?.parentElement;
    return (
      Boolean(wrapper) &&
      wrapper!.style.visibility !== 'hidden' &&
      nodes.length === expected &&
      Array.from(nodes).every(
        n => !n.getAttribute('transform')?.includes('NaN'),
      )
    );
  }
  const nodes = container.querySelectorAll(
    '[data-lineage-node], [data-lineage-group]',
  );
  // The canvas sets the pan and zoom transform once it has fitted the drawing.
  const fitted = container.querySelector('svg[style*="transform"]');
  return nodes.length === expected && Boolean(fitted);
}

let root: Root | undefined;

/**
 * Renders a graph and resolves with the milliseconds from the start of the render until
 * every node is drawn, the layout is visible and the frame that shows it has been painted.
 */
async function renderGraph(variant: Variant, nodeCount: number) {
  root?.unmount();
  const container = document.getElementById('root')!;
  container.innerHTML = '';
  root = createRoot(container);
  const expected = expectedNodes(variant, nodeCount);
  const started = performance.now();
  root.render(
    <ApiProvider apis={apis}>
      <UnifiedThemeProvider theme={themes.light}>
        <MemoryRouter>
          <div style={{ width: 1400, height: 900 }}>
            {variant === 'default-nodes' ? (
              <PeerGraph nodeCount={nodeCount} />
            ) : (
              <KitstageGraph
                nodeCount={nodeCount}
                expandAll={variant === 'kitstage'}
              />
            )}
          </div>
        </MemoryRouter>
      </UnifiedThemeProvider>
    </ApiProvider>,
  );
  await new Promise<void>((resolve, reject) => {
    const deadline = started + 120_000;
    const check = () => {
      if (isDrawn(container, variant, expected)) {
        // Called in an animation frame: a task queued now runs once that frame is painted.
        setTimeout(resolve, 0);
      } else if (performance.now() > deadline) {
        reject(new Error(`The ${variant} graph was not drawn after 120 s`));
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  });
  return { ms: performance.now() - started, drawnNodes: expected };
}

let frames: number[] = [];
let recording = false;

/** Starts recording the time of every animation frame. */
function startFrames() {
  frames = [];
  recording = true;
  const tick = (time: number) => {
    if (!recording) return;
    frames.push(time);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Stops recording and returns the time between consecutive frames, in ms. */
function stopFrames() {
  recording = false;
  return frames.slice(1).map((time, i) => time - frames[i]);
}

/** The pan and zoom transform of the drawing, to check that the interaction moved it. */
function drawingTransform() {
  const kitstage = document.querySelector<SVGElement>(
    'svg[style*="transform"]',
  );
  const peer = document.querySelector('svg #workspace');
  return kitstage?.style.transform ?? peer?.getAttribute('transform') ?? '';
}

Object.assign(window as any, {
  renderGraph,
  startFrames,
  stopFrames,
  drawingTransform,
  benchReady: true,
});
