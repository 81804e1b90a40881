/**
 * Waits for a condition of a backend that settles in the background, such as catalog
 * ingestion: calls `probe` every 250 ms until it answers something other than undefined.
 *
 * @param what - What is waited for, for the timeout's message; a function is asked when the
 *   time is up, so it can tell the last state seen.
 * @internal
 */
export async function eventually<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${
          typeof what === 'string' ? what : what()
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}
