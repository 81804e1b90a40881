import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback port that is free now: the operating system picks it for a server that is
 * closed again at once, for a child process to listen on.
 *
 * @internal
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

/**
 * How {@link waitUntilReady} waits for a child process.
 *
 * @internal
 */
export interface WaitUntilReadyOptions {
  /** The program's name, for errors, e.g. `postgres`. */
  name: string;
  /** What the program does once it is ready, for the timeout error, e.g. `answer`. */
  readiness: string;
  /** How long to wait, in milliseconds. */
  timeoutMs: number;
  /** How long to wait between probes, in milliseconds. */
  intervalMs: number;
  /** Whether the program is ready; a rejection counts as not ready yet. */
  probe(): Promise<boolean>;
}

/**
 * Probes a child process until it is ready. Fails, with the end of its standard error, when it
 * exits first or is not ready in time.
 *
 * @internal
 */
export async function waitUntilReady(
  child: ChildProcess,
  options: WaitUntilReadyOptions,
): Promise<void> {
  const { name } = options;
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`${name} exited before it was ready: ${stderr}`);
    }
    try {
      if (await options.probe()) {
        return;
      }
    } catch {
      // Not ready yet.
    }
    await new Promise(resolve => setTimeout(resolve, options.intervalMs));
  }
  throw new Error(
    `${name} did not ${options.readiness} within ${
      options.timeoutMs / 1000
    } s: ${stderr}`,
  );
}
