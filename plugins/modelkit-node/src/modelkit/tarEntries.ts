import { Transform } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';

/**
 * The entry name without `./`, or undefined when it is not a safe relative path.
 *
 * @internal
 */
export function safeName(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (!name || /[\u0000-\u001f\\]/.test(name) || name.startsWith('/')) {
    return undefined;
  }
  const segments = name.split('/').filter(s => s !== '' && s !== '.');
  if (segments.length === 0 || segments.some(s => s === '..')) {
    return undefined;
  }
  return segments.join('/');
}

/**
 * Reads an entry to its end, keeping its first `keep` bytes.
 *
 * @internal
 */
export async function readEntry(
  entry: AsyncIterable<Buffer>,
  keep: number,
): Promise<{ chunks: Buffer[]; total: number }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  for await (const chunk of entry) {
    total += chunk.length;
    if (kept < keep) {
      const part = chunk.subarray(0, keep - kept);
      chunks.push(part);
      kept += part.length;
    }
  }
  return { chunks, total };
}

/**
 * A decompressor for a gzip or zstd blob, told by its first bytes; undefined for a plain one.
 *
 * @internal
 */
export function decompressorOf(blob: Buffer): Transform | undefined {
  if (blob.length >= 2 && blob[0] === 0x1f && blob[1] === 0x8b) {
    return createGunzip();
  }
  if (
    blob.length >= 4 &&
    blob[0] === 0x28 &&
    blob[1] === 0xb5 &&
    blob[2] === 0x2f &&
    blob[3] === 0xfd
  ) {
    return createZstdDecompress();
  }
  return undefined;
}
