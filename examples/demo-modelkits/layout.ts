/**
 * A small, deterministic OCI image layout writer: content-addressed blobs, tar layers with fixed
 * headers, gzip made of stored deflate blocks (so the bytes never depend on the zlib version),
 * and an `index.json` whose reference names are `<host>/<repository>:<tag>`.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

export const MediaTypes = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  kitopsConfig: 'application/vnd.kitops.modelkit.config.v1+json',
} as const;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** One file or directory of a tar layer. Directories end with `/`. */
export interface TarEntry {
  name: string;
  content?: Buffer;
}

/**
 * Writes a POSIX ustar archive with the fixed metadata `kit pack` uses for reproducible
 * layers: uid 1000, gid 0, no user or group names, and a zero modification time.
 */
export function tar(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of [...entries].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    const directory = entry.name.endsWith('/');
    const content = directory
      ? Buffer.alloc(0)
      : entry.content ?? Buffer.alloc(0);
    if (Buffer.byteLength(entry.name) > 100) {
      throw new Error(`tar entry name too long for ustar: ${entry.name}`);
    }
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100, 'utf8');
    header.write(directory ? '0000755\0' : '0000644\0', 100, 8, 'ascii');
    header.write('0001750\0', 108, 8, 'ascii'); // uid 1000
    header.write('0000000\0', 116, 8, 'ascii'); // gid 0
    header.write(
      `${content.length.toString(8).padStart(11, '0')}\0`,
      124,
      12,
      'ascii',
    );
    header.write('00000000000\0', 136, 12, 'ascii'); // mtime 0
    header.write('        ', 148, 8, 'ascii');
    header.write(directory ? '5' : '0', 156, 1, 'ascii');
    header.write('ustar\0', 257, 6, 'ascii');
    header.write('00', 263, 2, 'ascii');
    let checksum = 0;
    for (const byte of header) {
      checksum += byte;
    }
    header.write(
      `${checksum.toString(8).padStart(6, '0')}\0 `,
      148,
      8,
      'ascii',
    );
    blocks.push(header, content);
    const padding = (512 - (content.length % 512)) % 512;
    blocks.push(Buffer.alloc(padding));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/**
 * Gzips data with stored (uncompressed) deflate blocks: a valid gzip stream whose bytes depend
 * only on the input, with mtime 0 and the Unix OS code.
 */
export function gzipStored(data: Buffer): Buffer {
  const parts: Buffer[] = [
    Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]),
  ];
  const max = 0xffff;
  let offset = 0;
  do {
    const chunk = data.subarray(offset, offset + max);
    offset += chunk.length;
    const final = offset >= data.length;
    const head = Buffer.alloc(5);
    head[0] = final ? 1 : 0;
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    parts.push(head, chunk);
  } while (offset < data.length);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data) >>> 0, 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  parts.push(trailer);
  return Buffer.concat(parts);
}

/** Every directory above a path, then the path itself: the entries `kit pack` writes. */
export function entriesFor(path: string, content: Buffer): TarEntry[] {
  const parts = path.split('/');
  const entries: TarEntry[] = [];
  for (let i = 1; i < parts.length; i++) {
    entries.push({ name: `${parts.slice(0, i).join('/')}/` });
  }
  entries.push({ name: path, content });
  return entries;
}

/** A manifest ready to store, with its blobs. */
export interface Artifact {
  descriptor: Descriptor;
  raw: Buffer;
  blobs: Buffer[];
}

/** Serialises a manifest and describes it. */
export function manifestArtifact(
  manifest: Record<string, unknown>,
  blobs: Buffer[],
): Artifact {
  const raw = Buffer.from(JSON.stringify(manifest));
  const descriptor: Descriptor = {
    mediaType: String(manifest.mediaType ?? MediaTypes.manifest),
    digest: sha256(raw),
    size: raw.length,
  };
  if (typeof manifest.artifactType === 'string') {
    descriptor.artifactType = manifest.artifactType;
  }
  return { descriptor, raw, blobs };
}

/**
 * Collects artifacts and writes them as an OCI image layout. Tagged artifacts get one
 * `index.json` entry per tag; untagged ones (such as attestations that refer to a ModelKit
 * through their `subject`) get an entry without a reference name.
 */
export class LayoutWriter {
  readonly #blobs = new Map<string, Buffer>();
  readonly #entries: Array<{ sort: string; descriptor: Descriptor }> = [];
  #sequence = 0;

  constructor(readonly host: string) {}

  /** Adds an artifact under `<host>/<repository>:<tag>` for each tag. */
  add(repository: string, tags: string[], artifact: Artifact): Descriptor {
    this.#store(artifact);
    tags.forEach(tag => {
      this.#sequence += 1;
      this.#entries.push({
        sort: `${repository}\u0000${String(this.#sequence).padStart(6, '0')}`,
        descriptor: {
          ...artifact.descriptor,
          annotations: {
            'org.opencontainers.image.ref.name': `${this.host}/${repository}:${tag}`,
          },
        },
      });
    });
    return artifact.descriptor;
  }

  /** Adds an artifact that no tag names, such as a referrer. */
  addUntagged(artifact: Artifact): Descriptor {
    this.#store(artifact);
    this.#entries.push({
      sort: `\uffff${artifact.descriptor.digest}`,
      descriptor: artifact.descriptor,
    });
    return artifact.descriptor;
  }

  async write(dir: string): Promise<{ files: number; bytes: number }> {
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
    let bytes = 0;
    const digests = [...this.#blobs.keys()].sort();
    for (const digest of digests) {
      const data = this.#blobs.get(digest)!;
      bytes += data.length;
      await writeFile(join(dir, 'blobs', 'sha256', digest.slice(7)), data);
    }
    const layoutFile = `${JSON.stringify({ imageLayoutVersion: '1.0.0' })}\n`;
    const index = `${JSON.stringify(
      {
        schemaVersion: 2,
        mediaType: MediaTypes.index,
        manifests: [...this.#entries]
          .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
          .map(e => e.descriptor),
      },
      null,
      2,
    )}\n`;
    await writeFile(join(dir, 'oci-layout'), layoutFile);
    await writeFile(join(dir, 'index.json'), index);
    bytes += layoutFile.length + Buffer.byteLength(index);
    return { files: digests.length + 2, bytes };
  }

  #store(artifact: Artifact) {
    for (const blob of [...artifact.blobs, artifact.raw]) {
      this.#blobs.set(sha256(blob), blob);
    }
  }
}
