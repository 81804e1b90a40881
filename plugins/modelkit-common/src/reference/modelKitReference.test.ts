import {
  formatFamiliarModelKitReference,
  parseModelKitReference,
  tryParseModelKitReference,
} from './modelKitReference';

describe('ModelKit references', () => {
  // Expectations follow the KitOps CLI's own reference tests (pkg/lib/repo/util/reference_test.go).
  it.each([
    [
      'testregistry.io/test-organization/test-repository:test-tag',
      {
        registry: 'testregistry.io',
        repository: 'test-organization/test-repository',
        tag: 'test-tag',
      },
    ],
    [
      'test-repository:test-tag',
      { registry: 'localhost', repository: 'test-repository', tag: 'test-tag' },
    ],
    [
      'localhost:5000/test-organization/test-repository:test-tag',
      {
        registry: 'localhost:5000',
        repository: 'test-organization/test-repository',
        tag: 'test-tag',
      },
    ],
    ['a/b/c/d', { registry: 'localhost', repository: 'a/b/c/d' }],
    ['test.io/a/b/c/d', { registry: 'test.io', repository: 'a/b/c/d' }],
    [
      'testorg/testrepo@sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      {
        registry: 'localhost',
        repository: 'testorg/testrepo',
        digest:
          'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      },
    ],
    ['docker.io/model', { registry: 'docker.io', repository: 'library/model' }],
  ])('parses %s', (input, expected) => {
    expect(parseModelKitReference(input)).toEqual(expected);
  });

  it('writes the familiar form kit shows, and it parses back', () => {
    for (const [input, familiar] of [
      ['test-ref:model-1', 'test-ref:model-1'],
      [
        'jozu.ml/jozu/llama3-8b:8B-instruct-q4_0',
        'jozu.ml/jozu/llama3-8b:8B-instruct-q4_0',
      ],
      ['localhost/org/model:v1', 'org/model:v1'],
    ]) {
      const reference = parseModelKitReference(input);
      expect(formatFamiliarModelKitReference(reference)).toBe(familiar);
      expect(parseModelKitReference(familiar)).toEqual(reference);
    }
  });

  it('rejects what kit rejects, naming the problem', () => {
    expect(() => parseModelKitReference('TestRepo:tag')).toThrow(
      'Invalid ModelKit reference "TestRepo:tag": repository "TestRepo" must be lowercase',
    );
    expect(tryParseModelKitReference('')).toBeUndefined();
  });
});
