import { parseEntityRef } from '@backstage/catalog-model';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import type { LineageNodeKind } from '@kitstage/plugin-modelkit-common';
import { KeyboardEvent, MouseEvent, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  LineageGraphNode,
  NODE_HEIGHT,
  NODE_KIND_LABELS,
  NODE_WIDTH,
  safeHttpUrl,
} from './layout';

const MAX_TITLE = 26;

function kindColor(theme: Theme, kind: LineageNodeKind): string {
  switch (kind) {
    case 'dataset':
      return theme.palette.success.main;
    case 'base-model':
    case 'fine-tune':
    case 'modelkit':
      return theme.palette.primary.main;
    case 'component':
      return theme.palette.secondary.main;
    case 'cluster':
      return theme.palette.info.main;
    default:
      return theme.palette.text.secondary;
  }
}

const useStyles = makeStyles(theme => ({
  box: {
    fill: theme.palette.background.paper,
    strokeWidth: 1.5,
  },
  root: { strokeWidth: 3 },
  missing: { strokeDasharray: '6 4' },
  cycle: { stroke: `${theme.palette.error.main} !important` },
  kind: {
    fontSize: 11,
    fontWeight: 600,
    textTransform: 'uppercase',
    letterSpacing: 0.4,
  },
  title: {
    fontSize: 14,
    fill: theme.palette.text.primary,
  },
  detail: {
    fontSize: 11,
    fill: theme.palette.text.secondary,
  },
  link: {
    cursor: 'pointer',
    outline: 'none',
    '&:focus-visible rect, &:hover rect': {
      fill: theme.palette.action.hover,
    },
  },
}));

function truncate(text: string, max = MAX_TITLE): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The path of an entity page, as the catalog's `entityRouteRef` makes it. */
export type EntityHref = (params: {
  kind: string;
  namespace: string;
  name: string;
}) => string;

/** Where a lineage node links: its entity page, or a web address. */
function nodeHref(
  node: LineageGraphNode,
  entityRoute: EntityHref,
): {
  href?: string;
  external: boolean;
} {
  if (node.type !== 'node') return { external: false };
  const { entityRef, url } = node.node;
  if (entityRef) {
    try {
      const ref = parseEntityRef(entityRef);
      return {
        href: entityRoute({
          kind: ref.kind.toLocaleLowerCase('en-US'),
          namespace: ref.namespace.toLocaleLowerCase('en-US'),
          name: ref.name,
        }),
        external: false,
      };
    } catch {
      return { external: false };
    }
  }
  const safe = safeHttpUrl(url);
  return { href: safe, external: Boolean(safe) };
}

/**
 * What every node of one drawing shares: styles, colours, links and actions.
 *
 * @internal
 */
export interface LineageNodeContext {
  /** The class names of the node boxes. */
  classes: ReturnType<typeof useStyles>;
  /** The theme the kind colours come from. */
  theme: Theme;
  /** Opens a page of the app. */
  navigate(href: string): void;
  /** Expands a collapsed group. */
  onExpand(groupId: string): void;
  /** The path of an entity page. */
  entityHref: EntityHref;
}

/**
 * The styles, theme and navigation of the nodes of one drawing, looked up
 * once for all of them rather than once per node.
 *
 * @internal
 */
export function useLineageNodeContext(
  onExpand: (groupId: string) => void,
  entityHref: EntityHref,
): LineageNodeContext {
  const classes = useStyles();
  const theme = useTheme();
  const navigate = useNavigate();
  return useMemo(
    () => ({ classes, theme, navigate, onExpand, entityHref }),
    [classes, theme, navigate, onExpand, entityHref],
  );
}

/**
 * One node of the lineage graph: a box with its kind, title and version,
 * linking to its entity page (or, for a source or cluster, its web address).
 * A collapsed group is a box that expands it.
 *
 * @internal
 */
export function LineageNodeView(props: {
  node: LineageGraphNode;
  context: LineageNodeContext;
}) {
  const { node, context } = props;
  const { classes, theme, navigate } = context;
  const { href, external } = nodeHref(node, context.entityHref);

  if (node.type === 'group') {
    const label = `${node.members.length} ${NODE_KIND_LABELS[node.kind]}s`;
    const expand = () => context.onExpand(node.groupId);
    return (
      <g
        role="button"
        tabIndex={0}
        aria-label={`Show ${label}`}
        className={classes.link}
        onClick={expand}
        onKeyDown={(event: KeyboardEvent) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            expand();
          }
        }}
        data-lineage-group={node.groupId}
      >
        <title>{node.members.map(m => m.title).join('\n')}</title>
        <GroupBox
          classes={classes}
          stroke={kindColor(theme, node.kind)}
          label={label}
        />
      </g>
    );
  }

  const { node: lineageNode } = node;
  const kindLabel = NODE_KIND_LABELS[lineageNode.kind] ?? lineageNode.kind;
  const detail = [
    lineageNode.missing ? 'missing' : undefined,
    lineageNode.version,
    lineageNode.hasMore ? 'more beyond' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const box = (
    <NodeBox
      classes={classes}
      stroke={kindColor(theme, lineageNode.kind)}
      kindLabel={kindLabel}
      title={lineageNode.title}
      detail={detail}
      isRoot={node.isRoot}
      missing={Boolean(lineageNode.missing)}
      inCycle={node.inCycle}
    />
  );
  const accessibleName = `${kindLabel}: ${lineageNode.title}${
    lineageNode.missing ? ' (missing)' : ''
  }`;
  const data = {
    'data-lineage-node': lineageNode.id,
    'data-lineage-kind': lineageNode.kind,
  };

  if (!href) {
    return (
      <g role="img" aria-label={accessibleName} {...data}>
        <title>{lineageNode.id}</title>
        {box}
      </g>
    );
  }
  const onClick = (event: MouseEvent) => {
    if (external || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a
      href={href}
      className={classes.link}
      aria-label={accessibleName}
      onClick={onClick}
      {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
      {...data}
    >
      <title>{lineageNode.id}</title>
      {box}
    </a>
  );
}

function NodeBox(props: {
  classes: ReturnType<typeof useStyles>;
  stroke: string;
  kindLabel: string;
  title: string;
  detail: string;
  isRoot: boolean;
  missing: boolean;
  inCycle: boolean;
}) {
  const { classes, stroke } = props;
  const className = [
    classes.box,
    props.isRoot ? classes.root : '',
    props.missing ? classes.missing : '',
    props.inCycle ? classes.cycle : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <rect
        className={className}
        stroke={stroke}
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={8}
      />
      <text className={classes.kind} fill={stroke} x={12} y={18}>
        {props.kindLabel}
        {props.isRoot ? ' · this' : ''}
      </text>
      <text className={classes.title} x={12} y={36}>
        {truncate(props.title)}
      </text>
      {props.detail && (
        <text className={classes.detail} x={12} y={51}>
          {truncate(props.detail, 34)}
        </text>
      )}
    </>
  );
}

function GroupBox(props: {
  classes: ReturnType<typeof useStyles>;
  stroke: string;
  label: string;
}) {
  const { classes, stroke } = props;
  return (
    <>
      <rect
        className={`${classes.box} ${classes.missing}`}
        stroke={stroke}
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={8}
      />
      <text className={classes.kind} fill={stroke} x={12} y={18}>
        Group
      </text>
      <text className={classes.title} x={12} y={36}>
        {props.label}
      </text>
      <text className={classes.detail} x={12} y={51}>
        Click to show each
      </text>
    </>
  );
}
