import {
  getKitfileBaseModelReference,
  getModelKitReference,
  isModelKitReference,
} from './modelReference';

describe('ModelKit references in model.path', () => {
  it.each([
    [
      'jozu.ml/jozu/llama3-8b:8B-instruct-q4_0',
      {
        registry: 'jozu.ml',
        repository: 'jozu/llama3-8b',
        tag: '8B-instruct-q4_0',
      },
    ],
    [
      'test-ref:model-1',
      { registry: 'localhost', repository: 'test-ref', tag: 'model-1' },
    ],
    [
      `registry.example.com:5000/base/model@sha256:${'c'.repeat(64)}`,
      {
        registry: 'registry.example.com:5000',
        repository: 'base/model',
        digest: `sha256:${'c'.repeat(64)}`,
      },
    ],
  ])('treats %s as a ModelKit reference', (path, reference) => {
    expect(isModelKitReference(path)).toBe(true);
    expect(getModelKitReference(path)).toEqual(reference);
  });

  it.each([
    'model.gguf',
    'models/llama',
    './models/film_qa:champion',
    '../shared/base:v1',
    '/abs/model:v1',
    'C:\\models\\model.gguf',
    'C:/models/model.gguf',
    'models/Model:v1',
    '.',
    '',
  ])('treats %j as a file path', path => {
    expect(isModelKitReference(path)).toBe(false);
    expect(getModelKitReference(path)).toBeUndefined();
  });

  it('finds the base model of a Kitfile', () => {
    expect(
      getKitfileBaseModelReference({
        manifestVersion: '1.0.0',
        model: { path: 'ghcr.io/org/base:v2' },
      }),
    ).toEqual({ registry: 'ghcr.io', repository: 'org/base', tag: 'v2' });
    expect(
      getKitfileBaseModelReference({
        manifestVersion: '1.0.0',
        model: { path: 'base.gguf' },
      }),
    ).toBeUndefined();
    expect(
      getKitfileBaseModelReference({ manifestVersion: '1.0.0' }),
    ).toBeUndefined();
  });
});
