import {
  HISTORY_CACHE_BRANCHES_PER_REMOTE,
  HISTORY_MAX_CONCURRENT_READS,
  PromotionHistoryCache,
} from './historyCache';

/** A load that finishes when the test says so, recording when it started. */
function controlled() {
  const started: string[] = [];
  const finish = new Map<string, (value: string) => void>();
  const load = (name: string) => () => {
    started.push(name);
    return new Promise<string>(resolve => finish.set(name, resolve));
  };
  return { started, finish, load };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('PromotionHistoryCache', () => {
  it('lets concurrent requests for one remote share a single read', async () => {
    const cache = new PromotionHistoryCache<string>({ ttlSeconds: 60 });
    let reads = 0;
    let finish!: (value: string) => void;
    const load = () => {
      reads++;
      return new Promise<string>(resolve => {
        finish = resolve;
      });
    };
    const requests = [1, 2, 3, 4, 5].map(() =>
      cache.get({ remote: 'remote', branch: 'main' }, load),
    );
    await tick();
    finish('history');
    expect(await Promise.all(requests)).toEqual(Array(5).fill('history'));
    expect(reads).toBe(1);
  });

  it('keeps a history for its time to live, per remote and branch, and not a failure', async () => {
    let now = 0;
    const cache = new PromotionHistoryCache<string>({
      ttlSeconds: 60,
      now: () => now,
    });
    const reads: string[] = [];
    const load = (key: string) => async () => {
      reads.push(key);
      return `${key}@${now}`;
    };
    const a = { remote: 'a', branch: 'main' };
    const aRelease = { remote: 'a', branch: 'release' };
    expect(await cache.get(a, load('a#main'))).toBe('a#main@0');
    now = 59_000;
    expect(await cache.get(a, load('a#main'))).toBe('a#main@0');
    expect(await cache.get(aRelease, load('a#release'))).toBe(
      'a#release@59000',
    );
    now = 60_001;
    expect(await cache.get(a, load('a#main'))).toBe('a#main@60001');
    expect(reads).toEqual(['a#main', 'a#release', 'a#main']);

    const b = { remote: 'b', branch: '' };
    await expect(
      cache.get(b, async () => {
        throw new Error('clone failed');
      }),
    ).rejects.toThrow('clone failed');
    expect(await cache.get(b, async () => 'second try')).toBe('second try');
  });

  it('drops the oldest remote and branch beyond its size', async () => {
    const cache = new PromotionHistoryCache<number>({
      ttlSeconds: 60,
      maxEntries: 2,
    });
    let reads = 0;
    const load = async () => ++reads;
    await cache.get({ remote: 'a', branch: 'main' }, load);
    await cache.get({ remote: 'b', branch: 'main' }, load);
    await cache.get({ remote: 'c', branch: 'main' }, load);
    expect(await cache.get({ remote: 'b', branch: 'main' }, load)).toBe(2);
    expect(await cache.get({ remote: 'a', branch: 'main' }, load)).toBe(4);
  });

  it('keeps a few branches per remote, so that branches named by Components cannot evict other remotes', async () => {
    const cache = new PromotionHistoryCache<string>({
      ttlSeconds: 60,
      maxEntries: HISTORY_CACHE_BRANCHES_PER_REMOTE + 2,
    });
    const reads: string[] = [];
    const load = (key: string) => async () => {
      reads.push(key);
      return key;
    };
    await cache.get({ remote: 'victim', branch: 'main' }, load('victim'));
    for (let i = 0; i < 3 * HISTORY_CACHE_BRANCHES_PER_REMOTE; i++) {
      await cache.get(
        { remote: 'noisy', branch: `b${i}` },
        load(`noisy#b${i}`),
      );
    }
    reads.length = 0;
    // The victim's history is still kept; only the newest branches of the noisy remote are.
    await cache.get({ remote: 'victim', branch: 'main' }, load('victim'));
    const newest = 3 * HISTORY_CACHE_BRANCHES_PER_REMOTE - 1;
    await cache.get(
      { remote: 'noisy', branch: `b${newest}` },
      load(`noisy#b${newest}`),
    );
    await cache.get({ remote: 'noisy', branch: 'b0' }, load('noisy#b0'));
    expect(reads).toEqual(['noisy#b0']);
  });

  it('reads one branch of a remote at a time', async () => {
    const cache = new PromotionHistoryCache<string>({ ttlSeconds: 60 });
    const { started, finish, load } = controlled();
    const main = cache.get({ remote: 'a', branch: 'main' }, load('a#main'));
    const release = cache.get(
      { remote: 'a', branch: 'release' },
      load('a#release'),
    );
    const other = cache.get({ remote: 'b', branch: 'main' }, load('b#main'));
    await tick();
    expect(started).toEqual(['a#main', 'b#main']);
    finish.get('a#main')!('main');
    await tick();
    expect(started).toEqual(['a#main', 'b#main', 'a#release']);
    finish.get('a#release')!('release');
    finish.get('b#main')!('other');
    expect(await Promise.all([main, release, other])).toEqual([
      'main',
      'release',
      'other',
    ]);
  });

  it(`reads at most ${HISTORY_MAX_CONCURRENT_READS} remotes at a time`, async () => {
    const cache = new PromotionHistoryCache<string>({ ttlSeconds: 60 });
    const { started, finish, load } = controlled();
    const names = Array.from(
      { length: HISTORY_MAX_CONCURRENT_READS + 2 },
      (_, i) => `r${i}`,
    );
    const requests = names.map(name =>
      cache.get({ remote: name, branch: 'main' }, load(name)),
    );
    await tick();
    expect(started).toEqual(names.slice(0, HISTORY_MAX_CONCURRENT_READS));
    finish.get('r0')!('r0');
    await tick();
    expect(started).toEqual(names.slice(0, HISTORY_MAX_CONCURRENT_READS + 1));
    for (const name of names) {
      await tick();
      finish.get(name)?.(name);
    }
    for (const name of names) {
      await tick();
      finish.get(name)?.(name);
    }
    expect(await Promise.all(requests)).toEqual(names);
  });

  it('refuses more waiting reads of one remote than it keeps branches, without starting them', async () => {
    const cache = new PromotionHistoryCache<string>({ ttlSeconds: 60 });
    const { started, finish, load } = controlled();
    const waiting = Array.from(
      { length: HISTORY_CACHE_BRANCHES_PER_REMOTE },
      (_, i) => cache.get({ remote: 'a', branch: `b${i}` }, load(`b${i}`)),
    );
    await expect(
      cache.get({ remote: 'a', branch: 'one-more' }, load('one-more')),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/Too many promotion history reads/),
    });
    for (let i = 0; i < HISTORY_CACHE_BRANCHES_PER_REMOTE; i++) {
      await tick();
      finish.get(`b${i}`)!(`b${i}`);
    }
    await Promise.all(waiting);
    expect(started).not.toContain('one-more');
  });
});
