import { parse } from 'yaml';
import { parseKitfile } from './parseKitfile';
import { serializeKitfile } from './serializeKitfile';
import { Kitfile } from './types';

describe('serializeKitfile', () => {
  it('writes YAML in the Kitfile layout, keeping field order', () => {
    const kitfile: Kitfile = {
      manifestVersion: '1.0.0',
      package: { name: 'demo', version: '1.0', authors: ['Ada Lovelace'] },
      model: {
        name: 'demo-model',
        path: 'models/demo.gguf',
        parts: [{ path: 'lora.gguf', type: 'lora-adapter' }],
        parameters: { temperature: 0.2 },
      },
      docs: [{ path: 'README.md' }],
    };
    expect(serializeKitfile(kitfile)).toBe(
      [
        'manifestVersion: 1.0.0',
        'package:',
        '  name: demo',
        '  version: "1.0"',
        '  authors:',
        '    - Ada Lovelace',
        'model:',
        '  name: demo-model',
        '  path: models/demo.gguf',
        '  parts:',
        '    - path: lora.gguf',
        '      type: lora-adapter',
        '  parameters:',
        '    temperature: 0.2',
        'docs:',
        '  - path: README.md',
        '',
      ].join('\n'),
    );
  });

  it('quotes any text so that YAML 1.1 and 1.2 readers get the same strings back', () => {
    const tricky = [
      'yes',
      'No',
      'on',
      'y',
      '~',
      '0755',
      '0x1F',
      '1_000',
      '2024-01-01',
      '.inf',
      '1.0',
      'key: value',
      '# not a comment',
      '- not a list',
      '*alias',
      '&anchor',
      '!tag',
      '{ flow }',
      '[flow]',
      "it's",
      'line\nbreak',
      '"quoted"',
      ' padded ',
      '@at',
      '`tick',
      '%directive',
      '---',
      '<<',
    ];
    const kitfile: Kitfile = {
      manifestVersion: '1.0.0',
      package: { name: 'tricky', authors: tricky },
      model: {
        path: 'm',
        parameters: Object.fromEntries(tricky.map(t => [t, t])),
      },
    };
    const yaml = serializeKitfile(kitfile);
    expect(parseKitfile(yaml)).toEqual(kitfile);
    expect(parse(yaml, { version: '1.1' })).toEqual(kitfile);
    expect(parse(yaml, { version: '1.2' })).toEqual(kitfile);
  });

  it('writes each shared object in full, without YAML anchors', () => {
    const shared = { columns: ['text', 'label'] };
    const yaml = serializeKitfile({
      manifestVersion: '1.0.0',
      datasets: [
        { path: 'a.csv', parameters: shared },
        { path: 'b.csv', parameters: shared },
      ],
    });
    expect(yaml).not.toMatch(/[&*]/);
    expect(parseKitfile(yaml).datasets?.[1].parameters).toEqual(shared);
  });

  it('writes JSON, the form of a ModelKit config blob', () => {
    const kitfile: Kitfile = {
      manifestVersion: '1.0.0',
      model: { path: 'm', digest: `sha256:${'0'.repeat(64)}` },
    };
    expect(JSON.parse(serializeKitfile(kitfile, { format: 'json' }))).toEqual(
      kitfile,
    );
  });

  it('refuses to write an invalid Kitfile', () => {
    expect(() =>
      serializeKitfile({
        manifestVersion: '9',
        model: { path: 'm', parts: [{ path: 3 as unknown as string }] },
      }),
    ).toThrow(
      'Invalid Kitfile: manifestVersion: unsupported manifest version "9"; Kitstage reads 1.0.0 (also written v1.0.0 or 1.0); model.parts[0].path: expected string, got number',
    );
    expect(
      serializeKitfile(
        { manifestVersion: '', model: { format: 'x' } },
        { strict: false },
      ),
    ).toBe('manifestVersion: ""\nmodel:\n  format: x\n');
  });
});
