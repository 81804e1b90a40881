import type { FileHandle } from 'node:fs/promises';

/**
 * Reads an open file from its start until its end or until `length` bytes, whichever comes
 * first, however few bytes each read returns.
 *
 * @remarks
 * To refuse files over a cap without trusting a size measured before the read (the file may
 * grow meanwhile), ask for one byte more than the cap: a result longer than the cap means the
 * file is too large, and no more than that one byte was read past it.
 *
 * @param handle - A file opened for reading.
 * @param length - The most bytes read.
 * @returns The bytes read, at most `length` of them.
 * @public
 */
export async function readFileHandleUpTo(
  handle: FileHandle,
  length: number,
): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  for (;;) {
    const { bytesRead } = await handle.read(
      buffer,
      read,
      buffer.length - read,
      read,
    );
    if (bytesRead === 0) {
      break;
    }
    read += bytesRead;
    if (read === buffer.length) {
      break;
    }
  }
  return buffer.subarray(0, read);
}
