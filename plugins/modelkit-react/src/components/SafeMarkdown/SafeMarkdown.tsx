import { MarkdownContent } from '@backstage/core-components';
import { safeMarkdownUri } from './safeMarkdown';

/**
 * Untrusted Markdown, rendered without raw HTML and with safe links.
 *
 * @remarks
 *
 * `MarkdownContent` in its `gfm` dialect parses raw HTML (`rehype-raw`, then
 * `rehype-sanitize`); in the `common-mark` dialect it adds no rehype plugin,
 * so HTML in the text stays text and React escapes it. Every link and image
 * address goes through {@link safeMarkdownUri}: unsafe ones become empty,
 * and a link with an empty address renders as its text only.
 *
 * @public
 */
export function SafeMarkdown(props: { content: string; className?: string }) {
  return (
    <MarkdownContent
      content={props.content}
      dialect="common-mark"
      transformLinkUri={safeMarkdownUri}
      transformImageUri={safeMarkdownUri}
      className={props.className}
    />
  );
}
