const MAX_BACKOFF_MS = 30_000;
const MIN_BACKOFF_MS = 500;

/**
 * How long to wait before the next attempt after `failures` failures in a row: exponential
 * back-off from 0.5 s to 30 s, with jitter (half of it random).
 *
 * @internal
 */
export function backoffDelayMs(failures: number): number {
  const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (failures - 1));
  return base / 2 + (Math.random() * base) / 2;
}

/**
 * Waits, or less when the signal aborts.
 *
 * @internal
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A duration for messages: whole seconds as `30 s`, anything else as `1500 ms`.
 *
 * @internal
 */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
