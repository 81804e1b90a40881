import { kitCommandsForDigest, tryParseRepository } from './kitCommands';

const digest =
  'sha256:dd9a77c1861b2023f65d2ecc85f6a3982ebc72105652c9d8b8f99e5d04358356';

describe('kitCommandsForDigest', () => {
  it('pins the pull and unpack commands to the digest', () => {
    const repository = tryParseRepository(
      'registry.example.com:5000/kitstage-demo/support-sentiment',
    )!;
    expect(kitCommandsForDigest(repository, digest)).toEqual({
      pull: `kit pull registry.example.com:5000/kitstage-demo/support-sentiment@${digest}`,
      unpack: `kit unpack registry.example.com:5000/kitstage-demo/support-sentiment@${digest} -d support-sentiment`,
    });
  });

  it('writes the registry out, so kit does not look in its local storage', () => {
    const repository = tryParseRepository('team/model')!;
    expect(kitCommandsForDigest(repository, digest)?.pull).toBe(
      `kit pull docker.io/team/model@${digest}`,
    );
  });

  it('writes no command for a digest that is not one', () => {
    const repository = tryParseRepository('registry.example.com/a/b')!;
    expect(kitCommandsForDigest(repository, 'sha256:abc; rm -rf ~')).toBe(
      undefined,
    );
    expect(kitCommandsForDigest(repository, 'latest')).toBe(undefined);
  });
});

describe('tryParseRepository', () => {
  it('accepts repositories and refuses anything else', () => {
    expect(tryParseRepository('registry.example.com/a/b')).toEqual({
      registry: 'registry.example.com',
      repository: 'a/b',
    });
    expect(tryParseRepository('registry.example.com/a/b:v1')).toBe(undefined);
    expect(tryParseRepository('registry.example.com/a b')).toBe(undefined);
    expect(tryParseRepository('$(id)')).toBe(undefined);
    expect(tryParseRepository(undefined)).toBe(undefined);
  });
});
