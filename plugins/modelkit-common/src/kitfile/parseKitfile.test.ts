import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeKitfileManifestVersion } from './manifestVersion';
import { getKitfileBaseModelReference } from './modelReference';
import { parseKitfile } from './parseKitfile';
import { serializeKitfile } from './serializeKitfile';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', 'valid', name), 'utf8');

describe('parseKitfile on Kitfiles modelled on public KitOps examples', () => {
  it('reads the full example of the Kitfile overview', () => {
    const kitfile = parseKitfile(fixture('flight-satisfaction.yaml'));
    expect(kitfile.manifestVersion).toBe('v1.0.0');
    expect(normalizeKitfileManifestVersion(kitfile.manifestVersion)).toBe(
      '1.0.0',
    );
    expect(kitfile.package).toEqual({
      authors: ['Skyline Analytics'],
      description:
        'Predicts passenger satisfaction from flight and service traits',
      license: 'Apache-2.0',
      name: 'flight-satisfaction',
    });
    expect(kitfile.model?.framework).toBe('Scikit-learn');
    expect(kitfile.model?.version).toBe('2.1.0');
    expect(kitfile.datasets?.map(d => d.path)).toEqual([
      './data/train.csv',
      './data/test.csv',
    ]);
    expect(kitfile.code).toEqual([
      {
        description: 'Jupyter notebooks that train and evaluate the model',
        path: './notebooks',
      },
    ]);
    expect(getKitfileBaseModelReference(kitfile)).toBeUndefined();
  });

  it('reads a Kitfile with only datasets', () => {
    const kitfile = parseKitfile(fixture('datasets-only.yaml'));
    expect(kitfile).toEqual({
      manifestVersion: 'v1.0.0',
      datasets: [
        { name: 'training data', path: './data/train.csv' },
        { name: 'validation data', path: './data/test.csv' },
      ],
    });
  });

  it('reads numbers written where text belongs as the text written', () => {
    const kitfile = parseKitfile(fixture('film-qa-slm.yaml'));
    expect(kitfile.manifestVersion).toBe('1.0');
    expect(normalizeKitfileManifestVersion(kitfile.manifestVersion)).toBe(
      '1.0.0',
    );
    expect(kitfile.model?.version).toBe('1.2.6');
    expect(kitfile.model?.path).toBe('./models/film_qa:champion');
    expect(getKitfileBaseModelReference(kitfile)).toBeUndefined();
    expect(kitfile.docs).toHaveLength(2);

    const reference = parseKitfile(fixture('format-reference.yaml'));
    expect(reference.manifestVersion).toBe('1.0');
    expect(reference.model?.version).toBe('1.0');
    expect(reference.package?.version).toBe('1.2.3');
    expect(reference.package?.authors).toEqual([
      'Maria Lopez',
      'Kenji Watanabe',
    ]);
    expect(reference.package?.description).toBe(
      'Predicts which subscribers are likely to cancel in the next billing period.',
    );
    expect(reference.datasets?.[0].license).toBe('CC-BY-4.0');
  });

  it('finds the base model of a fine-tune whose model path is a ModelKit reference', () => {
    const kitfile = parseKitfile(fixture('llama3-lora-finetune.yaml'));
    expect(kitfile.model?.path).toBe('jozu.ml/jozu/llama3-8b:8B-instruct-q4_0');
    expect(getKitfileBaseModelReference(kitfile)).toEqual({
      registry: 'jozu.ml',
      repository: 'jozu/llama3-8b',
      tag: '8B-instruct-q4_0',
    });
    expect(kitfile.model?.parts).toEqual([
      {
        name: 'support-lora',
        path: './lora-adapter.gguf',
        type: 'lora-adapter',
      },
    ]);
    expect(kitfile.package?.authors).toEqual(['Kitstage Demo Team']);
  });

  it('reads prompts and model parameters', () => {
    const kitfile = parseKitfile(fixture('voice-agent-prompts.yaml'));
    expect(kitfile.prompts).toEqual([
      {
        path: './models/llm/prompts/system_prompt.md',
        description: 'Call centre agent system prompt',
      },
    ]);
    expect(kitfile.model?.parameters).toEqual({
      context_length: 4096,
      temperature: 0.7,
    });
    expect(kitfile.model?.version).toBe('0.6B-Q4_K_M');
    expect(kitfile.code).toHaveLength(2);
    expect(kitfile.docs?.[0].path).toBe('./README.md');
  });

  it('keeps licenses that are not SPDX identifiers and docs listed as code', () => {
    const kitfile = parseKitfile(fixture('qwen2-gguf.yaml'));
    expect(kitfile.model?.license).toBe('Apache 2.0');
    expect(kitfile.code?.map(c => c.path)).toEqual([
      'docs/LICENSE',
      'docs/README.md',
    ]);
    expect(kitfile.package?.name).toBe('qwen2-0.5B');
  });

  it('keeps empty lists and the written section order', () => {
    const kitfile = parseKitfile(fixture('pykitops-sample.yaml'));
    expect(Object.keys(kitfile)).toEqual([
      'manifestVersion',
      'package',
      'code',
      'datasets',
      'docs',
      'prompts',
      'model',
    ]);
    expect(kitfile.prompts).toEqual([]);
    expect(kitfile.docs).toEqual([
      { path: 'docs/README.md' },
      { path: 'docs/LICENSE' },
    ]);
    expect(kitfile.package?.version).toBe('1.0');
  });

  it('reads what kit init generates', () => {
    const kitfile = parseKitfile(fixture('kit-init-generated.yaml'));
    expect(kitfile.model).toEqual({
      path: 'a-model.gguf',
      parts: [
        { path: 'b-model.safetensors' },
        { path: 'c-model.pkl' },
        { path: 'd-model.pb' },
      ],
    });
    expect(kitfile.code).toEqual([{ path: '.' }]);
  });

  it('keeps parameters of every JSON type as written', () => {
    const kitfile = parseKitfile(fixture('model-parameters.yaml'));
    expect(kitfile.model?.parameters).toEqual({
      'test-bool': true,
      'test-bool-str': 'true',
      'test-float': 12.3,
      'test-negative': -123,
      'test-number': 123,
      'test-string': 'string',
      'test-null': null,
      'test-list-of-lists': [
        ['a-1', 'a-2'],
        ['b-1', 'b-2'],
      ],
      'test-maps': { a: { b: { c: { d: { e: 'f' } } } } },
      'test-nested-list': [
        'item-a',
        { 'item-object': [{ 'subfield-1': 1 }, { 'subfield-2': 2 }] },
      ],
    });
    expect(kitfile.datasets?.[0].parameters).toEqual({
      preprocessing: ['lowercase', 'strip-signatures'],
      rows: 120000,
    });
  });

  it('reads a ModelKit config blob as JSON, with layer digests', () => {
    const text = fixture('config-blob.json');
    const kitfile = parseKitfile(text);
    expect(kitfile).toEqual(JSON.parse(text));
    expect(kitfile.model?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parseKitfile(text, { format: 'json' })).toEqual(kitfile);
  });

  it('accepts a Kitfile without manifestVersion only when not strict', () => {
    const text = fixture('iris-kserve.yaml');
    expect(() => parseKitfile(text)).toThrow(
      'Invalid Kitfile: manifestVersion: is required (line 4, column 1)',
    );
    const kitfile = parseKitfile(text, { strict: false });
    expect(kitfile).toEqual({
      manifestVersion: '',
      package: { name: 'iris-sklearn', version: '1.0.0' },
      model: { format: 'sklearn', path: 'model.joblib' },
    });
  });

  it.each([
    'flight-satisfaction.yaml',
    'datasets-only.yaml',
    'film-qa-slm.yaml',
    'format-reference.yaml',
    'llama3-lora-finetune.yaml',
    'voice-agent-prompts.yaml',
    'qwen2-gguf.yaml',
    'pykitops-sample.yaml',
    'kit-init-generated.yaml',
    'model-parameters.yaml',
    'config-blob.json',
  ])('round-trips %s through serializeKitfile', name => {
    const kitfile = parseKitfile(fixture(name));
    const yaml = serializeKitfile(kitfile);
    expect(parseKitfile(yaml)).toEqual(kitfile);
    expect(serializeKitfile(parseKitfile(yaml))).toBe(yaml);
    const json = serializeKitfile(kitfile, { format: 'json' });
    expect(parseKitfile(json, { format: 'json' })).toEqual(kitfile);
  });
});

describe('parseKitfile reading rules', () => {
  it('keeps unknown fields at every level, through a round trip', () => {
    const text = [
      'manifestVersion: 1.0.0',
      'x-owner: team-nlp',
      'package:',
      '  name: demo',
      '  homepage: https://example.com',
      'model:',
      '  path: model.gguf',
      '  quantization: { bits: 4, method: q4_0 }',
      '  parts:',
      '    - path: adapter.gguf',
      '      rank: 16',
      'code:',
      '  - path: src',
      '    language: python',
      'futureSection:',
      '  - anything: [1, 2]',
      '',
    ].join('\n');
    const kitfile = parseKitfile(text);
    expect(kitfile['x-owner']).toBe('team-nlp');
    expect(kitfile.package?.homepage).toBe('https://example.com');
    expect(kitfile.model?.quantization).toEqual({ bits: 4, method: 'q4_0' });
    expect(kitfile.model?.parts?.[0].rank).toBe(16);
    expect(kitfile.code?.[0].language).toBe('python');
    expect(kitfile.futureSection).toEqual([{ anything: [1, 2] }]);
    const again = parseKitfile(serializeKitfile(kitfile));
    expect(again).toEqual(kitfile);
    expect(Object.keys(again)).toEqual(Object.keys(kitfile));
  });

  it('reads scalars in known text fields as written, but leaves parameters typed', () => {
    const kitfile = parseKitfile(
      [
        'manifestVersion: 1.0',
        'package:',
        '  name: 0x1F',
        '  version: 1.10',
        '  authors: [true, 2024]',
        'model:',
        '  path: 007',
        '  parameters: { version: 1.10, flag: yes, on: true }',
      ].join('\n'),
    );
    expect(kitfile.package).toEqual({
      name: '0x1F',
      version: '1.10',
      authors: ['true', '2024'],
    });
    expect(kitfile.model?.path).toBe('007');
    expect(kitfile.model?.parameters).toEqual({
      version: 1.1,
      flag: 'yes',
      on: true,
    });
  });

  it('leaves out known fields set to null, and keeps unknown nulls', () => {
    const kitfile = parseKitfile(
      'manifestVersion: 1.0.0\npackage:\n  name: x\n  description:\n  extra: ~\ndatasets:\nmodel: null\n',
    );
    expect(kitfile).toEqual({
      manifestVersion: '1.0.0',
      package: { name: 'x', extra: null },
    });
  });

  it('expands YAML aliases into independent copies', () => {
    const kitfile = parseKitfile(
      [
        'manifestVersion: 1.0.0',
        'datasets:',
        '  - name: train',
        '    path: data/train.csv',
        '    parameters: &shared { columns: [text, label] }',
        '  - name: test',
        '    path: data/test.csv',
        '    parameters: *shared',
      ].join('\n'),
    );
    const [train, test] = kitfile.datasets!;
    expect(test.parameters).toEqual(train.parameters);
    expect(test.parameters).not.toBe(train.parameters);
  });

  it('reads a "__proto__" key as an ordinary field', () => {
    const kitfile = parseKitfile(
      'manifestVersion: 1.0.0\n__proto__: { polluted: true }\n',
    );
    expect(Object.getPrototypeOf(kitfile)).toBe(Object.prototype);
    expect(Object.hasOwn(kitfile, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores a byte order mark and reads JSON that the YAML reader cannot', () => {
    expect(parseKitfile('\uFEFFmanifestVersion: 1.0.0\n')).toEqual({
      manifestVersion: '1.0.0',
    });
    const longKey = 'k'.repeat(1100);
    const kitfile = parseKitfile(
      JSON.stringify({ manifestVersion: '1.0.0', [longKey]: 1 }),
    );
    expect(kitfile[longKey]).toBe(1);
  });

  it('reads JSON with tab indentation', () => {
    expect(
      parseKitfile(
        '{\n\t"manifestVersion": "1.0.0",\n\t"package": {\n\t\t"name": "x"\n\t}\n}',
      ),
    ).toEqual({
      manifestVersion: '1.0.0',
      package: { name: 'x' },
    });
  });
});
