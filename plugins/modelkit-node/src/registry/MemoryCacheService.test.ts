import { MemoryCacheService } from './MemoryCacheService';

describe('MemoryCacheService', () => {
  it('expires entries, evicts the oldest and copies values', async () => {
    const cache = new MemoryCacheService({ maxEntries: 2 });
    const value = { a: [1] };
    await cache.set('a', value, { ttl: 60_000 });
    value.a.push(2);
    await expect(cache.get('a')).resolves.toEqual({ a: [1] });
    await cache.set('gone', 1, { ttl: -1 });
    await expect(cache.get('gone')).resolves.toBeUndefined();
    await cache.set('b', 2);
    await cache.set('c', 3);
    await expect(cache.get('a')).resolves.toBeUndefined();
    await expect(cache.get('c')).resolves.toBe(3);
    const withTtl = cache.withOptions({ defaultTtl: { seconds: -1 } });
    await withTtl.set('d', 4);
    await expect(withTtl.get('d')).resolves.toBeUndefined();
  });

  it('keeps at most maxBytes of JSON text, evicting the least recently used first', async () => {
    const cache = new MemoryCacheService({ maxBytes: 1000, maxEntries: 100 });
    // 301 bytes: 300 of JSON text and 1 of key.
    const value = (fill: string) => fill.repeat(298);
    await cache.set('a', value('a'));
    await cache.set('b', value('b'));
    await cache.set('c', value('c'));
    expect(cache.size).toEqual({ entries: 3, bytes: 903 });
    // Reading `a` makes `b` the least recently used.
    await expect(cache.get('a')).resolves.toBe(value('a'));
    await cache.set('d', value('d'));
    expect(cache.size).toEqual({ entries: 3, bytes: 903 });
    await expect(cache.get('b')).resolves.toBeUndefined();
    await expect(cache.get('a')).resolves.toBe(value('a'));
    await expect(cache.get('c')).resolves.toBe(value('c'));
    await expect(cache.get('d')).resolves.toBe(value('d'));

    // Replacing a value counts only the new one.
    await cache.set('d', 'small');
    expect(cache.size).toEqual({ entries: 3, bytes: 610 });

    // A value larger than the whole cache is not kept, and does not evict anything; an older
    // value under its key is dropped rather than left stale.
    await cache.set('a', 'x'.repeat(2000));
    await expect(cache.get('a')).resolves.toBeUndefined();
    await expect(cache.get('c')).resolves.toBe(value('c'));
    expect(cache.size).toEqual({ entries: 2, bytes: 309 });

    // Caches derived with other options share the bound.
    const derived = cache.withOptions({ defaultTtl: 60_000 });
    await derived.set('e', value('e'));
    await derived.set('f', value('f'));
    await derived.set('g', value('g'));
    expect(cache.size.bytes).toBeLessThanOrEqual(1000);
    await expect(cache.get('c')).resolves.toBeUndefined();
  });

  it('stays within its bounds whatever is written', async () => {
    const cache = new MemoryCacheService({
      maxBytes: 64 * 1024,
      maxEntries: 50,
    });
    for (let i = 0; i < 5000; i++) {
      await cache.set(`k${i}`, { i, pad: 'p'.repeat(i % 3000) });
      const { entries, bytes } = cache.size;
      expect(entries).toBeLessThanOrEqual(50);
      expect(bytes).toBeLessThanOrEqual(64 * 1024);
    }
    await expect(cache.get('k4999')).resolves.toMatchObject({ i: 4999 });
  });
});
