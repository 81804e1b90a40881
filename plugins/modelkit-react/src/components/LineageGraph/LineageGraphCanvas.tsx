import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { useCallback } from 'react';
import { LineageGraphEdge, LineageGraphNode } from './layout';
import { EntityHref, LineageNodeView } from './LineageNodeView';

const useStyles = makeStyles(theme => ({
  graph: {
    minWidth: '100%',
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

/**
 * The drawing of a lineage graph: `DependencyGraph` laid out left to right
 * with the lineage nodes and edge labels, zoomable and scrollable.
 *
 * @internal
 */
export function LineageGraphCanvas(props: {
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
  onExpand(groupId: string): void;
  entityHref: EntityHref;
}) {
  const classes = useStyles();
  const { onExpand, entityHref } = props;
  const renderNode = useCallback(
    (nodeProps: DependencyGraphTypes.RenderNodeProps<LineageGraphNode>) => (
      <LineageNodeView
        node={nodeProps.node}
        onExpand={onExpand}
        entityHref={entityHref}
      />
    ),
    [onExpand, entityHref],
  );
  const renderLabel = useCallback(
    (labelProps: DependencyGraphTypes.RenderLabelProps<LineageGraphEdge>) => (
      <EdgeLabel text={labelProps.edge.label} />
    ),
    [],
  );

  return (
    <DependencyGraph<LineageGraphNode, LineageGraphEdge>
      className={classes.graph}
      nodes={props.nodes}
      edges={props.edges}
      direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
      renderNode={renderNode}
      renderLabel={renderLabel}
      labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
      nodeMargin={24}
      rankMargin={110}
      paddingX={24}
      paddingY={24}
      zoom="enabled"
      curve="curveMonotoneX"
      showArrowHeads
      fit="contain"
      allowFullscreen
    />
  );
}

function EdgeLabel(props: { text: string }) {
  const classes = useStyles();
  // A fixed box per character keeps the layout independent of font metrics.
  const width = Math.max(24, props.text.length * 6 + 8);
  return (
    <g>
      <rect
        className={classes.labelBackground}
        x={0}
        y={0}
        width={width}
        height={16}
        rx={3}
      />
      <text className={classes.label} x={4} y={12}>
        {props.text}
      </text>
    </g>
  );
}
