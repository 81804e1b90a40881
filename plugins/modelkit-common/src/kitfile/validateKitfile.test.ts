import { InvalidKitfileError } from './InvalidKitfileError';
import { validateKitfile } from './validateKitfile';

function issuesOf(value: unknown, strict = true) {
  try {
    validateKitfile(value, { strict });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidKitfileError);
    return (error as InvalidKitfileError).issues;
  }
  throw new Error('expected the Kitfile to be rejected');
}

describe('validateKitfile', () => {
  it('returns a clean copy, leaving out undefined and null known fields', () => {
    const input = {
      manifestVersion: '1.0.0',
      package: { name: 'demo', description: undefined, license: null },
      model: { path: 'model.gguf', parameters: { nested: [1, 'two'] } },
      extra: { note: null },
    };
    const kitfile = validateKitfile(input);
    expect(kitfile).toEqual({
      manifestVersion: '1.0.0',
      package: { name: 'demo' },
      model: { path: 'model.gguf', parameters: { nested: [1, 'two'] } },
      extra: { note: null },
    });
    expect(kitfile.model).not.toBe(input.model);
    expect(input.package.license).toBeNull();
  });

  it('does not read YAML scalars as text: numbers in text fields are refused', () => {
    expect(
      issuesOf({ manifestVersion: '1.0.0', package: { version: 1 } }),
    ).toEqual([
      { path: 'package.version', message: 'expected string, got number' },
    ]);
  });

  it('names values JSON cannot hold', () => {
    class Weights {}
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(
      issuesOf({
        manifestVersion: '1.0.0',
        model: {
          path: 'm',
          parameters: {
            when: new Date(0),
            fn: () => 1,
            w: new Weights(),
            nan: Number.NaN,
          },
        },
      }),
    ).toEqual([
      {
        path: 'model.parameters.when',
        message: 'expected a JSON-compatible value, got Date',
      },
      {
        path: 'model.parameters.fn',
        message: 'expected a JSON-compatible value, got function',
      },
      {
        path: 'model.parameters.w',
        message: 'expected a JSON-compatible value, got Weights',
      },
      {
        path: 'model.parameters.nan',
        message: 'NaN is not a finite number, which JSON cannot hold',
      },
    ]);
    expect(issuesOf({ manifestVersion: '1.0.0', x: cyclic })).toEqual([
      { path: 'x.self', message: 'refers back to a value that contains it' },
    ]);
  });

  it('fills in an empty manifestVersion when not strict', () => {
    expect(
      validateKitfile({ model: { format: 'onnx' } }, { strict: false }),
    ).toEqual({
      manifestVersion: '',
      model: { format: 'onnx' },
    });
    expect(issuesOf({ model: { format: 'onnx' } })).toEqual([
      { path: 'manifestVersion', message: 'is required' },
      { path: 'model.path', message: 'is required' },
    ]);
  });

  it('refuses, when not strict, a value with none of the Kitfile sections, naming the keys it has', () => {
    // An OCI image config is not a Kitfile, even though every field of a Kitfile is optional.
    expect(
      issuesOf(
        { architecture: 'amd64', os: 'linux', rootfs: {}, config: {} },
        false,
      ),
    ).toEqual([
      {
        path: '(root)',
        message:
          'not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: architecture, os, rootfs, config',
      },
    ]);
    // A manifestVersion alone, or sections set to null, do not make an empty value a Kitfile.
    expect(
      issuesOf({ manifestVersion: '1.0.0', model: null, docs: null }, false),
    ).toEqual([
      {
        path: '(root)',
        message:
          'not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: manifestVersion',
      },
    ]);
    expect(issuesOf({}, false)[0].message).toBe(
      'not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found no keys',
    );
    // Long lists and odd key names are shortened and quoted.
    const many = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [`key${i}`, i]),
    );
    expect(
      issuesOf({ 'a b': 1, [`${'x'.repeat(100)}`]: 2, ...many }, false)[0]
        .message,
    ).toBe(
      `not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: "a b", ${'x'.repeat(
        40,
      )}…, key0, key1, key2, key3, key4, key5, key6, key7 and 17 more`,
    );
    // One section is enough.
    expect(
      validateKitfile({ package: { name: 'demo' } }, { strict: false }),
    ).toEqual({ manifestVersion: '', package: { name: 'demo' } });
    expect(validateKitfile({ docs: [] }, { strict: false })).toEqual({
      manifestVersion: '',
      docs: [],
    });
  });

  it('quotes field names that are not identifiers', () => {
    expect(
      issuesOf({
        manifestVersion: '1.0.0',
        datasets: [{ path: 'd', parameters: { 'a b': [Infinity] } }],
      }),
    ).toEqual([
      {
        path: 'datasets[0].parameters["a b"][0]',
        message: 'Infinity is not a finite number, which JSON cannot hold',
      },
    ]);
  });
});
