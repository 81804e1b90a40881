import { InputError } from '@backstage/errors';
import { InvalidOciReferenceError } from './InvalidOciReferenceError';
import {
  parseOciReference,
  parseOciRepository,
  tryParseOciReference,
} from './parseOciReference';

const sha256 = `sha256:${'f'.repeat(64)}`;
const sha512 = `sha512:${'0123456789abcdef'.repeat(8)}`;

describe('parseOciReference', () => {
  // Cases from the distribution/reference test suite (reference_test.go, normalize_test.go),
  // shown here fully normalised.
  it.each([
    ['ubuntu', { registry: 'docker.io', repository: 'library/ubuntu' }],
    ['test_com', { registry: 'docker.io', repository: 'library/test_com' }],
    [
      'test.com:tag',
      { registry: 'docker.io', repository: 'library/test.com', tag: 'tag' },
    ],
    [
      'test.com:5000',
      { registry: 'docker.io', repository: 'library/test.com', tag: '5000' },
    ],
    ['docker/docker', { registry: 'docker.io', repository: 'docker/docker' }],
    [
      'docker.io/debian',
      { registry: 'docker.io', repository: 'library/debian' },
    ],
    [
      'index.docker.io/docker/docker',
      { registry: 'docker.io', repository: 'docker/docker' },
    ],
    [
      'index.docker.io/debian',
      { registry: 'docker.io', repository: 'library/debian' },
    ],
    [
      'test.com/repo:tag',
      { registry: 'test.com', repository: 'repo', tag: 'tag' },
    ],
    ['test:5000/repo', { registry: 'test:5000', repository: 'repo' }],
    [
      `test:5000/repo:tag@${sha256}`,
      { registry: 'test:5000', repository: 'repo', tag: 'tag', digest: sha256 },
    ],
    [
      `test:5000/repo@${sha256}`,
      { registry: 'test:5000', repository: 'repo', digest: sha256 },
    ],
    ['localhost/debian', { registry: 'localhost', repository: 'debian' }],
    ['localhost:5000/x', { registry: 'localhost:5000', repository: 'x' }],
    ['LOCALDOMAIN/debian', { registry: 'LOCALDOMAIN', repository: 'debian' }],
    [
      'lowercase:Uppercase',
      {
        registry: 'docker.io',
        repository: 'library/lowercase',
        tag: 'Uppercase',
      },
    ],
    [
      'sub-dom1.foo.com/bar/baz/quux:some-long-tag',
      {
        registry: 'sub-dom1.foo.com',
        repository: 'bar/baz/quux',
        tag: 'some-long-tag',
      },
    ],
    [
      'b.gcr.io/test.example.com/my-app:test.example.com',
      {
        registry: 'b.gcr.io',
        repository: 'test.example.com/my-app',
        tag: 'test.example.com',
      },
    ],
    [
      'xn--n3h.com/myimage:xn--n3h.com',
      { registry: 'xn--n3h.com', repository: 'myimage', tag: 'xn--n3h.com' },
    ],
    [
      '192.168.1.1:5000/repo:5050',
      { registry: '192.168.1.1:5000', repository: 'repo', tag: '5050' },
    ],
    ['[2001:db8::1]/repo', { registry: '[2001:db8::1]', repository: 'repo' }],
    [
      `[2001:db8::1]:5000/repo:tag@${sha256}`,
      {
        registry: '[2001:db8::1]:5000',
        repository: 'repo',
        tag: 'tag',
        digest: sha256,
      },
    ],
    ['[::1]:5000/repo', { registry: '[::1]:5000', repository: 'repo' }],
    [
      'dock__er/docker',
      { registry: 'docker.io', repository: 'dock__er/docker' },
    ],
    [
      'docker---rules/docker',
      { registry: 'docker.io', repository: 'docker---rules/docker' },
    ],
    [
      `docker.io/${'1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a'}`,
      {
        registry: 'docker.io',
        repository:
          'library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
      },
    ],
    [
      `ghcr.io/org/model@${sha512}`,
      { registry: 'ghcr.io', repository: 'org/model', digest: sha512 },
    ],
    [
      'jozu.ml/jozu/llama3-8b:8B-instruct-q4_0',
      {
        registry: 'jozu.ml',
        repository: 'jozu/llama3-8b',
        tag: '8B-instruct-q4_0',
      },
    ],
  ])('parses %s', (input, expected) => {
    expect(parseOciReference(input)).toEqual(expected);
  });

  it('uses the given default registry, without Docker Hub rules', () => {
    expect(
      parseOciReference('team/model:v1', {
        defaultRegistry: 'registry.example.com',
      }),
    ).toEqual({
      registry: 'registry.example.com',
      repository: 'team/model',
      tag: 'v1',
    });
    expect(
      parseOciReference('model', { defaultRegistry: 'localhost:5000' }),
    ).toEqual({
      registry: 'localhost:5000',
      repository: 'model',
    });
  });

  it('accepts a repository of exactly 255 characters and a tag of exactly 128', () => {
    const repository = 'a'.repeat(255);
    const tag = `t${'x'.repeat(127)}`;
    expect(parseOciReference(`example.com/${repository}:${tag}`)).toEqual({
      registry: 'example.com',
      repository,
      tag,
    });
  });

  it.each([
    ['', 'the reference is empty'],
    [' ubuntu', 'the reference contains whitespace'],
    [
      'https://github.com/docker/docker',
      'a reference has no URL scheme; remove "https://"',
    ],
    [':justtag', 'the reference has no repository name'],
    [`@${sha256}`, 'the reference has no repository name'],
    ['Uppercase:tag', 'repository "Uppercase" must be lowercase'],
    ['docker/Docker', 'repository "docker/Docker" must be lowercase'],
    [
      'test:5000/Uppercase/lowercase:tag',
      'repository "Uppercase/lowercase" must be lowercase',
    ],
    [
      'docker///docker',
      'repository "docker///docker" has an empty path component',
    ],
    ['docker/', 'repository "docker/" has an empty path component'],
    [
      '-docker/docker',
      'repository path component "-docker" is invalid: use lowercase letters and digits, separated by ".", "_", "__" or dashes',
    ],
    [
      'docker/dock..er',
      'repository path component "dock..er" is invalid: use lowercase letters and digits, separated by ".", "_", "__" or dashes',
    ],
    // With a ".", the first component is taken as the registry, as Docker does.
    [
      'dock..er/docker',
      'registry "dock..er" is not a valid host name, IPv4 address or [IPv6] address with an optional :port',
    ],
    [
      '____/____',
      'repository path component "____" is invalid: use lowercase letters and digits, separated by ".", "_", "__" or dashes',
    ],
    [
      'aa/asdf$$^/aa',
      'repository path component "asdf$$^" is invalid: use lowercase letters and digits, separated by ".", "_", "__" or dashes',
    ],
    [
      `domain/${'a'.repeat(256)}:tag`,
      'repository is 263 characters long; the limit is 255',
    ],
    [
      '[2001:db8::1]:tag/repo',
      'registry "[2001:db8::1]:tag" is not a valid host name, IPv4 address or [IPv6] address with an optional :port',
    ],
    [
      '[fe80::1%eth0]:5000/repo',
      'registry "[fe80::1%eth0]:5000" is not a valid host name, IPv4 address or [IPv6] address with an optional :port',
    ],
    [
      '-docker.io/docker/docker',
      'registry "-docker.io" is not a valid host name, IPv4 address or [IPv6] address with an optional :port',
    ],
    ['localhost:99999/x', 'registry port 99999 is out of range (1-65535)'],
    ['localhost:0/x', 'registry port 0 is out of range (1-65535)'],
    ['repo:', 'tag is empty'],
    [
      'repo:.hidden',
      'tag ".hidden" is invalid: use letters, digits, "_", "." and "-", and do not start with "." or "-"',
    ],
    [
      'repo:-x',
      'tag "-x" is invalid: use letters, digits, "_", "." and "-", and do not start with "." or "-"',
    ],
    [`repo:${'t'.repeat(129)}`, 'tag is 129 characters long; the limit is 128'],
    [
      'repo@sha256:ffffffffffffffffffffffffffffffffff',
      'a sha256 digest has 64 hex characters, this one has 34',
    ],
    [
      `repo@sha256:${'F'.repeat(64)}`,
      `digest "sha256:${'F'.repeat(64)}" must use lowercase hexadecimal`,
    ],
    [
      `repo@sha256:${'g'.repeat(64)}`,
      `digest "sha256:${'g'.repeat(
        64,
      )}" has characters that are not hexadecimal`,
    ],
    [
      `validname@invaliddigest:${'f'.repeat(64)}`,
      'digest algorithm "invaliddigest" is not supported; use sha256, sha384, sha512',
    ],
    [
      'repo@md5:d41d8cd98f00b204e9800998ecf8427e',
      'digest algorithm "md5" is not supported; use sha256, sha384, sha512',
    ],
    [
      'repo@latest',
      'digest "latest" is malformed: expected <algorithm>:<hex>, such as sha256:<64 hex characters>',
    ],
    [`repo@${sha256}@${sha256}`, 'the reference has more than one "@"'],
    [
      '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
      'a 64-character hexadecimal name is an image ID, not a repository; name the repository or write sha256:<hex> after "@"',
    ],
    [
      `example.com/${'a/'.repeat(600)}a`,
      'the reference is 1213 characters long; the limit is 1024',
    ],
  ])('rejects %j: %s', (input, problem) => {
    let error: unknown;
    try {
      parseOciReference(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOciReferenceError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InvalidOciReferenceError).problem).toBe(problem);
    expect((error as Error).message).toContain(problem);
    expect((error as Error).name).toBe('InputError');
  });

  it('names the input in the message', () => {
    expect(() => parseOciReference('Foo:bar')).toThrow(
      'Invalid OCI reference "Foo:bar": repository "Foo" must be lowercase',
    );
  });

  it('checks the "library/" prefix against the length limit', () => {
    expect(() => parseOciReference('a'.repeat(250))).toThrow(
      'is 258 characters long with its "library/" prefix; the limit is 255',
    );
  });

  it('rejects an invalid default registry option', () => {
    expect(() =>
      parseOciReference('x', { defaultRegistry: 'not a host' }),
    ).toThrow(TypeError);
  });
});

describe('tryParseOciReference', () => {
  it('returns undefined instead of throwing', () => {
    expect(tryParseOciReference('Bad')).toBeUndefined();
    expect(tryParseOciReference('ok')).toEqual({
      registry: 'docker.io',
      repository: 'library/ok',
    });
  });
});

describe('parseOciRepository', () => {
  it('accepts a repository without tag or digest', () => {
    expect(
      parseOciRepository(
        'registry.example.com/kitstage-demo/support-sentiment',
      ),
    ).toEqual({
      registry: 'registry.example.com',
      repository: 'kitstage-demo/support-sentiment',
    });
  });

  it.each([
    [
      'registry.example.com/model:v1',
      'a repository names no tag or digest, but this one names tag "v1"',
    ],
    [
      `registry.example.com/model@${sha256}`,
      `a repository names no tag or digest, but this one names digest "${sha256}"`,
    ],
    ['registry.example.com/Model', 'repository "Model" must be lowercase'],
  ])('rejects %s', (input, problem) => {
    expect(() => parseOciRepository(input)).toThrow(
      `Invalid OCI repository ${JSON.stringify(input)}: ${problem}`,
    );
  });
});
