import { Readable, Transform } from 'node:stream';
import { extract as tarExtract } from 'tar-stream';
import { decompressorOf, readEntry, safeName } from './tarEntries';

/**
 * The default caps of {@link findModelCardInLayer}.
 *
 * @public
 */
export const MODEL_CARD_DEFAULTS = Object.freeze({
  /** The most bytes of Markdown kept: 256 KiB. */
  maxBytes: 256 * 1024,
  /** The most bytes the layer may unpack to: 64 MiB. */
  maxUnpackedBytes: 64 * 1024 * 1024,
  /** The most entries read from the layer. */
  maxEntries: 10_000,
});

/**
 * File names of a model card, best first, compared case-insensitively.
 *
 * @public
 */
export const MODEL_CARD_FILE_NAMES: readonly string[] = Object.freeze([
  'model_card.md',
  'model-card.md',
  'readme.md',
]);

/**
 * A model card found in a docs layer.
 *
 * @public
 */
export interface ModelCardFile {
  /** The file's path inside the layer, e.g. `docs/README.md`. */
  path: string;
  /** Its text, at most `maxBytes` bytes of it. */
  markdown: string;
  /** True when the file is longer than `maxBytes`. */
  truncated: boolean;
  /** The file's full size in bytes. */
  size: number;
}

/**
 * What {@link findModelCardInLayer} found.
 *
 * @public
 */
export interface ModelCardLayerResult {
  /** The best model card file of the layer, if any. */
  file?: ModelCardFile;
  /** Entry names that were skipped as unsafe (absolute, `..`, backslashes, control characters). */
  unsafeNames: string[];
}

/**
 * Options of {@link findModelCardInLayer}.
 *
 * @public
 */
export interface FindModelCardOptions {
  /** The most bytes of Markdown kept; see {@link MODEL_CARD_DEFAULTS}. */
  maxBytes?: number;
  /** The most bytes the layer may unpack to; see {@link MODEL_CARD_DEFAULTS}. */
  maxUnpackedBytes?: number;
  /** The most entries read; see {@link MODEL_CARD_DEFAULTS}. */
  maxEntries?: number;
}

/**
 * Why a docs layer could not be read: not a tar archive, corrupt compression, or over a cap.
 *
 * @public
 */
export class ModelCardLayerError extends Error {
  /** Always `ModelCardLayerError`, so the error is recognised across package copies. */
  name = 'ModelCardLayerError' as const;
}

function rankOf(path: string): number {
  const base = path.slice(path.lastIndexOf('/') + 1).toLocaleLowerCase('en-US');
  return MODEL_CARD_FILE_NAMES.indexOf(base);
}

function isBetter(
  candidate: { rank: number; path: string },
  best: { rank: number; path: string } | undefined,
): boolean {
  if (!best) return true;
  if (candidate.rank !== best.rank) return candidate.rank < best.rank;
  const depthA = candidate.path.split('/').length;
  const depthB = best.path.split('/').length;
  if (depthA !== depthB) return depthA < depthB;
  return candidate.path < best.path;
}

/**
 * Finds the model card of a docs layer: its `MODEL_CARD.md`, `model-card.md` or `README.md`
 * (case-insensitive; in that order, then the shallowest, then by path), reading the tar
 * archive (plain, gzip or zstd, told by its first bytes) as a stream in memory.
 *
 * @remarks
 * Nothing is written to disk. Only regular files count; links are ignored. Entries with unsafe
 * names (absolute paths, `..` segments, backslashes, control characters) are skipped and
 * listed. At most `maxBytes` bytes of the chosen file are kept (`truncated` says so), and the
 * read stops with a {@link ModelCardLayerError} when the layer unpacks to more than
 * `maxUnpackedBytes` or has more than `maxEntries` entries, or is not a tar archive. The caller
 * verifies the blob's digest before (`OciSource.getBlob` does).
 *
 * @public
 */
export async function findModelCardInLayer(
  blob: Buffer,
  options?: FindModelCardOptions,
): Promise<ModelCardLayerResult> {
  const maxBytes = options?.maxBytes ?? MODEL_CARD_DEFAULTS.maxBytes;
  const maxUnpackedBytes =
    options?.maxUnpackedBytes ?? MODEL_CARD_DEFAULTS.maxUnpackedBytes;
  const maxEntries = options?.maxEntries ?? MODEL_CARD_DEFAULTS.maxEntries;

  const extract = tarExtract();
  const decompress = decompressorOf(blob);
  const input = Readable.from([blob]);
  let unpacked = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      unpacked += chunk.length;
      if (unpacked > maxUnpackedBytes) {
        callback(
          new ModelCardLayerError(
            `the docs layer unpacks to more than ${maxUnpackedBytes} bytes`,
          ),
        );
        return;
      }
      callback(null, chunk);
    },
  });
  // Aborting the archive does not end the entry being read: every wait races this.
  let abort: (error: Error) => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    abort = reject;
  });
  aborted.catch(() => {});
  const fail = (error: Error) => {
    abort(error);
    extract.destroy(error);
  };
  input.on('error', fail);
  counter.on('error', fail);
  if (decompress) {
    decompress.on('error', error =>
      fail(
        new ModelCardLayerError(
          `the docs layer is not valid compressed data (${error.message})`,
        ),
      ),
    );
    input.pipe(decompress).pipe(counter).pipe(extract);
  } else {
    input.pipe(counter).pipe(extract);
  }

  const unsafeNames: string[] = [];
  let best: (ModelCardFile & { rank: number }) | undefined;
  let entries = 0;
  try {
    for await (const entry of extract) {
      entries++;
      if (entries > maxEntries) {
        throw new ModelCardLayerError(
          `the docs layer has more than ${maxEntries} entries`,
        );
      }
      const { name, type, size } = entry.header;
      const path = safeName(name);
      if (path === undefined) {
        if (unsafeNames.length < 20) unsafeNames.push(name.slice(0, 200));
      }
      const rank = path === undefined ? -1 : rankOf(path);
      if (
        type !== 'file' ||
        path === undefined ||
        rank < 0 ||
        !isBetter({ rank, path }, best)
      ) {
        await Promise.race([
          readEntry(entry as unknown as AsyncIterable<Buffer>, 0),
          aborted,
        ]);
        continue;
      }
      const { chunks, total } = await Promise.race([
        readEntry(entry as unknown as AsyncIterable<Buffer>, maxBytes),
        aborted,
      ]);
      const truncated = total > maxBytes || (size ?? 0) > maxBytes;
      let markdown = Buffer.concat(chunks).toString('utf8');
      if (truncated) {
        // A cut inside a multi-byte character decodes to a replacement character.
        markdown = markdown.replace(/\uFFFD+$/, '');
      }
      best = { path, markdown, truncated, size: total, rank };
    }
  } catch (error) {
    extract.destroy();
    if (error instanceof ModelCardLayerError) throw error;
    throw new ModelCardLayerError(
      `the docs layer is not a tar archive (${
        error instanceof Error ? error.message : String(error)
      })`,
    );
  }
  if (best) {
    const { rank: _rank, ...file } = best;
    return { file, unsafeNames };
  }
  return { unsafeNames };
}
