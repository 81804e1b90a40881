/* eslint-disable no-script-url -- unsafe addresses are part of the cases */
import {
  normalizeImageHost,
  restrictModelCardImages,
} from './restrictModelCardImages';

const allowed = ['allowed.example.com', 'registry.example.com:5000'];
const restrict = (markdown: string) =>
  restrictModelCardImages(markdown, { allowedHosts: allowed });

describe('restrictModelCardImages', () => {
  it('keeps images from an allowed host as images', () => {
    const md =
      'Before ![diagram](https://allowed.example.com/a.png "Arch") after';
    expect(restrict(md)).toBe(md);
    expect(
      restrict('![d](https://registry.example.com:5000/v2/x/blobs/sha256:1)'),
    ).toBe('![d](https://registry.example.com:5000/v2/x/blobs/sha256:1)');
  });

  it('compares hosts parsed and normalised: case, trailing dot, punycode, percent-encoding', () => {
    for (const host of [
      'ALLOWED.Example.COM',
      'allowed.example.com.',
      'allowed%2Eexample.com',
    ]) {
      const md = `![d](https://${host}/a.png)`;
      expect(restrict(md)).toBe(md);
    }
    expect(
      restrictModelCardImages('![d](https://bücher.example/a.png)', {
        allowedHosts: ['xn--bcher-kva.example'],
      }),
    ).toBe('![d](https://bücher.example/a.png)');
  });

  it.each([
    'https://allowed.example.com.evil.net/a.png',
    'https://allowed.example.com@evil.net/a.png',
    'https://user:pw@allowed.example.com/a.png',
    'https://evil.net/allowed.example.com/a.png',
    'https://evil.net/?allowed.example.com',
    'https://allowed.example.com%2Eevil.net/a.png',
    'https://allowed.example.com:8443/a.png',
    'https://registry.example.com/a.png',
    'http://169.254.169.254/latest/meta-data',
    'javascript:alert(1)',
    'data:image/svg+xml;base64,PHN2Zz4=',
  ])('turns an image from %s into a link to it', url => {
    expect(restrict(`See ![the chart](${url}) here`)).toBe(
      `See [the chart](${url}) here`,
    );
  });

  it('shows a relative image path as text', () => {
    expect(restrict('![Architecture](docs/arch.png) and more')).toBe(
      'Architecture (`docs/arch.png`) and more',
    );
    expect(restrict('![](../x.png)')).toBe('(`../x.png`)');
  });

  it('leaves no other image opener: reference images, odd syntax and runs of "!"', () => {
    const out = restrict(
      [
        '![ref][logo]',
        '![a [nested](x)](https://allowed.example.com/a.png)',
        '!![b](https://evil.net/b.png)',
        '![c](<https://evil.net/c.png>)',
        '![d](https:&#47;&#47;evil.net/d.png)',
        '',
        '[logo]: https://evil.net/logo.png',
      ].join('\n'),
    );
    const openers = [...out.matchAll(/!\[/g)].map(m =>
      out.slice(m.index, out.indexOf(')', m.index) + 1),
    );
    for (const opener of openers) {
      expect(opener).toMatch(/^!\[[^\]]*\]\(https:\/\/allowed\.example\.com\//);
    }
    expect(out).toContain('evil.net/b.png');
    expect(out).toContain('[logo]: https://evil.net/logo.png');
  });
  it('drops a whole run of "!" before a "[" at once, and looks again inside a refused image', () => {
    expect(restrict('Wow!!![a link](https://evil.net/x)')).toBe(
      'Wow[a link](https://evil.net/x)',
    );
    expect(restrict('!!![b](https://evil.net/b.png)')).toBe(
      '[b](https://evil.net/b.png)',
    );
    expect(restrict('!!![c](https://allowed.example.com/c.png)')).toBe(
      '!!![c](https://allowed.example.com/c.png)',
    );
    expect(restrict('!!![d](docs/d.png)')).toBe('!!d (`docs/d.png`)');
    expect(restrict('![e](docs/!![x)')).toBe('e (`docs/[x`)');
    expect(restrict('![f](https://evil.net/!![g)')).toBe(
      '[f](https://evil.net/[g)',
    );
    expect(restrict('![h](https://evil.net/!![i "t ![j](k)")')).toBe(
      '[h](https://evil.net/[i "t j (`k`)")',
    );
  });

  // The rewrite runs on untrusted text of up to 256 KiB (a model card) in the event loop, so it
  // must take time linear in its length. These inputs are 2 MiB: rewriting them one `!` per
  // pass, as a fixed-point loop does, takes about 2^21 passes over 2 MiB (hours, where 40 KiB
  // already takes seconds), far beyond any timeout; one linear pass takes milliseconds.
  describe('on adversarial input of 2 MiB', () => {
    const size = 2 * 1024 * 1024;
    /** `unit` repeated to about 2 MiB, and `output` as many times. */
    const repeated = (unit: string, output: string) => {
      const times = Math.ceil(size / unit.length);
      return [unit.repeat(times), output.repeat(times)];
    };
    const bangs = '!'.repeat(size);

    it.each([
      ['a run of "!" before "["', [`${bangs}[`, '[']],
      [
        'a run of "!" before a link',
        [`${bangs}[a](https://evil.net/a.png)`, '[a](https://evil.net/a.png)'],
      ],
      [
        'a run of "!" before an allowed image',
        [
          `${bangs}[a](https://allowed.example.com/a.png)`,
          `${bangs}[a](https://allowed.example.com/a.png)`,
        ],
      ],
      [
        'a run of "!" before a relative image',
        [`${bangs}[a](docs/a.png)`, `${bangs.slice(1)}a (\`docs/a.png\`)`],
      ],
      ['nested openers', repeated('![', '[')],
      ['nested openers with runs of "!"', repeated('!!![', '[')],
      [
        'nested openers closed later',
        repeated('![', '[').map((text, i) => text + repeated('](', '](')[i]),
      ],
      [
        'refused images in a row',
        repeated('!![x](https://evil.net/x)', '[x](https://evil.net/x)'),
      ],
      [
        'allowed images in a row',
        repeated(
          '!!![a](https://allowed.example.com/a.png) ',
          '!!![a](https://allowed.example.com/a.png) ',
        ),
      ],
      [
        'an address full of openers',
        repeated('![', '[').map(
          (text, i) => `${i ? '' : '!'}[a](https://evil.net/${text})`,
        ),
      ],
      [
        'unclosed titles',
        repeated('![a](https://evil.net/x "', '[a](https://evil.net/x "'),
      ],
    ])('%s', (_name, [input, expected]) => {
      expect(input.length).toBeGreaterThanOrEqual(size);
      const output = restrict(input);
      // Where they differ, not two strings of megabytes.
      let same = 0;
      while (same < output.length && output[same] === expected[same]) {
        same++;
      }
      expect({
        length: output.length,
        from: same,
        text: output.slice(same, same + 40),
      }).toEqual({
        length: expected.length,
        from: expected.length,
        text: '',
      });
    });
  });

  it('gives text that it leaves as it is: nothing is left to rewrite', () => {
    const pieces = [
      '!',
      '!',
      '[',
      ']',
      '(',
      ')',
      ' ',
      '"',
      '`',
      'a',
      'https://evil.net/',
      'https://allowed.example.com/',
      'docs/',
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      let md = '';
      for (let i = next() % 40; i > 0; i--) {
        md += pieces[next() % pieces.length];
      }
      const out = restrict(md);
      expect({ md, again: restrict(out) }).toEqual({ md, again: out });
    }
  });
});

describe('normalizeImageHost', () => {
  it('lower-cases, strips a trailing dot, punycodes and drops default ports', () => {
    expect(normalizeImageHost('Allowed.Example.COM.')).toBe(
      'allowed.example.com',
    );
    expect(normalizeImageHost('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeImageHost('registry.local:443')).toBe('registry.local');
    expect(normalizeImageHost('registry.local:5000')).toBe(
      'registry.local:5000',
    );
  });

  it.each(['', 'a b', 'evil.net/path', 'user@host', '*.example.com', 'h?x'])(
    'refuses %j',
    host => {
      expect(normalizeImageHost(host)).toBeUndefined();
    },
  );
});
