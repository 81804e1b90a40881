import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_ATTESTATIONS_CACHE_CONFIG,
  readAttestationsCacheConfig,
} from './config';

const read = (attestations: unknown) =>
  readAttestationsCacheConfig(
    new ConfigReader({ kitstage: { attestations } } as any),
  );

describe('readAttestationsCacheConfig', () => {
  it('applies the defaults', () => {
    expect(readAttestationsCacheConfig(new ConfigReader({}))).toEqual(
      DEFAULT_ATTESTATIONS_CACHE_CONFIG,
    );
    expect(read({ keys: [] })).toEqual({
      ttlMs: 600_000,
      missingTtlMs: 30_000,
      concurrency: 4,
    });
  });

  it('reads durations as objects or strings, and the concurrency', () => {
    expect(
      read({
        cache: { ttl: { minutes: 30 }, missingTtl: '10s' },
        concurrency: 8,
      }),
    ).toEqual({ ttlMs: 1_800_000, missingTtlMs: 10_000, concurrency: 8 });
    // A short ttl also shortens the default missingTtl.
    expect(read({ cache: { ttl: { seconds: 5 } } })).toMatchObject({
      ttlMs: 5000,
      missingTtlMs: 5000,
    });
  });

  it('names the key of each invalid value', () => {
    expect(() => read({ cache: { ttl: 'soon' } })).toThrow(
      /^kitstage\.attestations\.cache\.ttl is not a valid duration: /,
    );
    expect(() => read({ cache: { missingTtl: { milliseconds: 10 } } })).toThrow(
      'kitstage.attestations.cache.missingTtl must be at least one second',
    );
    expect(() =>
      read({ cache: { ttl: { minutes: 1 }, missingTtl: { minutes: 2 } } }),
    ).toThrow(
      'kitstage.attestations.cache.missingTtl must not be longer than kitstage.attestations.cache.ttl',
    );
    expect(() => read({ concurrency: 0 })).toThrow(
      'kitstage.attestations.concurrency must be a whole number from 1 to 64, got 0',
    );
    expect(() => read({ concurrency: 2.5 })).toThrow(
      'kitstage.attestations.concurrency must be a whole number from 1 to 64, got 2.5',
    );
  });

  it('reads the secret that authenticates cached reports, and refuses a short one', () => {
    const secret = 'x'.repeat(32);
    expect(read({ cache: { secret } })).toMatchObject({ secret });
    expect(read({ cache: {} })).not.toHaveProperty('secret');
    expect(() => read({ cache: { secret: 'short' } })).toThrow(
      'kitstage.attestations.cache.secret must be at least 32 characters long',
    );
  });
});
