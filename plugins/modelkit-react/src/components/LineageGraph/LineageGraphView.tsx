import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink, entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  LineageGraph,
  LineageNode,
  LineageWarning,
} from '@kitstage/plugin-modelkit-common';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Alert, AlertTitle } from '@material-ui/lab';
import { useCallback, useMemo, useState } from 'react';
import {
  DEFAULT_COLLAPSE_THRESHOLD,
  FLOW_LABELS,
  NODE_KIND_LABELS,
  groupIdOf,
  layoutLineage,
  safeHttpUrl,
  toDrawnGraph,
} from './layout';
import { LineageGraphCanvas } from './LineageGraphCanvas';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  spacer: { flex: 1 },
  canvas: {
    overflow: 'hidden',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  tableWrap: {
    overflow: 'auto',
  },
}));

/**
 * Props of {@link LineageGraphView}.
 *
 * @public
 */
export interface LineageGraphViewProps {
  /** The lineage graph to draw, as the `modelkit` backend returns it. */
  graph: LineageGraph;
  /** The height of the graph canvas in pixels; 600 by default. */
  height?: number;
  /** Groups of one kind at one depth larger than this start collapsed. */
  collapseThreshold?: number;
  /** Starts with the table instead of the graph. */
  initialView?: 'graph' | 'table';
}

/** The warnings of a lineage graph, and a note when it was cut short. */
export function LineageWarnings(props: { graph: LineageGraph }) {
  const classes = useStyles();
  const { graph } = props;
  const warnings: LineageWarning[] = [...(graph.warnings ?? [])];
  if (graph.truncated && !warnings.some(w => w.code === 'node-limit')) {
    warnings.push({
      code: 'node-limit',
      message: `The graph was cut at ${graph.limits.maxNodes} nodes; nodes further away are left out.`,
    });
  }
  for (const cycle of graph.cycles) {
    const named = warnings.some(
      w =>
        w.code === 'cycle' && cycle.every(id => (w.nodeIds ?? []).includes(id)),
    );
    if (!named) {
      warnings.push({
        code: 'cycle',
        message: `These reference each other in a cycle: ${cycle.join(', ')}.`,
        nodeIds: cycle,
      });
    }
  }
  if (warnings.length === 0) return null;
  const severe = warnings.some(
    w => w.code === 'cycle' || w.code === 'missing-reference',
  );
  return (
    <Alert severity={severe ? 'warning' : 'info'} aria-label="Lineage warnings">
      <AlertTitle>
        {warnings.length === 1
          ? 'The lineage has 1 warning'
          : `The lineage has ${warnings.length} warnings`}
      </AlertTitle>
      <ul className={classes.list}>
        {warnings.map((warning, index) => (
          <li key={`${warning.code}-${index}`} data-warning-code={warning.code}>
            {warning.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function NodeName(props: { node?: LineageNode; id: string }) {
  const { node } = props;
  if (node?.entityRef && !node.missing) {
    return <EntityRefLink entityRef={node.entityRef} title={node.title} />;
  }
  const url = safeHttpUrl(node?.url);
  const text = node?.title ?? props.id;
  if (url) {
    return (
      <Link href={url} target="_blank" rel="noopener noreferrer">
        {text}
      </Link>
    );
  }
  return <>{text}</>;
}

/**
 * Every node of a lineage graph in a table, with the links each one has
 * upstream and downstream: the view that stays readable at any size, for
 * screen readers and for copying.
 */
export function LineageNodesTable(props: { graph: LineageGraph }) {
  const classes = useStyles();
  const { graph } = props;
  const byId = useMemo(
    () => new Map(graph.nodes.map(node => [node.id, node])),
    [graph],
  );
  const links = useMemo(() => {
    const result = new Map<string, string[]>();
    for (const edge of graph.edges) {
      const to = byId.get(edge.to)?.title ?? edge.to;
      const list = result.get(edge.from) ?? [];
      list.push(`${edge.label} ${to}`);
      result.set(edge.from, list);
    }
    return result;
  }, [graph, byId]);

  return (
    <div className={classes.tableWrap}>
      <Table size="small" aria-label="Lineage nodes">
        <TableHead>
          <TableRow>
            <TableCell>Kind</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Links</TableCell>
            <TableCell>Notes</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {graph.nodes.map(node => (
            <TableRow key={node.id} data-lineage-row={node.id}>
              <TableCell>{NODE_KIND_LABELS[node.kind] ?? node.kind}</TableCell>
              <TableCell>
                <NodeName node={node} id={node.id} />
              </TableCell>
              <TableCell>{node.version ?? ''}</TableCell>
              <TableCell>
                {(links.get(node.id) ?? []).map(text => (
                  <div key={text}>{text}</div>
                ))}
              </TableCell>
              <TableCell>
                {[
                  node.id === graph.root ? 'this entity' : undefined,
                  node.missing ? 'missing' : undefined,
                  graph.cycles.some(c => c.includes(node.id))
                    ? 'in a cycle'
                    : undefined,
                  node.hasMore ? 'more lineage beyond' : undefined,
                ]
                  .filter(Boolean)
                  .join(', ')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * A lineage graph drawn left to right the way data flows, from datasets,
 * base models and sources through the ModelKit and its fine-tunes to the
 * Components serving it and the clusters they run on. Each node links to its
 * entity page; edges say what the link is. Large groups of one kind start
 * collapsed, the canvas pans and zooms, and a table lists every node.
 *
 * @public
 */
export function LineageGraphView(props: LineageGraphViewProps) {
  const classes = useStyles();
  const { graph } = props;
  const threshold = props.collapseThreshold ?? DEFAULT_COLLAPSE_THRESHOLD;
  const [view, setView] = useState<'graph' | 'table'>(
    props.initialView ?? 'graph',
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const groupIds = useMemo(() => {
    const counts = new Map<string, number>();
    for (const node of graph.nodes) {
      if (node.id === graph.root) continue;
      const id = groupIdOf(node);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts].filter(([, n]) => n > threshold).map(([id]) => id);
  }, [graph, threshold]);
  const allExpanded = groupIds.every(id => expanded.has(id));

  // Laid out once per graph and set of expanded groups: switching to the
  // table and back, panning and zooming reuse it.
  const layout = useMemo(
    () =>
      layoutLineage(
        toDrawnGraph(graph, { expanded, collapseThreshold: threshold }),
      ),
    [graph, expanded, threshold],
  );

  const onExpand = useCallback(
    (groupId: string) =>
      setExpanded(previous => new Set([...previous, groupId])),
    [],
  );

  const entityHref = useRouteRef(entityRouteRef);

  return (
    <div className={classes.root}>
      <LineageWarnings graph={graph} />
      <div className={classes.toolbar}>
        <Typography variant="body2" color="textSecondary">
          {`${graph.nodes.length} nodes, ${graph.edges.length} links`}
          {graph.nodes.length > 0 &&
            ` · data flows left to right: ${Object.values(FLOW_LABELS).join(
              ', ',
            )}`}
        </Typography>
        <span className={classes.spacer} />
        {view === 'graph' && groupIds.length > 0 && (
          <Button
            size="small"
            variant="outlined"
            onClick={() =>
              setExpanded(allExpanded ? new Set() : new Set(groupIds))
            }
          >
            {allExpanded ? 'Collapse large groups' : 'Expand all groups'}
          </Button>
        )}
        <ButtonGroup size="small" aria-label="Lineage view">
          <Button
            variant={view === 'graph' ? 'contained' : 'outlined'}
            aria-pressed={view === 'graph'}
            onClick={() => setView('graph')}
          >
            Graph
          </Button>
          <Button
            variant={view === 'table' ? 'contained' : 'outlined'}
            aria-pressed={view === 'table'}
            onClick={() => setView('table')}
          >
            Table
          </Button>
        </ButtonGroup>
      </div>
      {view === 'graph' ? (
        <div
          className={classes.canvas}
          style={{ height: props.height ?? 600 }}
          data-testid="lineage-graph"
        >
          <LineageGraphCanvas
            layout={layout}
            onExpand={onExpand}
            entityHref={entityHref}
          />
        </div>
      ) : (
        <LineageNodesTable graph={graph} />
      )}
    </div>
  );
}
