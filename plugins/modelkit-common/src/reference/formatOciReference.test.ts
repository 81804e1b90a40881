import {
  formatFamiliarOciReference,
  formatOciReference,
  formatOciRepository,
  getOciRepository,
  isOciRepositoryOnly,
  withOciDigest,
  withOciTag,
} from './formatOciReference';
import { parseOciReference } from './parseOciReference';

const sha256 = `sha256:${'a'.repeat(64)}`;

describe('formatOciReference', () => {
  it.each([
    ['ubuntu', 'docker.io/library/ubuntu', 'ubuntu'],
    ['ubuntu:24.04', 'docker.io/library/ubuntu:24.04', 'ubuntu:24.04'],
    ['index.docker.io/library/ubuntu', 'docker.io/library/ubuntu', 'ubuntu'],
    [
      'docker.io/bitnami/redis:7',
      'docker.io/bitnami/redis:7',
      'bitnami/redis:7',
    ],
    [
      'docker.io/library/foo/bar',
      'docker.io/library/foo/bar',
      'library/foo/bar',
    ],
    ['localhost:5000/x:dev', 'localhost:5000/x:dev', 'localhost:5000/x:dev'],
    ['localhost/x', 'localhost/x', 'localhost/x'],
    [
      `ghcr.io/org/model:v1@${sha256}`,
      `ghcr.io/org/model:v1@${sha256}`,
      `ghcr.io/org/model:v1@${sha256}`,
    ],
    [`repo@${sha256}`, `docker.io/library/repo@${sha256}`, `repo@${sha256}`],
    [
      '[2001:db8::1]:5000/repo:tag',
      '[2001:db8::1]:5000/repo:tag',
      '[2001:db8::1]:5000/repo:tag',
    ],
    // Leaving the registry out would make "example.com" the registry.
    [
      'docker.io/example.com/x',
      'docker.io/example.com/x',
      'docker.io/example.com/x',
    ],
    // A bare 64-hex name would read as an image ID.
    [
      `docker.io/${'b'.repeat(64)}`,
      `docker.io/library/${'b'.repeat(64)}`,
      `docker.io/library/${'b'.repeat(64)}`,
    ],
  ])(
    'writes %s as %s, familiar %s, and both parse back',
    (input, full, familiar) => {
      const reference = parseOciReference(input);
      expect(formatOciReference(reference)).toBe(full);
      expect(formatFamiliarOciReference(reference)).toBe(familiar);
      expect(parseOciReference(full)).toEqual(reference);
      expect(parseOciReference(familiar)).toEqual(reference);
    },
  );

  it('leaves out a custom default registry in the familiar form, unless ambiguous', () => {
    const options = { defaultRegistry: 'localhost' };
    const plain = parseOciReference('team/model:v1', options);
    expect(formatFamiliarOciReference(plain, options)).toBe('team/model:v1');
    const dotted = parseOciReference('localhost/example.com/model', options);
    expect(formatFamiliarOciReference(dotted, options)).toBe(
      'localhost/example.com/model',
    );
    expect(parseOciReference('example.com/model', options).registry).toBe(
      'example.com',
    );
    const nested = parseOciReference('localhost/localhost/model', options);
    expect(formatFamiliarOciReference(nested, options)).toBe(
      'localhost/localhost/model',
    );
    expect(
      parseOciReference(formatFamiliarOciReference(nested, options), options),
    ).toEqual(nested);
  });

  it('round-trips canonical input unchanged', () => {
    for (const input of [
      'registry.example.com/kitstage-demo/support-sentiment:v3',
      `registry.example.com:8443/a/b/c@${sha256}`,
      'docker.io/library/python:3.12-slim',
    ]) {
      expect(formatOciReference(parseOciReference(input))).toBe(input);
    }
  });
});

describe('repository helpers', () => {
  const reference = parseOciReference(`ghcr.io/org/model:v1@${sha256}`);

  it('drops tag and digest', () => {
    expect(getOciRepository(reference)).toEqual({
      registry: 'ghcr.io',
      repository: 'org/model',
    });
    expect(formatOciRepository(reference)).toBe('ghcr.io/org/model');
    expect(isOciRepositoryOnly(reference)).toBe(false);
    expect(isOciRepositoryOnly(getOciRepository(reference))).toBe(true);
  });

  it('sets a tag or digest after validating it', () => {
    const repository = getOciRepository(reference);
    expect(formatOciReference(withOciTag(repository, 'v2'))).toBe(
      'ghcr.io/org/model:v2',
    );
    expect(
      formatOciReference(withOciDigest(withOciTag(repository, 'v2'), sha256)),
    ).toBe(`ghcr.io/org/model:v2@${sha256}`);
    expect(() => withOciTag(repository, 'bad tag')).toThrow(
      'Invalid OCI tag "bad tag": tag "bad tag" is invalid',
    );
    expect(() => withOciDigest(repository, 'sha1:abc')).toThrow(
      'Invalid OCI digest "sha1:abc": digest algorithm "sha1" is not supported',
    );
  });
});
