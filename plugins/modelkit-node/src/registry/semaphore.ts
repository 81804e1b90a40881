/**
 * A counting semaphore with a FIFO queue, bounding the requests in flight to a registry.
 *
 * @internal
 */
export class Semaphore {
  readonly #limit: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`semaphore limit must be a positive integer`);
    }
    this.#limit = limit;
  }

  /** Requests currently holding a slot. */
  get active(): number {
    return this.#active;
  }

  /** Runs `task` once a slot is free, and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    if (this.#active < this.#limit) {
      this.#active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', waiter.abort);
          this.#active += 1;
          resolve();
        },
        abort: () => {
          const index = this.#waiting.indexOf(waiter.grant);
          if (index >= 0) {
            this.#waiting.splice(index, 1);
          }
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', waiter.abort, { once: true });
      this.#waiting.push(waiter.grant);
    });
  }

  #release() {
    this.#active -= 1;
    const next = this.#waiting.shift();
    if (next) {
      next();
    }
  }
}
