import IconButton from '@material-ui/core/IconButton';
import { makeStyles, Theme } from '@material-ui/core/styles';
import FullscreenIcon from '@material-ui/icons/Fullscreen';
import FullscreenExitIcon from '@material-ui/icons/FullscreenExit';
import {
  memo,
  RefObject,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { labelWidth, LineageLayout } from './layout';
import {
  EntityHref,
  LineageNodeView,
  useLineageNodeContext,
} from './LineageNodeView';
import { usePanZoom, useViewSize } from './usePanZoom';

/** The grey of edges: the Backstage theme's `textSubtle`, else secondary text. */
function subtle(theme: Theme): string {
  const palette = theme.palette as Theme['palette'] & { textSubtle?: string };
  return palette.textSubtle ?? theme.palette.text.secondary;
}

const useStyles = makeStyles(theme => ({
  root: {
    position: 'relative',
    width: '100%',
    height: '100%',
  },
  fullscreen: {
    backgroundColor: theme.palette.background.paper,
  },
  fullscreenButton: {
    position: 'absolute',
    right: 0,
    zIndex: 1,
  },
  view: {
    width: '100%',
    height: '100%',
    overflow: 'hidden',
    touchAction: 'none',
  },
  svg: {
    display: 'block',
    transformOrigin: '0 0',
  },
  edge: {
    strokeWidth: 1.3,
    stroke: subtle(theme),
    fill: 'none',
  },
  arrow: {
    fill: subtle(theme),
  },
  label: {
    fontSize: 11,
    fill: theme.palette.text.secondary,
  },
  labelBackground: {
    fill: theme.palette.background.default,
    opacity: 0.85,
  },
}));

/** Whether `ref` is shown full screen, and a toggle. */
function useFullscreen(ref: RefObject<HTMLElement>) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const onChange = () =>
      setActive(
        Boolean(ref.current) && document.fullscreenElement === ref.current,
      );
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [ref]);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) {
      document.exitFullscreen?.().catch(() => undefined);
    } else {
      ref.current?.requestFullscreen?.().catch(() => undefined);
    }
  }, [ref]);
  return { active, toggle };
}

/** The edges, their labels and the nodes: rendered once per layout. */
const Drawing = memo(function DrawingView(props: {
  layout: LineageLayout;
  markerId: string;
  onExpand(groupId: string): void;
  entityHref: EntityHref;
}) {
  const classes = useStyles();
  const { layout, markerId } = props;
  const context = useLineageNodeContext(props.onExpand, props.entityHref);
  return (
    <>
      {layout.edges.map(({ edge, path }) => (
        <path
          key={`${edge.from}\n${edge.to}`}
          className={classes.edge}
          d={path}
          markerEnd={`url(#${markerId})`}
        />
      ))}
      {layout.edges.map(({ edge, label }) => {
        const width = labelWidth(edge.label);
        return (
          <g
            key={`${edge.from}\n${edge.to}`}
            transform={`translate(${label.x - width / 2},${label.y - 8})`}
          >
            <rect
              className={classes.labelBackground}
              width={width}
              height={16}
              rx={3}
            />
            <text className={classes.label} x={4} y={12}>
              {edge.label}
            </text>
          </g>
        );
      })}
      {layout.nodes.map(({ node, x, y }) => (
        <g key={node.id} transform={`translate(${x},${y})`}>
          <LineageNodeView node={node} context={context} />
        </g>
      ))}
    </>
  );
});

/**
 * The drawing of a laid out lineage graph, left to right with edge labels
 * and arrow heads: it starts fitted into its box, pans and zooms by moving
 * the one drawing (so nodes are not rendered again), and can go full screen.
 *
 * @internal
 */
export function LineageGraphCanvas(props: {
  layout: LineageLayout;
  onExpand(groupId: string): void;
  entityHref: EntityHref;
}) {
  const classes = useStyles();
  const { layout } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const markerId = `lineage-arrow-${useId().replace(/[^\w-]/g, '')}`;
  // The view is measured before anything is drawn in it, and the drawing
  // fitted before the browser lays it out: one layout per drawing.
  const viewSize = useViewSize(viewRef);
  usePanZoom(viewRef, svgRef, layout.width, layout.height, viewSize);
  const fullscreen = useFullscreen(rootRef);

  return (
    <div
      ref={rootRef}
      className={`${classes.root} ${
        fullscreen.active ? classes.fullscreen : ''
      }`}
    >
      <IconButton
        className={classes.fullscreenButton}
        onClick={fullscreen.toggle}
        aria-label="Toggle fullscreen"
        title="Toggle fullscreen"
      >
        {fullscreen.active ? <FullscreenExitIcon /> : <FullscreenIcon />}
      </IconButton>
      <div ref={viewRef} className={classes.view}>
        <svg
          ref={svgRef}
          className={classes.svg}
          width={layout.width}
          height={layout.height}
        >
          <defs>
            <marker
              id={markerId}
              viewBox="0 0 24 24"
              markerWidth="14"
              markerHeight="14"
              refX="16"
              refY="12"
              orient="auto"
              markerUnits="strokeWidth"
            >
              <path
                className={classes.arrow}
                d="M8.59 16.59L13.17 12 8.59 7.41 10 6l6 6-6 6-1.41-1.41z"
              />
            </marker>
          </defs>
          {viewSize && (
            <Drawing
              layout={layout}
              markerId={markerId}
              onExpand={props.onExpand}
              entityHref={props.entityHref}
            />
          )}
        </svg>
      </div>
    </div>
  );
}
