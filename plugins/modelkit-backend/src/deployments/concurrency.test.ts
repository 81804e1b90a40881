import { ExpiringCache, mapConcurrently } from './concurrency';

describe('mapConcurrently', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const result = await mapConcurrently([5, 1, 4, 2, 3], 2, async n => {
      running++;
      most = Math.max(most, running);
      await new Promise(r => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});

describe('ExpiringCache', () => {
  it('shares one load per key in flight and reloads after the time to live', async () => {
    let now = 0;
    const cache = new ExpiringCache<number>({ ttlMs: 100, now: () => now });
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([
      cache.get('k', load),
      cache.get('k', load),
    ]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    now = 99;
    expect(await cache.get('k', load)).toBe(1);
    now = 200;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new ExpiringCache<number>({ ttlMs: 1000 });
    await expect(
      cache.get('k', async () => {
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
