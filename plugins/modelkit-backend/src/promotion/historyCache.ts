import { ServiceUnavailableError } from '@backstage/errors';

/**
 * The default of `kitstage.promotion.historyCacheSeconds`.
 *
 * @internal
 */
export const DEFAULT_HISTORY_CACHE_SECONDS = 300;

/**
 * How many histories (one per remote and branch) are kept at most; the oldest is dropped first.
 *
 * @internal
 */
export const HISTORY_CACHE_ENTRIES = 100;

/**
 * How many branches of one remote are kept at most, and how many reads of one remote may wait
 * at a time: a branch comes from a Component's annotation, so branches of one remote must not
 * evict the histories of others nor queue up without bound.
 *
 * @internal
 */
export const HISTORY_CACHE_BRANCHES_PER_REMOTE = 4;

/**
 * How many histories are read (cloned) at a time, over all remotes.
 *
 * @internal
 */
export const HISTORY_MAX_CONCURRENT_READS = 4;

/**
 * How many reads may be under way or waiting at a time, over all remotes; more are refused.
 *
 * @internal
 */
export const HISTORY_MAX_PENDING_READS = 64;

/** Which history: the remote URL and the branch (empty for the remote's default branch). */
export interface PromotionHistoryKey {
  remote: string;
  branch: string;
}

/**
 * Keeps the promotion history read from each Git remote and branch for a while, and bounds the
 * reads:
 *
 * - concurrent requests for the same remote and branch share one read, and a failed read is
 *   not kept;
 * - at most one read of a remote is under way at a time, whichever the branch, and at most
 *   {@link HISTORY_MAX_CONCURRENT_READS} over all remotes; the others wait;
 * - at most {@link HISTORY_CACHE_BRANCHES_PER_REMOTE} reads of one remote and
 *   {@link HISTORY_MAX_PENDING_READS} in all are under way or waiting; more are refused with a
 *   ServiceUnavailableError;
 * - at most `maxEntries` histories are kept, counted per remote and branch, and at most
 *   {@link HISTORY_CACHE_BRANCHES_PER_REMOTE} branches of one remote; the oldest go first.
 *
 * The promotion router creates one cache, so these bounds hold for the whole backend.
 *
 * @internal
 */
export class PromotionHistoryCache<T> {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<
    string,
    { remote: string; value: T; expires: number }
  >();
  readonly #inFlight = new Map<
    string,
    { remote: string; promise: Promise<T> }
  >();
  /** The last read scheduled for each remote: the next one starts after it. */
  readonly #remoteTails = new Map<string, Promise<void>>();
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(options: {
    ttlSeconds: number;
    maxEntries?: number;
    now?: () => number;
  }) {
    this.#ttlMs = Math.max(0, options.ttlSeconds) * 1000;
    this.#maxEntries = options.maxEntries ?? HISTORY_CACHE_ENTRIES;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The history of a remote and branch: kept, being read by another request, or read now with
   * `load` once the bounds allow.
   *
   * @throws ServiceUnavailableError when too many reads are under way or waiting.
   */
  async get(key: PromotionHistoryKey, load: () => Promise<T>): Promise<T> {
    const id = JSON.stringify([key.remote, key.branch]);
    const kept = this.#entries.get(id);
    if (kept && kept.expires > this.#now()) {
      return kept.value;
    }
    this.#entries.delete(id);
    const running = this.#inFlight.get(id);
    if (running) {
      return running.promise;
    }
    const ofRemote = [...this.#inFlight.values()].filter(
      r => r.remote === key.remote,
    ).length;
    if (
      ofRemote >= HISTORY_CACHE_BRANCHES_PER_REMOTE ||
      this.#inFlight.size >= HISTORY_MAX_PENDING_READS
    ) {
      throw new ServiceUnavailableError(
        'Too many promotion history reads are under way; try again later',
      );
    }
    const promise = this.#schedule(key.remote, load).then(
      value => {
        this.#inFlight.delete(id);
        if (this.#ttlMs > 0) {
          this.#keep(id, key.remote, value);
        }
        return value;
      },
      error => {
        this.#inFlight.delete(id);
        throw error;
      },
    );
    this.#inFlight.set(id, { remote: key.remote, promise });
    return promise;
  }

  #keep(id: string, remote: string, value: T) {
    this.#entries.set(id, {
      remote,
      value,
      expires: this.#now() + this.#ttlMs,
    });
    const ofRemote = [...this.#entries].filter(([, e]) => e.remote === remote);
    for (const [oldest] of ofRemote.slice(
      0,
      Math.max(0, ofRemote.length - HISTORY_CACHE_BRANCHES_PER_REMOTE),
    )) {
      this.#entries.delete(oldest);
    }
    while (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  /** Runs `load` after the reads of the remote before it, within the global bound. */
  #schedule(remote: string, load: () => Promise<T>): Promise<T> {
    const previous = this.#remoteTails.get(remote) ?? Promise.resolve();
    const run = previous.then(async () => {
      await this.#acquire();
      try {
        return await load();
      } finally {
        this.#release();
      }
    });
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.#remoteTails.set(remote, tail);
    tail.then(() => {
      if (this.#remoteTails.get(remote) === tail) {
        this.#remoteTails.delete(remote);
      }
    });
    return run;
  }

  async #acquire(): Promise<void> {
    if (this.#active < HISTORY_MAX_CONCURRENT_READS) {
      this.#active++;
      return;
    }
    // The slot is handed over by #release, without decrementing.
    await new Promise<void>(resolve => this.#waiting.push(resolve));
  }

  #release() {
    const next = this.#waiting.shift();
    if (next) {
      next();
    } else {
      this.#active--;
    }
  }
}
