import { parseOciRepository } from '../reference';
import { OCI_REPOSITORY_PATTERN } from './ociRepository';

// JSON schema validators compile patterns with the unicode flag.
const pattern = new RegExp(OCI_REPOSITORY_PATTERN, 'u');

function parses(value: string): boolean {
  try {
    parseOciRepository(value);
    return true;
  } catch {
    return false;
  }
}

describe('OCI_REPOSITORY_PATTERN', () => {
  it.each([
    'model',
    'team/model',
    'kitstage-demo/support-sentiment',
    'registry.example.com/kitstage-demo/sentiment-base',
    'registry.example.com:5000/team/model',
    'localhost/model',
    'localhost:5000/model',
    'registry:5000/model',
    'registry:65535/model',
    'registry:05000/model',
    '127.0.0.1:5000/team/model',
    '[::1]:5000/model',
    '[2001:db8::1]/team/model',
    'ghcr.io/kitops-ml/kitops-examples/llama3',
    'jozu.ml/jozu/llama3-8b',
    'Registry.Example.com/team/model',
    'Team/model',
    'model.v2',
    'team/my_model',
    'team/my__model',
    'team/my---model',
    'team/model.v2',
    `registry.example.com/${'m'.repeat(255)}`,
    `team/${'m'.repeat(250)}`,
  ])('accepts %s, as parseOciRepository does', value => {
    expect(parses(value)).toBe(true);
    expect(pattern.test(value)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['a tag', 'team/model:latest'],
    ['a tag without a path', 'x:1'],
    ['a digest', `team/model@sha256:${'0'.repeat(64)}`],
    ['a tag and a digest', `team/model:1@sha256:${'0'.repeat(64)}`],
    ['upper-case path components', 'team/Model'],
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
    ['port 0', 'registry:0/model'],
    ['a port above 65535', 'registry:65536/model'],
    ['a registry with an underscore', 'my_registry.example.com/model'],
    ['a registry with an empty label', 'registry..example.com/model'],
    ['an unclosed IPv6 address', '[::1/model'],
    ['whitespace', 'team/ model'],
    ['an image ID', 'a'.repeat(64)],
    [
      'a path longer than 255 characters',
      `registry.example.com/${'m'.repeat(256)}`,
    ],
    [
      'a registry-less path longer than 255 characters',
      `team/${'m'.repeat(251)}`,
    ],
  ])('rejects %s, as parseOciRepository does', (_problem, value) => {
    expect(parses(value)).toBe(false);
    expect(pattern.test(value)).toBe(false);
  });
});
