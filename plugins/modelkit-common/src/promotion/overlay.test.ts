import fs from 'node:fs';
import path from 'node:path';
import {
  findOverlayModelKitReferences,
  OVERLAY_MAX_BYTES,
  replaceOverlayModelKitReferences,
} from './overlay';

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

function changedLines(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
}

describe('findOverlayModelKitReferences', () => {
  it('finds annotations, MODELKIT_REF env values in every style, and their lines', () => {
    const refs = findOverlayModelKitReferences(
      fixture('deployment-patch.yaml'),
      'deploy/overlays/production/modelkit.yaml',
    );
    expect(refs.map(r => [r.kind, r.line, r.style])).toEqual([
      ['annotation', 8, 'PLAIN'],
      ['annotation', 13, 'QUOTE_DOUBLE'],
      ['env', 18, 'QUOTE_SINGLE'],
      ['env', 24, 'PLAIN'],
    ]);
    expect(new Set(refs.map(r => r.reference))).toEqual(
      new Set(['registry.example.com/nlp/support-sentiment:v1']),
    );
  });

  it('finds a kit:// storageUri without its prefix and a kit unpack argument', () => {
    expect(
      findOverlayModelKitReferences(
        fixture('inferenceservice-patch.yaml'),
        'f',
      ),
    ).toMatchObject([
      {
        kind: 'storage-uri',
        reference: 'registry.example.com/risk/fraud-detector:v2',
      },
    ]);
    expect(
      findOverlayModelKitReferences(fixture('unpack-args.yaml'), 'f'),
    ).toMatchObject([
      { kind: 'unpack-arg', reference: 'registry.example.com/llm/chat:v7' },
    ]);
  });

  it('ignores a storageUri that is not kit:// and other env variables', () => {
    expect(
      findOverlayModelKitReferences(
        'spec:\n  storageUri: s3://bucket/model\n  env:\n    - name: OTHER\n      value: x\n',
        'f',
      ),
    ).toEqual([]);
  });

  it.each([
    ['an anchor', 'a: &x 1\nb: 2\n', /anchor &x/],
    ['an alias', 'a: 1\nb: *x\n', /alias|not valid YAML/],
    ['an anchor and alias pair', 'a: &x {k: v}\nb: *x\n', /anchor &x/],
    ['a custom tag', 'a: !evil thing\n', /explicit tag !evil/],
    ['a core tag', 'a: !!str 1\n', /explicit tag/],
    ['a merge key', 'a: {k: v}\nb:\n  <<: {k: w}\n', /merge key/],
    [
      'a block scalar reference',
      'metadata:\n  annotations:\n    kitstage.dev/modelkit: |\n      r/x:v1\n',
      /BLOCK_LITERAL/,
    ],
  ])('refuses %s naming the file', (_what, text, message) => {
    expect(() => findOverlayModelKitReferences(text, 'o/m.yaml')).toThrow(
      message,
    );
    expect(() => findOverlayModelKitReferences(text, 'o/m.yaml')).toThrow(
      /o\/m\.yaml/,
    );
  });

  it('refuses a file over the size cap before parsing it', () => {
    const huge = `a: "${'x'.repeat(OVERLAY_MAX_BYTES)}"\n`;
    expect(() => findOverlayModelKitReferences(huge, 'big.yaml')).toThrow(
      /big\.yaml is refused: it is \d+ bytes/,
    );
  });

  it('refuses invalid YAML with its line', () => {
    expect(() =>
      findOverlayModelKitReferences('a: 1\na: 2\n', 'dup.yaml'),
    ).toThrow(/dup\.yaml is not valid YAML \(line 2\)/);
  });
});

describe('replaceOverlayModelKitReferences', () => {
  it.each([
    [
      'deployment-patch.yaml',
      `registry.example.com/nlp/support-sentiment@sha256:${'a'.repeat(64)}`,
      [8, 13, 18, 24],
    ],
    [
      'inferenceservice-patch.yaml',
      `registry.example.com/risk/fraud-detector@sha256:${'b'.repeat(64)}`,
      [9],
    ],
    [
      'unpack-args.yaml',
      `registry.example.com/llm/chat@sha256:${'c'.repeat(64)}`,
      [11],
    ],
  ])(
    'rewrites %s to its golden file, changing only the reference lines',
    (name, reference, lines) => {
      const before = fixture(name);
      const after = replaceOverlayModelKitReferences(before, name, reference);
      expect(after).toBe(fixture(name.replace('.yaml', '.golden.yaml')));
      expect(changedLines(before, after)).toEqual(lines);
    },
  );

  it('quotes a value that would not stay a plain string', () => {
    const after = replaceOverlayModelKitReferences(
      'metadata:\n  annotations:\n    kitstage.dev/modelkit: r/x:v1\n',
      'f',
      'r/x: #1',
    );
    expect(after).toBe(
      'metadata:\n  annotations:\n    kitstage.dev/modelkit: "r/x: #1"\n',
    );
  });
});
