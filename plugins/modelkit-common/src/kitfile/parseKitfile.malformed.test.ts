import { InputError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidKitfileError, KitfileIssue } from './InvalidKitfileError';
import { parseKitfile, ParseKitfileOptions } from './parseKitfile';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', 'malformed', name), 'utf8');

function issuesOf(text: string, options?: ParseKitfileOptions): KitfileIssue[] {
  try {
    parseKitfile(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidKitfileError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).name).toBe('InputError');
    return (error as InvalidKitfileError).issues;
  }
  throw new Error('expected the Kitfile to be rejected');
}

describe('parseKitfile on malformed Kitfiles', () => {
  it('names each field of the wrong type, with its line', () => {
    expect(issuesOf(fixture('wrong-types.yaml'))).toEqual([
      {
        path: 'package.authors',
        message: 'expected array, got string',
        line: 6,
        column: 3,
      },
      {
        path: 'model.parts[1].path',
        message: 'expected string, got array',
        line: 13,
        column: 7,
      },
      {
        path: 'code',
        message: 'expected array, got object',
        line: 14,
        column: 1,
      },
    ]);
  });

  it('names numbers where JSON needs strings, which YAML would read as text', () => {
    const text = fixture('wrong-types.json');
    expect(issuesOf(text)).toEqual([
      {
        path: 'package.version',
        message: 'expected string, got number',
        line: 3,
        column: 39,
      },
      {
        path: 'model.parts[1].path',
        message: 'expected string, got number',
        line: 6,
        column: 39,
      },
    ]);
    expect(() => parseKitfile(text)).toThrow(
      'Invalid Kitfile: package.version: expected string, got number (line 3, column 39); model.parts[1].path: expected string, got number (line 6, column 39)',
    );
  });

  it('names missing required fields, including a misspelled path', () => {
    expect(issuesOf(fixture('missing-required.yaml'))).toEqual([
      { path: 'manifestVersion', message: 'is required', line: 2, column: 1 },
      { path: 'datasets[1].path', message: 'is required', line: 7, column: 5 },
      { path: 'docs[0].path', message: 'is required', line: 9, column: 5 },
    ]);
    // Not strict: kit reads a missing path as the Kitfile's directory.
    const lenient = parseKitfile(fixture('missing-required.yaml'), {
      strict: false,
    });
    expect(lenient.docs).toEqual([{ paht: 'README.md' }]);
  });

  it('names an unsupported manifest version', () => {
    expect(issuesOf(fixture('bad-manifest-version.yaml'))).toEqual([
      {
        path: 'manifestVersion',
        message:
          'unsupported manifest version "2.0.0"; Kitstage reads 1.0.0 (also written v1.0.0 or 1.0)',
        line: 1,
        column: 1,
      },
    ]);
    expect(
      parseKitfile('manifestVersion: ""\npackage:\n  name: demo\n', {
        strict: false,
      }),
    ).toEqual({ manifestVersion: '', package: { name: 'demo' } });
    expect(
      issuesOf(fixture('bad-manifest-version.yaml'), { strict: false }),
    ).toEqual([expect.objectContaining({ path: 'manifestVersion', line: 1 })]);
    expect(issuesOf('manifestVersion: ""\n')[0]).toMatchObject({
      path: 'manifestVersion',
      message: expect.stringContaining('unsupported manifest version ""'),
    });
    expect(issuesOf('manifestVersion: [1]\n')[0]).toMatchObject({
      path: 'manifestVersion',
      message: 'expected string, got array',
    });
  });

  it('refuses, when not strict, a document with none of the Kitfile sections', () => {
    expect(
      issuesOf('apiVersion: v1\nkind: ConfigMap\ndata: {}\n', {
        strict: false,
      }),
    ).toEqual([
      {
        path: '(root)',
        message:
          'not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: apiVersion, kind, data',
        line: 1,
        column: 1,
      },
    ]);
    expect(
      issuesOf('{"manifestVersion":"","layers":[]}', { strict: false }),
    ).toEqual([
      expect.objectContaining({
        path: '(root)',
        message:
          'not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: manifestVersion, layers',
      }),
    ]);
    expect(() =>
      parseKitfile('manifestVersion: ""\n', { strict: false }),
    ).toThrow(
      'Invalid Kitfile: (root): not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: manifestVersion (line 1, column 1)',
    );
  });

  it('reports invalid YAML with the field it is in', () => {
    // The parser notices the missing quote at the end of the text.
    expect(issuesOf(fixture('bad-yaml.yaml'))).toEqual([
      {
        path: 'package.name',
        message: 'invalid YAML: Missing closing "quote',
        line: 5,
        column: 1,
      },
    ]);
    // A tab-indented line belongs to no mapping, so the problem is at the root.
    expect(
      issuesOf('manifestVersion: 1.0.0\npackage:\n\tname: tabbed\n'),
    ).toEqual([
      {
        path: '(root)',
        message: 'invalid YAML: Tabs are not allowed as indentation',
        line: 3,
        column: 1,
      },
    ]);
  });

  it('reports duplicate keys with their field path', () => {
    expect(issuesOf(fixture('duplicate-keys.yaml'))).toEqual([
      {
        path: 'model.name',
        message: 'the key "name" appears more than once',
        line: 5,
        column: 3,
      },
    ]);
    expect(
      issuesOf(
        '{"manifestVersion": "1.0.0", "package": {"name": "a", "name": "b"}}',
      ),
    ).toEqual([
      {
        path: 'package.name',
        message: 'the key "name" appears more than once',
        line: 1,
        column: 55,
      },
    ]);
  });

  it('stops a YAML alias bomb at the alias that expands too far', () => {
    const started = Date.now();
    expect(issuesOf(fixture('alias-bomb.yaml'))).toEqual([
      {
        // 74737 values come before f; the 100001st is the 8th "lol" of the a inside
        // f[0][3][3][7][1], all written as the first *e of line 12.
        path: 'model.parameters.f[0][3][3][7][1][7]',
        message: 'YAML aliases expand the document to more than 100000 values',
        line: 12,
        column: 12,
      },
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(
      issuesOf(fixture('alias-bomb.yaml'), { limits: { maxNodes: 50 } }),
    ).toEqual([
      {
        path: 'model.parameters.b[3][3]',
        message: 'YAML aliases expand the document to more than 50 values',
        line: 8,
        column: 24,
      },
    ]);
  });

  it('refuses an alias inside the collection it names', () => {
    expect(issuesOf(fixture('recursive-alias.yaml'))).toEqual([
      {
        path: 'model.parameters.self',
        message: 'alias *loop refers to a collection that contains it',
        line: 5,
        column: 5,
      },
    ]);
  });

  it('names values kit would refuse', () => {
    expect(issuesOf(fixture('invalid-values.yaml'))).toEqual([
      {
        path: 'model.parameters.temperature',
        message: '.nan is not a finite number, which JSON cannot hold',
        line: 10,
        column: 5,
      },
    ]);
    const fixed = fixture('invalid-values.yaml').replace('.nan', '0.2');
    expect(issuesOf(fixed)).toEqual([
      {
        path: 'model.parts[0].type',
        message:
          '"lora adapter" is invalid: use letters, digits, "_", "." and "-", starting with a letter, digit or "_"',
        line: 8,
        column: 7,
      },
    ]);
    expect(
      issuesOf(fixed.replace('lora adapter', 'x'.repeat(65)))[0],
    ).toMatchObject({
      path: 'model.parts[0].type',
      message: 'is 65 characters long; the limit is 64',
    });
  });

  it('names malformed layer digests in a config blob', () => {
    expect(issuesOf(fixture('bad-digest.json'))).toEqual([
      {
        path: 'model.digest',
        message:
          'expected a digest such as sha256:<64 hex characters>, got "sha256:1234"',
        line: 1,
        column: 53,
      },
      {
        path: 'docs[0].diffId',
        message:
          'expected a digest such as sha256:<64 hex characters>, got "md5:d41d8cd98f00b204e9800998ecf8427e"',
        line: 1,
        column: 105,
      },
    ]);
  });

  it('refuses more than one YAML document', () => {
    expect(issuesOf(fixture('two-documents.yaml'))).toEqual([
      expect.objectContaining({
        path: '(root)',
        message:
          'the text holds more than one YAML document; a Kitfile is a single document',
        line: 4,
      }),
    ]);
  });

  it('refuses a document nested too deeply, naming where', () => {
    const depth = 70;
    let text =
      'manifestVersion: 1.0.0\nmodel:\n  path: m.gguf\n  parameters:\n';
    for (let level = 0; level < depth; level++) {
      text += `${'  '.repeat(level + 2)}k:\n`;
    }
    text += `${'  '.repeat(depth + 2)}leaf\n`;
    // The root is level 1, model 2, parameters 3: the 62nd "k" is the 65th level.
    const path = `model.parameters${'.k'.repeat(62)}`;
    expect(issuesOf(text)).toEqual([
      { path, message: 'nests deeper than 64 levels', line: 66, column: 127 },
    ]);
    expect(parseKitfile(text, { limits: { maxDepth: 200 } }).model?.path).toBe(
      'm.gguf',
    );
  });

  it('refuses deeply nested flow collections before parsing them', () => {
    const text = `manifestVersion: 1.0.0\nmodel:\n  path: m\n  parameters: ${'['.repeat(
      100_000,
    )}${']'.repeat(100_000)}\n`;
    const started = Date.now();
    expect(issuesOf(text)).toEqual([
      {
        path: '(root)',
        message: 'flow collections nest too deeply',
        line: 4,
        column: 271,
      },
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a huge document', () => {
    const text = `manifestVersion: 1.0.0\npackage:\n  description: "${'x'.repeat(
      1024 * 1024,
    )}"\n`;
    expect(issuesOf(text)).toEqual([
      {
        path: '(root)',
        message: `the text is ${text.length} characters long; the limit is 1048576`,
      },
    ]);
    expect(
      parseKitfile(text, { limits: { maxLength: 2 * 1024 * 1024 } }).package
        ?.description,
    ).toHaveLength(1024 * 1024);
  });

  it('refuses a document with too many values', () => {
    const items = Array.from({ length: 200 }, (_, i) => `    - ${i}`).join(
      '\n',
    );
    const text = `manifestVersion: 1.0.0\nmodel:\n  path: m\n  parameters:\n${items}\n`;
    expect(issuesOf(text, { limits: { maxNodes: 100 } })).toEqual([
      {
        path: 'model.parameters[95]',
        message: 'the document has more than 100 values',
        line: 100,
        column: 7,
      },
    ]);
  });

  it.each([
    ['', '(root)', 'the Kitfile is empty'],
    ['# only a comment\n', '(root)', 'the Kitfile is empty'],
    ['- a\n- b\n', '(root)', 'expected object, got array'],
    ['just text', '(root)', 'expected object, got string'],
  ])('refuses a document that is not a mapping: %j', (text, path, message) => {
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({ path, message }),
    ]);
  });

  it('refuses invalid JSON when JSON is asked for', () => {
    expect(
      issuesOf('{"manifestVersion": "1.0.0",}', { format: 'json' }),
    ).toEqual([
      expect.objectContaining({
        path: '(root)',
        message: expect.stringMatching(/^invalid JSON: /),
      }),
    ]);
    expect(
      issuesOf('manifestVersion: 1.0.0', { format: 'json' })[0].message,
    ).toMatch(/^invalid JSON: /);
  });

  it('refuses non-scalar mapping keys', () => {
    expect(
      issuesOf('manifestVersion: 1.0.0\npackage:\n  ? [a, b]\n  : c\n'),
    ).toEqual([
      {
        path: 'package',
        message: 'has a mapping key that is not a plain value',
        line: 3,
        column: 5,
      },
    ]);
  });
});
