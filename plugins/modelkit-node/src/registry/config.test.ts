import { ConfigReader } from '@backstage/config';
import { readRegistryConfigs } from './config';
import { DEFAULT_REGISTRY_CACHE, DEFAULT_REGISTRY_LIMITS } from './configTypes';

function read(registries: unknown) {
  return readRegistryConfigs(
    new ConfigReader({ kitstage: { registries } } as any),
  );
}

describe('readRegistryConfigs', () => {
  it('returns nothing without registries', () => {
    expect(readRegistryConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('applies defaults and infers the auth type', () => {
    const [anonymous, basic, bearer] = read([
      { name: 'public', url: 'https://registry.example.com/' },
      {
        name: 'internal',
        url: 'http://localhost:5000',
        auth: {
          username: 'u',
          password: 'p',
          tokenRealmHosts: ['Auth.Example.com:8443'],
        },
        repositories: { include: ['team/*'] },
      },
      { name: 'static', url: 'https://ghcr.io', auth: { token: 't' } },
    ]);
    expect(anonymous).toEqual({
      name: 'public',
      url: 'https://registry.example.com',
      host: 'registry.example.com',
      auth: { type: 'anonymous' },
      tls: { ca: undefined },
      limits: DEFAULT_REGISTRY_LIMITS,
      cache: DEFAULT_REGISTRY_CACHE,
    });
    expect(basic).toMatchObject({
      url: 'http://localhost:5000',
      host: 'localhost:5000',
      auth: {
        type: 'basic',
        username: 'u',
        password: 'p',
        tokenRealmHosts: ['auth.example.com:8443'],
      },
    });
    expect(bearer.auth).toEqual({ type: 'bearer', token: 't' });
  });

  it('reads limits, durations in every form, and cache lifetimes', () => {
    const [registry] = read([
      {
        name: 'r',
        url: 'https://r.example.com',
        limits: {
          maxManifestBytes: 2048,
          concurrency: 2,
          connectTimeout: '5s',
          requestTimeout: { minutes: 1 },
          maxRetryDelay: 'PT2M',
          maxRetries: 0,
          maxRepositories: 50_000,
          maxReferrers: 200,
        },
        cache: {
          tagTtl: { seconds: 30 },
          digestTtl: '30d',
          maxCachedBlobBytes: 0,
          maxMemoryEntries: 500,
          maxMemoryBytes: 8 * 1024 * 1024,
          maxTokens: 32,
        },
      },
    ]);
    expect(registry.limits).toMatchObject({
      maxManifestBytes: 2048,
      concurrency: 2,
      connectTimeoutMs: 5000,
      requestTimeoutMs: 60_000,
      maxRetryDelayMs: 120_000,
      maxRetries: 0,
      maxBlobBytes: DEFAULT_REGISTRY_LIMITS.maxBlobBytes,
      maxRepositories: 50_000,
      maxReferrers: 200,
      maxTagsPerRepository: DEFAULT_REGISTRY_LIMITS.maxTagsPerRepository,
    });
    expect(registry.cache).toEqual({
      tagTtlMs: 30_000,
      digestTtlMs: 30 * 24 * 3600 * 1000,
      maxCachedBlobBytes: 0,
      maxMemoryEntries: 500,
      maxMemoryBytes: 8 * 1024 * 1024,
      maxTokens: 32,
    });
    expect(() =>
      read([{ name: 'a', url: 'https://x', cache: { maxMemoryBytes: 10 } }]),
    ).toThrow(
      'kitstage.registries[0].cache.maxMemoryBytes: must be an integer of at least 1024',
    );
    expect(() =>
      read([{ name: 'a', url: 'https://x', cache: { maxTokens: 0 } }]),
    ).toThrow(
      'kitstage.registries[0].cache.maxTokens: must be an integer of at least 1',
    );
    expect(() =>
      read([{ name: 'a', url: 'https://x', cache: { maxTokens: 2.5 } }]),
    ).toThrow(
      'kitstage.registries[0].cache.maxTokens: must be an integer of at least 1',
    );
    expect(() =>
      read([{ name: 'a', url: 'https://x', limits: { maxReferrers: 0 } }]),
    ).toThrow(
      'kitstage.registries[0].limits.maxReferrers: must be an integer of at least 1',
    );
  });

  it('names the key that is wrong', () => {
    expect(() => read([{ name: 'a b', url: 'https://x' }])).toThrow(
      'kitstage.registries[0].name: "a b" is not a valid registry name',
    );
    expect(() =>
      read([
        { name: 'a', url: 'https://x' },
        { name: 'a', url: 'https://y' },
      ]),
    ).toThrow(
      'kitstage.registries[1].name: the name "a" is used by more than one entry',
    );
    expect(() => read([{ name: 'a', url: 'ftp://x' }])).toThrow(
      'kitstage.registries[0].url: the URL must use https or http, not ftp:',
    );
    expect(() => read([{ name: 'a', url: 'https://x/v2/' }])).toThrow(
      'kitstage.registries[0].url: the URL must be the registry root',
    );
    expect(() =>
      read([{ name: 'a', url: 'https://x', auth: { username: 'u' } }]),
    ).toThrow(
      'kitstage.registries[0].auth: type "basic" needs both username and password',
    );
    expect(() =>
      read([
        {
          name: 'a',
          url: 'https://x',
          auth: { type: 'anonymous', token: 't' },
        },
      ]),
    ).toThrow('credentials are set but type is "anonymous"');
    expect(() =>
      read([{ name: 'a', url: 'https://x', auth: { type: 'oauth' } }]),
    ).toThrow(
      'kitstage.registries[0].auth.type: "oauth" is not one of anonymous, basic, bearer',
    );
    expect(() =>
      read([{ name: 'a', url: 'https://x', limits: { concurrency: 0 } }]),
    ).toThrow(
      'kitstage.registries[0].limits.concurrency: must be an integer of at least 1',
    );
    expect(() =>
      read([
        { name: 'a', url: 'https://x', limits: { requestTimeout: 'soon' } },
      ]),
    ).toThrow('kitstage.registries[0].limits.requestTimeout: not a duration');
  });

  it('leaves OCI image layout entries to the image-layout source, and refuses unknown types', () => {
    expect(
      read([
        { name: 'demo', type: 'oci-layout', path: '../../examples/oci-layout' },
        { name: 'r', type: 'registry', url: 'https://r.example.com' },
      ]).map(r => r.name),
    ).toEqual(['r']);
    expect(() =>
      read([
        { name: 'demo', type: 'oci-layout', path: 'x' },
        { name: 'demo', url: 'https://r.example.com' },
      ]),
    ).toThrow(
      'kitstage.registries[1].name: the name "demo" is used by more than one entry',
    );
    expect(() =>
      read([{ name: 'a', type: 'registy', url: 'https://x' }]),
    ).toThrow(
      'kitstage.registries[0].type: "registy" is not one of registry, oci-layout',
    );
  });

  it('refuses credentials in the URL without repeating them', () => {
    const error = (() => {
      try {
        read([{ name: 'a', url: 'https://me:hunter2@registry.example.com' }]);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toBe(
      'kitstage.registries[0].url: the URL must not contain credentials; set them under auth instead',
    );
  });
});
