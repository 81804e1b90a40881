import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CacheService } from '@backstage/backend-plugin-api';
import { RegistryContentCache } from './cache';
import { MemoryCacheService } from './MemoryCacheService';
import { readRegistryConfig } from './config';
import { sha256Digest } from './digest';

const registry = readRegistryConfig(
  new ConfigReader({
    name: 'r',
    url: 'https://r.example.com',
    cache: { maxCachedBlobBytes: 16 },
  }),
);
const logger = mockServices.rootLogger({ level: 'none' });

describe('RegistryContentCache', () => {
  it('stores manifests and blobs as JSON and verifies them again when read', async () => {
    const store = new MemoryCacheService();
    const cache = new RegistryContentCache(store, registry, logger);
    const raw = '{"schemaVersion":2}';
    const digest = sha256Digest(raw);
    await cache.setManifest('team/model', digest, { mediaType: 'm', raw });
    await expect(cache.getManifest('team/model', digest)).resolves.toEqual({
      mediaType: 'm',
      raw,
    });

    // A tampered shared cache entry is ignored.
    const key = `kitstage:oci:v1:manifest:r:team/model:${digest}`;
    await store.set(key, { mediaType: 'm', raw: '{"schemaVersion":3}' });
    await expect(
      cache.getManifest('team/model', digest),
    ).resolves.toBeUndefined();

    const blob = Buffer.from('small blob');
    await cache.setBlob('team/model', sha256Digest(blob), blob);
    await expect(
      cache.getBlob('team/model', sha256Digest(blob)),
    ).resolves.toEqual(blob);
    expect(
      await store.get(
        `kitstage:oci:v1:blob:r:team/model:${sha256Digest(blob)}`,
      ),
    ).toBe(blob.toString('base64'));
    // Blobs over maxCachedBlobBytes are not kept.
    const big = Buffer.alloc(17);
    await cache.setBlob('team/model', sha256Digest(big), big);
    await expect(
      cache.getBlob('team/model', sha256Digest(big)),
    ).resolves.toBeUndefined();
  });

  it('ignores cached listings and tags that would not pass validation', async () => {
    const store = new MemoryCacheService();
    const cache = new RegistryContentCache(store, registry, logger);
    await store.set('kitstage:oci:v1:catalog:r', ['team/model', '../etc']);
    await expect(cache.getRepositories()).resolves.toBeUndefined();
    await store.set('kitstage:oci:v1:tags:r:team/model', {
      tags: ['v1', 'a/../../b'],
      truncated: false,
    });
    await expect(cache.getTagList('team/model')).resolves.toBeUndefined();
    await store.set('kitstage:oci:v1:tag:r:team/model:v1', {
      digest: '../../blobs/x',
      mediaType: 'm',
      size: 1,
      checkedAt: 1,
    });
    await expect(cache.getTag('team/model', 'v1')).resolves.toBeUndefined();
    await cache.setTag('team/model', 'v1', {
      digest: sha256Digest('x'),
      mediaType: 'm',
      size: 1,
      checkedAt: 1,
    });
    await expect(cache.getTag('team/model', 'v1')).resolves.toMatchObject({
      digest: sha256Digest('x'),
    });
  });

  it('hashes keys that would be too long for memcache', async () => {
    const store = new MemoryCacheService();
    const set = jest.spyOn(store, 'set');
    const cache = new RegistryContentCache(store, registry, logger);
    const repository = `team/${'a'.repeat(200)}`;
    await cache.setTagList(repository, { tags: ['v1'], truncated: false });
    const key = set.mock.calls[0][0];
    expect(key.length).toBeLessThanOrEqual(250);
    expect(key).toMatch(/^kitstage:oci:v1:tags:r:#[a-f0-9]{64}$/);
    await expect(cache.getTagList(repository)).resolves.toEqual({
      tags: ['v1'],
      truncated: false,
    });
  });

  it('tells fresh tag entries from stale ones', () => {
    const cache = new RegistryContentCache(
      new MemoryCacheService(),
      registry,
      logger,
    );
    const entry = {
      digest: sha256Digest('x'),
      mediaType: 'm',
      size: 1,
      checkedAt: 1_000_000,
    };
    expect(cache.isFresh(entry, 1_000_000 + registry.cache.tagTtlMs - 1)).toBe(
      true,
    );
    expect(cache.isFresh(entry, 1_000_000 + registry.cache.tagTtlMs)).toBe(
      false,
    );
  });

  it('treats a failing cache as a miss and warns once', async () => {
    const broken: CacheService = {
      get: jest.fn().mockRejectedValue(new Error('redis down')),
      set: jest.fn().mockRejectedValue(new Error('redis down')),
      delete: jest.fn(),
      withOptions: jest.fn(),
    };
    const warn = jest.fn();
    const cache = new RegistryContentCache(broken, registry, {
      ...logger,
      warn,
      child: () => logger,
    } as any);
    await expect(cache.getRepositories()).resolves.toBeUndefined();
    await expect(cache.setRepositories(['a'])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('redis down');
  });
});
