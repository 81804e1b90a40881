import { Readable, Transform } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';

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
  name = 'ModelCardLayerError' as const;
}

function rankOf(path: string): number {
  const base = path.slice(path.lastIndexOf('/') + 1).toLocaleLowerCase('en-US');
  return MODEL_CARD_FILE_NAMES.indexOf(base);
}

/** The entry name without `./`, or undefined when it is not a safe relative path. */
function safeName(name: string): string | undefined {
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

/** Reads an entry to its end, keeping its first `keep` bytes. */
async function readEntry(
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

function decompressorOf(blob: Buffer): Transform | undefined {
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

/**
 * A host as images are compared by: parsed as a URL's host, lower-cased, IDN in punycode,
 * percent-encoding decoded, the trailing dot and a default port dropped (`host` or
 * `host:port`). Undefined when the text is not a bare host (a path, credentials, a wildcard).
 *
 * @public
 */
export function normalizeImageHost(host: string): string | undefined {
  if (!host || /[\s/\\@?#*]/.test(host)) return undefined;
  let url: URL;
  try {
    url = new URL(`https://${host}`);
  } catch {
    return undefined;
  }
  return hostOf(url);
}

function hostOf(url: URL): string | undefined {
  const hostname = url.hostname.replace(/\.$/, '');
  if (!hostname) return undefined;
  return url.port ? `${hostname}:${url.port}` : hostname;
}

/**
 * Options of {@link restrictModelCardImages}.
 *
 * @public
 */
export interface RestrictModelCardImagesOptions {
  /**
   * Hosts images may load from (`host` or `host:port`), compared after
   * {@link normalizeImageHost}; entries that are not hosts match nothing.
   */
  allowedHosts: readonly string[];
}

// `![alt](destination "title")` in the plainest form only: no brackets, backslashes, backticks
// or `<` in the text, no spaces or parentheses in the destination. What this does not match
// is never kept as an image.
const PLAIN_IMAGE =
  /!\[([^[\]\\`<\n]*)\]\([ \t]*([^\s()<>\\`]+)(?:[ \t]+"([^"\\\n]*)")?[ \t]*\)/y;

/**
 * Rewrites untrusted Markdown so that images load only from allowed hosts. An image from any
 * other host becomes a link to its address (its text is the alt text), an image with a
 * relative path (nothing can serve it) becomes its alt text and path as text, and any other
 * `![` that could open an image (reference images, unusual syntax) loses its `!`.
 *
 * @remarks
 * The rewrite is fail-closed and runs on the text, so it holds for any CommonMark renderer: an
 * image can only start at a literal `![`, and the result has none except plain inline images
 * whose `http(s)` address, parsed as a URL, has an allowed host and no credentials. A `!` goes
 * with the whole run of `!` before its `[`, so removing it cannot make a new `![`, and the rest
 * of an image made a link is read again (its address may hold a `![`). It is one pass over the
 * text, in time linear in its length. Inside code, the same rewrite changes what is shown,
 * never what is loaded.
 *
 * @public
 */
export function restrictModelCardImages(
  markdown: string,
  options: RestrictModelCardImagesOptions,
): string {
  const allowed = new Set(
    options.allowedHosts
      .map(normalizeImageHost)
      .filter((h): h is string => h !== undefined),
  );
  const isAllowed = (destination: string): boolean => {
    // An entity before the query could decode to another host; after `?` it cannot.
    const query = destination.indexOf('?');
    if (destination.slice(0, query < 0 ? undefined : query).includes('&')) {
      return false;
    }
    const url = absoluteUrl(destination);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      return false;
    }
    if (url.username || url.password) return false;
    const host = hostOf(url);
    return host !== undefined && allowed.has(host);
  };

  let out = '';
  let from = 0;
  for (
    let at = markdown.indexOf('![', from);
    at >= 0;
    at = markdown.indexOf('![', from)
  ) {
    // The run of `!` this one ends, none of it written yet: each character is walked once.
    let run = at;
    while (run > from && markdown[run - 1] === '!') {
      run--;
    }
    out += markdown.slice(from, run);
    PLAIN_IMAGE.lastIndex = at;
    const match = PLAIN_IMAGE.exec(markdown);
    if (match && isAllowed(match[2])) {
      out += markdown.slice(run, at) + match[0];
      from = at + match[0].length;
    } else if (match && !absoluteUrl(match[2])) {
      const [whole, alt, destination] = match;
      out += `${markdown.slice(run, at)}${alt}${
        alt ? ' ' : ''
      }(\`${withoutImageOpeners(destination)}\`)`;
      from = at + whole.length;
    } else {
      // Not an image that may stay (one from another host becomes a link): the run of `!` is
      // dropped, and the rest is read on from its `[`, which no `!` now precedes.
      from = at + 1;
    }
  }
  return out + markdown.slice(from);
}

/** Drops every run of `!` that comes right before a `[`. */
function withoutImageOpeners(text: string): string {
  const parts = text.split('[');
  for (let i = 0; i < parts.length - 1; i++) {
    let end = parts[i].length;
    while (end > 0 && parts[i][end - 1] === '!') {
      end--;
    }
    parts[i] = parts[i].slice(0, end);
  }
  return parts.join('[');
}

function absoluteUrl(value: string): URL | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
