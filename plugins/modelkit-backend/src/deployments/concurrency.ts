/**
 * Maps items with at most `limit` calls in flight, keeping the order of the items.
 *
 * @internal
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * A limit on how many calls run at once: calls beyond it wait, in order, for a free slot.
 *
 * @internal
 */
export function limitConcurrency(
  limit: number,
): <T>(call: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(call: () => Promise<T>): Promise<T> => {
    if (running >= limit) {
      await new Promise<void>(resolve => waiting.push(resolve));
    } else {
      running += 1;
    }
    try {
      return await call();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/**
 * A map whose entries expire, with one shared load per key in flight: concurrent callers of
 * a key that is being loaded wait for the same promise.
 *
 * @internal
 */
export class ExpiringCache<T> {
  readonly #entries = new Map<string, { value: Promise<T>; expires: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: {
    ttlMs: number;
    maxEntries?: number;
    now?: () => number;
  }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Returns the cached value of a key, or loads it. A rejected load is not kept. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry && entry.expires > now) {
      return entry.value;
    }
    if (this.#entries.size >= this.#maxEntries) {
      for (const [k, e] of this.#entries) {
        if (e.expires <= now) this.#entries.delete(k);
      }
      if (this.#entries.size >= this.#maxEntries) {
        this.#entries.delete(this.#entries.keys().next().value!);
      }
    }
    const value = load();
    const stored = { value, expires: Number.POSITIVE_INFINITY };
    this.#entries.set(key, stored);
    value.then(
      () => {
        stored.expires = this.#now() + this.#ttlMs;
      },
      () => {
        if (this.#entries.get(key) === stored) {
          this.#entries.delete(key);
        }
      },
    );
    return value;
  }

  /** Forgets one key, so the next `get` loads it again. */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
