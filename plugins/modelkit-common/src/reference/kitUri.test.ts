import { InvalidOciReferenceError } from './InvalidOciReferenceError';
import { formatKitUri, isKitUri, parseKitUri } from './kitUri';

const digest = `sha256:${'0'.repeat(64)}`;

describe('kit:// URIs', () => {
  // Shapes from the KitOps KServe integration docs and the storage initializer's tests
  // (kitops build/tests/kserve-entrypoint.bats): the rest of the URI goes to `kit unpack`.
  it.each([
    [
      'kit://jozu.ml/jozu/llama3-8b:8B-instruct-q4_0',
      {
        registry: 'jozu.ml',
        repository: 'jozu/llama3-8b',
        tag: '8B-instruct-q4_0',
      },
    ],
    [
      'kit://ghcr.io/kitops-ml/iris-model:latest',
      {
        registry: 'ghcr.io',
        repository: 'kitops-ml/iris-model',
        tag: 'latest',
      },
    ],
    [
      `kit://registry.example.com:5000/team/model@${digest}`,
      {
        registry: 'registry.example.com:5000',
        repository: 'team/model',
        digest,
      },
    ],
    [
      'kit://foo/bar:latest',
      { registry: 'localhost', repository: 'foo/bar', tag: 'latest' },
    ],
    ['kit://myrepo', { registry: 'localhost', repository: 'myrepo' }],
  ])('parses %s', (uri, expected) => {
    expect(parseKitUri(uri)).toEqual(expected);
    expect(isKitUri(uri)).toBe(true);
  });

  it('round-trips through formatKitUri', () => {
    for (const uri of [
      'kit://jozu.ml/jozu/llama3-8b:8B-instruct-q4_0',
      `kit://[::1]:5000/model:v1@${digest}`,
      'kit://localhost/foo/bar:latest',
    ]) {
      expect(formatKitUri(parseKitUri(uri))).toBe(uri);
    }
    expect(formatKitUri(parseKitUri('kit://myrepo'))).toBe(
      'kit://localhost/myrepo',
    );
    expect(parseKitUri(formatKitUri(parseKitUri('kit://myrepo')))).toEqual(
      parseKitUri('kit://myrepo'),
    );
  });

  it.each([
    ['s3://bucket/model', 'a kit:// URI starts with "kit://"'],
    ['jozu.ml/jozu/model:v1', 'a kit:// URI starts with "kit://"'],
    [
      'KIT://jozu.ml/jozu/model',
      'the scheme must be written "kit://" in lowercase; KServe matches it exactly',
    ],
    ['kit://', 'the URI names no ModelKit after "kit://"'],
    ['kit://jozu.ml/Jozu/model', 'repository "Jozu/model" must be lowercase'],
    [
      'kit://kit://jozu.ml/model',
      'a reference has no URL scheme; remove "kit://"',
    ],
    [
      'kit://jozu.ml/model:v1,v2',
      'tag "v1,v2" is invalid: use letters, digits, "_", "." and "-", and do not start with "." or "-"',
    ],
    [
      'kit://jozu.ml/model@sha256:abc',
      'a sha256 digest has 64 hex characters, this one has 3',
    ],
  ])('rejects %s', (uri, problem) => {
    expect(isKitUri(uri)).toBe(false);
    const error = (() => {
      try {
        parseKitUri(uri);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidOciReferenceError);
    expect((error as InvalidOciReferenceError).problem).toBe(problem);
    expect((error as Error).message).toBe(
      `Invalid kit:// URI ${JSON.stringify(uri)}: ${problem}`,
    );
  });
});
