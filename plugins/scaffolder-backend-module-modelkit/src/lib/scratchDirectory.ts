import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs `run` with a new private directory under the system temporary directory (its name
 * starts with `prefix`), and deletes the directory afterwards, whatever `run` did: where the
 * writing actions run git, outside the workspace.
 *
 * @internal
 */
export async function withScratchDirectory<T>(
  prefix: string,
  run: (scratch: string) => Promise<T>,
): Promise<T> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    return await run(scratch);
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
