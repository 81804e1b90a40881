import { isOciRepository, OCI_REPOSITORY_PATTERN } from './ociRepository';

describe('isOciRepository', () => {
  it.each([
    'model',
    'team/model',
    'kitstage-demo/support-sentiment',
    'registry.example.com/kitstage-demo/sentiment-base',
    'registry.example.com:5000/team/model',
    'localhost/model',
    'localhost:5000/model',
    'registry:5000/model',
    '127.0.0.1:5000/team/model',
    '[::1]:5000/model',
    'ghcr.io/kitops-ml/kitops-examples/llama3',
    'jozu.ml/jozu/llama3-8b',
    'Registry.Example.com/team/model',
    'team/my_model',
    'team/my__model',
    'team/my---model',
    'team/model.v2',
    `registry.example.com/${'m'.repeat(234)}`,
  ])('accepts %s', value => {
    expect(isOciRepository(value)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['a tag', 'team/model:latest'],
    ['a tag without a path', 'x:1'],
    ['a digest', `team/model@sha256:${'0'.repeat(64)}`],
    ['a tag and a digest', `team/model:1@sha256:${'0'.repeat(64)}`],
    ['upper-case path components', 'team/Model'],
    ['an upper-case first component that is no host', 'Team/model'],
    ['a URL scheme', 'oci://registry.example.com/team/model'],
    ['a kit:// URI', 'kit://registry.example.com/team/model'],
    ['a leading slash', '/team/model'],
    ['a trailing slash', 'team/model/'],
    ['an empty path component', 'team//model'],
    ['a separator at the end of a component', 'team/model-'],
    ['a separator at the start of a component', 'team/.model'],
    ['three underscores', 'team/my___model'],
    ['a registry without a path', 'registry.example.com:5000'],
    ['a port that is not a number', 'registry.example.com:http/model'],
    ['whitespace', 'team/ model'],
    ['more than 255 characters', `registry.example.com/${'m'.repeat(235)}`],
  ])('rejects %s', (_problem, value) => {
    expect(isOciRepository(value)).toBe(false);
  });

  it('exposes a pattern that compiles with the unicode flag, as JSON schema validators use', () => {
    const unicode = new RegExp(OCI_REPOSITORY_PATTERN, 'u');
    expect(unicode.test('registry.example.com/team/model')).toBe(true);
    expect(unicode.test('registry.example.com/team/model:1')).toBe(false);
  });
});
