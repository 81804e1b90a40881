/* eslint-disable no-script-url, no-control-regex -- the XSS corpus is made of such payloads */
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { configure, screen } from '@testing-library/react';
import { SafeMarkdown } from './SafeMarkdown';
import { safeMarkdownUri } from './safeMarkdownUri';

configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

/** Payloads from the usual XSS cheat sheets, in Markdown and raw HTML. */
const XSS_CORPUS: Record<string, string> = {
  scriptTag: '<script>window.__xss = 1</script>',
  scriptTagMixedCase: '<ScRiPt src="https://evil.example/x.js"></ScRiPt>',
  imgOnerror: '<img src=x onerror="window.__xss=1">',
  svgOnload: '<svg onload="window.__xss=1"><circle r="1"/></svg>',
  svgScript: '<svg><script>window.__xss=1</script></svg>',
  iframe: '<iframe src="javascript:window.__xss=1"></iframe>',
  iframeSrcdoc: '<iframe srcdoc="<script>window.__xss=1</script>"></iframe>',
  object:
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
  embed: '<embed src="javascript:alert(1)">',
  bodyOnload: '<body onload="window.__xss=1">',
  divOnmouseover: '<div onmouseover="window.__xss=1">hover</div>',
  anchorJs: '<a href="javascript:alert(1)">raw link</a>',
  htmlComment: '<!-- <script>window.__xss=1</script> -->',
  styleTag: '<style>body{background:url("javascript:alert(1)")}</style>',
  mdJs: '[click](javascript:alert(1))',
  mdJsUpper: '[click](JAVASCRIPT:alert(1))',
  mdJsSpaces: '[click]( javascript:alert(1))',
  mdJsTab: '[click](java\tscript:alert(1))',
  mdJsEntity: '[click](&#106;avascript:alert(1))',
  mdJsHexEntity: '[click](&#x6A;&#x61;vascript:alert(1))',
  mdJsEntityTab: '[click](java&#x09;script:alert(1))',
  mdJsEntityNewline: '[click](java&#10;script:alert(1))',
  mdJsColonEntity: '[click](javascript&colon;alert(1))',
  mdJsPercent: '[click](javascript%3Aalert(1))',
  mdJsAngle: '[click](<javascript:alert(1)>)',
  mdJsZeroWidth: '[click](java\u200bscript:alert(1))',
  mdJsNullByte: '[click](java\u0000script:alert(1))',
  mdVbscript: '[click](vbscript:msgbox(1))',
  mdVbscriptMixed: '[click](VbScRiPt:msgbox(1))',
  mdData: '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  mdDataSpaced: '[click]( DATA:text/html,<script>alert(1)</script>)',
  mdFile: '[click](file:///etc/passwd)',
  mdRefLink: '[click][x]\n\n[x]: javascript:alert(1)',
  mdImageJs: '![img](javascript:alert(1))',
  mdImageData: '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  autolinkJs: '<javascript:alert(1)>',
  mdTitleBreakout: '[click](https://ok.example "x\\" onmouseover=\\"alert(1))',
  entityEncodedTag: '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  doubleEncoded: '&amp;lt;img src=x onerror=alert(1)&amp;gt;',
  mathml: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  formAction: '<form action="javascript:alert(1)"><button>go</button></form>',
  metaRefresh:
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  linkTag: '<link rel="import" href="https://evil.example">',
  baseTag: '<base href="javascript:alert(1)//">',
};

const EXECUTABLE_ELEMENTS =
  'script, iframe, frame, svg, math, object, embed, style, link, meta, base, form, body';

/** Asserts nothing executable reached the DOM below `root`. */
function expectInert(root: HTMLElement) {
  expect(root.querySelectorAll(EXECUTABLE_ELEMENTS)).toHaveLength(0);
  for (const element of Array.from(root.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name.toLowerCase().startsWith('on')).toBe(false);
      if (
        ['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(
          attribute.name,
        )
      ) {
        const value = attribute.value
          .replace(/[\u0000-\u0020]/g, '')
          .toLowerCase();
        expect(value).not.toMatch(/^(javascript|vbscript|data|file):/);
      }
    }
  }
}

describe('safeMarkdownUri', () => {
  it('keeps web, mail and in-page addresses', () => {
    expect(safeMarkdownUri('https://example.com/a?b=1#c')).toBe(
      'https://example.com/a?b=1#c',
    );
    expect(safeMarkdownUri('http://example.com')).toBe('http://example.com/');
    expect(safeMarkdownUri('mailto:nlp@example.com')).toBe(
      'mailto:nlp@example.com',
    );
    expect(safeMarkdownUri('#evaluation')).toBe('#evaluation');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    'java\u200bscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//evil.example/x',
    '../secrets',
    'docs/README.md',
    '',
    '#',
  ])('drops %j', uri => {
    expect(safeMarkdownUri(uri)).toBe('');
  });
});

describe('SafeMarkdown', () => {
  it('renders Markdown with headings, emphasis and safe links', async () => {
    await renderInTestApp(
      <SafeMarkdown
        content={
          '# Title\n\nSome **bold** text and [a link](https://example.com/x).'
        }
      />,
    );
    expect(
      await screen.findByRole('heading', { name: 'Title' }),
    ).toBeInTheDocument();
    expect(screen.getByText('bold').tagName).toBe('STRONG');
    expect(screen.getByRole('link', { name: /^a link/ })).toHaveAttribute(
      'href',
      'https://example.com/x',
    );
  });

  it.each(Object.entries(XSS_CORPUS))(
    'leaves nothing executable from %s',
    async (_name, payload) => {
      const { container } = await renderInTestApp(
        <div data-testid="card">
          <SafeMarkdown content={`Before\n\n${payload}\n\nAfter`} />
        </div>,
      );
      expect(await screen.findByText('After')).toBeInTheDocument();
      expectInert(container);
      expect((window as any).__xss).toBeUndefined();
    },
  );

  it('shows raw HTML as text rather than markup', async () => {
    await renderInTestApp(
      <SafeMarkdown content='Hello <b onclick="x()">there</b>' />,
    );
    expect(await screen.findByText(/<b onclick="x\(\)">/)).toBeInTheDocument();
    expect(document.querySelector('b')).toBeNull();
  });

  it('renders an unsafe link as its text only', async () => {
    const { container } = await renderInTestApp(
      <SafeMarkdown content="[bad](javascript:alert(1)) and [good](https://ok.example/)" />,
    );
    expect(await screen.findByText('good')).toBeInTheDocument();
    expect(screen.getByText(/bad/)).toBeInTheDocument();
    const hrefs = Array.from(container.querySelectorAll('a')).map(a =>
      a.getAttribute('href'),
    );
    expect(hrefs).toEqual(['https://ok.example/']);
  });
});

describe('SafeMarkdown, GitHub-flavoured', () => {
  it('renders a table with its header and cells', async () => {
    await renderInTestApp(
      <SafeMarkdown
        content={
          '| Metric | Value |\n| :----- | ----: |\n| accuracy | 0.912 |\n| f1 | 0.897 |'
        }
      />,
    );
    const table = await screen.findByRole('table');
    expect(
      Array.from(table.querySelectorAll('th')).map(th => th.textContent),
    ).toEqual(['Metric', 'Value']);
    expect(
      Array.from(table.querySelectorAll('tbody tr')).map(tr =>
        Array.from(tr.querySelectorAll('td')).map(td => td.textContent),
      ),
    ).toEqual([
      ['accuracy', '0.912'],
      ['f1', '0.897'],
    ]);
  });

  it('renders a task list as disabled checkboxes', async () => {
    await renderInTestApp(
      <SafeMarkdown content={'- [x] Evaluate on tickets\n- [ ] Bias audit'} />,
    );
    const boxes = await screen.findAllByRole('checkbox');
    expect(boxes.map(b => (b as HTMLInputElement).checked)).toEqual([
      true,
      false,
    ]);
    expect(boxes.every(b => (b as HTMLInputElement).disabled)).toBe(true);
    expect(screen.getByText('Bias audit')).toBeInTheDocument();
  });

  it('renders strikethrough', async () => {
    await renderInTestApp(<SafeMarkdown content="~~v1 tokenizer~~ v2" />);
    expect((await screen.findByText('v1 tokenizer')).tagName).toBe('DEL');
  });

  it.each(Object.entries(XSS_CORPUS))(
    'leaves nothing executable from %s inside a table cell',
    async (_name, payload) => {
      const cell = payload.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      const { container } = await renderInTestApp(
        <SafeMarkdown
          content={`| Metric | Note |\n| --- | --- |\n| x | ${cell} |\n\nAfter`}
        />,
      );
      expect(await screen.findByText('After')).toBeInTheDocument();
      expect(container.querySelector('table')).not.toBeNull();
      expectInert(container);
      expect((window as any).__xss).toBeUndefined();
    },
  );

  it.each(Object.entries(XSS_CORPUS))(
    'leaves nothing executable from %s inside a task item',
    async (_name, payload) => {
      const item = payload.replace(/\n/g, ' ');
      const { container } = await renderInTestApp(
        <SafeMarkdown content={`- [ ] ${item}\n- [x] done\n\nAfter`} />,
      );
      expect(await screen.findByText('After')).toBeInTheDocument();
      expect(container.querySelectorAll('input[type="checkbox"]')).toHaveLength(
        2,
      );
      expectInert(container);
      expect((window as any).__xss).toBeUndefined();
    },
  );

  it('keeps only safe addresses for autolinks and links in cells', async () => {
    const { container } = await renderInTestApp(
      <SafeMarkdown
        content={
          '| Link |\n| --- |\n| [bad](javascript:alert(1)) |\n| https://ok.example/x |\n| www.example.com |\n\nAfter'
        }
      />,
    );
    await screen.findByText('After');
    const hrefs = Array.from(container.querySelectorAll('a')).map(a =>
      a.getAttribute('href'),
    );
    expect(hrefs).toEqual(['https://ok.example/x', 'http://www.example.com/']);
  });
});
