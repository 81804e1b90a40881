import { CodeSnippet, Link } from '@backstage/core-components';
import { Children, ReactNode } from 'react';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { safeMarkdownUri } from './safeMarkdownUri';

function textOf(children: ReactNode): string {
  return Children.toArray(children)
    .map(child =>
      typeof child === 'string' || typeof child === 'number'
        ? String(child)
        : textOf(
            (child as { props?: { children?: ReactNode } }).props?.children,
          ),
    )
    .join('');
}

function Heading(props: { level: number; children?: ReactNode }) {
  const Tag = `h${props.level}` as 'h1';
  const id = textOf(props.children).toLowerCase().replace(/\W/g, '-');
  return <Tag id={id}>{props.children}</Tag>;
}

const components = {
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
  code: ({
    inline,
    className,
    children,
  }: {
    inline?: boolean;
    className?: string;
    children?: ReactNode;
  }) => {
    const language = /language-(\w+)/.exec(className ?? '')?.[1];
    return !inline && language ? (
      <CodeSnippet
        language={language}
        text={String(children).replace(/\n+$/, '')}
      />
    ) : (
      <code className={className}>{children}</code>
    );
  },
  a: ({
    href,
    title,
    children,
  }: {
    href?: string;
    title?: string;
    children?: ReactNode;
  }) =>
    href ? (
      <Link to={href} title={title}>
        {children}
      </Link>
    ) : (
      <>{children}</>
    ),
};

/**
 * The renderer behind `SafeMarkdown`, loaded lazily: GitHub-flavoured Markdown (`remark-gfm`)
 * with no rehype plugin, so raw HTML stays text, and every address through `safeMarkdownUri`.
 *
 * @internal
 */
export default function SafeMarkdownRenderer(props: {
  content: string;
  className?: string;
}) {
  return (
    <ReactMarkdown
      className={props.className}
      remarkPlugins={[remarkGfm]}
      components={components}
      transformLinkUri={safeMarkdownUri}
      transformImageUri={safeMarkdownUri}
    >
      {props.content}
    </ReactMarkdown>
  );
}
