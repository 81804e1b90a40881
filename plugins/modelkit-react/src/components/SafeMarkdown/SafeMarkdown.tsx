import { makeStyles } from '@material-ui/core/styles';
import { lazy, Suspense } from 'react';

const SafeMarkdownRenderer = lazy(() => import('./SafeMarkdownRenderer'));

const useStyles = makeStyles(theme => ({
  markdown: {
    '& table': {
      borderCollapse: 'collapse',
      border: `1px solid ${theme.palette.divider}`,
      margin: theme.spacing(1, 0),
    },
    '& th, & td': {
      border: `1px solid ${theme.palette.divider}`,
      padding: theme.spacing(0.75, 1.5),
      wordBreak: 'break-word',
    },
    '& th': { backgroundColor: theme.palette.background.default },
    '& td': { fontVariantNumeric: 'tabular-nums' },
    '& li.task-list-item': { listStyle: 'none' },
    '& li.task-list-item input': { margin: theme.spacing(0, 1, 0, -3) },
    '& img': { maxWidth: '100%' },
  },
}));

/**
 * Untrusted Markdown, in the GitHub-flavoured dialect (tables, task lists,
 * strikethrough, autolinks, footnotes), rendered without raw HTML and with
 * safe links.
 *
 * @remarks
 *
 * The text is parsed with `remark-gfm` and no rehype plugin, so HTML in the
 * text (also inside table cells and task items) stays text and React escapes
 * it. Every link and image address goes through {@link safeMarkdownUri}:
 * unsafe ones become empty, and a link with an empty address renders as its
 * text only.
 *
 * @public
 */
export function SafeMarkdown(props: { content: string; className?: string }) {
  const classes = useStyles();
  return (
    <Suspense fallback={null}>
      <SafeMarkdownRenderer
        content={props.content}
        className={`${classes.markdown} ${props.className ?? ''}`.trim()}
      />
    </Suspense>
  );
}
