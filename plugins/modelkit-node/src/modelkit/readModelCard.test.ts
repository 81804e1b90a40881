import { gzipSync, zstdCompressSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { findModelCardInLayer, ModelCardLayerError } from './readModelCard';

async function tarOf(
  entries: Array<{
    name: string;
    content?: string | Buffer;
    type?: 'file' | 'symlink' | 'directory';
    linkname?: string;
  }>,
): Promise<Buffer> {
  const archive = pack();
  for (const entry of entries) {
    if (entry.type === 'symlink' || entry.type === 'directory') {
      archive.entry({
        name: entry.name,
        type: entry.type,
        linkname: entry.linkname,
      });
    } else {
      archive.entry({ name: entry.name }, entry.content ?? '');
    }
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('findModelCardInLayer', () => {
  it('reads README.md from a gzip docs layer', async () => {
    const layer = gzipSync(
      await tarOf([
        { name: 'docs/', type: 'directory' },
        { name: 'docs/notes.txt', content: 'x' },
        { name: 'docs/README.md', content: '# Sentiment\n\nHello' },
      ]),
    );
    await expect(findModelCardInLayer(layer)).resolves.toEqual({
      file: {
        path: 'docs/README.md',
        markdown: '# Sentiment\n\nHello',
        truncated: false,
        size: 18,
      },
      unsafeNames: [],
    });
  });

  it('prefers MODEL_CARD.md over model-card.md over README.md, any case, then the shallowest', async () => {
    const layer = await tarOf([
      { name: 'readme.MD', content: 'readme' },
      { name: 'deep/Model-Card.md', content: 'deep card' },
      { name: 'model-card.md', content: 'card' },
      { name: 'a/b/MODEL_CARD.md', content: 'deep model card' },
      { name: 'x/MODEL_CARD.MD', content: 'model card' },
    ]);
    const result = await findModelCardInLayer(layer);
    expect(result.file?.path).toBe('x/MODEL_CARD.MD');
    expect(result.file?.markdown).toBe('model card');
  });

  it('reads plain and zstd tar layers', async () => {
    const tar = await tarOf([{ name: 'README.md', content: 'plain' }]);
    expect((await findModelCardInLayer(tar)).file?.markdown).toBe('plain');
    expect(
      (await findModelCardInLayer(zstdCompressSync(tar))).file?.markdown,
    ).toBe('plain');
  });

  it('keeps the beginning of a huge README and says it was truncated', async () => {
    const huge = `# Big\n${'é'.repeat(400_000)}`;
    const layer = gzipSync(await tarOf([{ name: 'README.md', content: huge }]));
    const result = await findModelCardInLayer(layer, { maxBytes: 1001 });
    expect(result.file?.truncated).toBe(true);
    expect(result.file?.size).toBe(Buffer.byteLength(huge));
    expect(Buffer.byteLength(result.file!.markdown)).toBeLessThanOrEqual(1001);
    expect(result.file?.markdown.startsWith('# Big\né')).toBe(true);
    expect(result.file?.markdown).not.toContain('\uFFFD');
  });

  it('skips entries with path traversal, absolute or backslash names and links', async () => {
    const layer = await tarOf([
      { name: '../../etc/README.md', content: 'escape' },
      { name: '/abs/README.md', content: 'absolute' },
      { name: 'docs\\README.md', content: 'backslash' },
      { name: 'README.md', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'docs/../../model-card.md', content: 'sneaky' },
      { name: 'ok/readme.md', content: 'safe' },
    ]);
    const result = await findModelCardInLayer(layer);
    expect(result.file).toMatchObject({
      path: 'ok/readme.md',
      markdown: 'safe',
    });
    expect(result.unsafeNames).toEqual([
      '../../etc/README.md',
      '/abs/README.md',
      'docs\\README.md',
      'docs/../../model-card.md',
    ]);
  });

  it('rejects bytes that are not a tar archive with a clear error', async () => {
    const junk = Buffer.alloc(4096, 'not a tar archive ');
    await expect(findModelCardInLayer(junk)).rejects.toThrow(
      ModelCardLayerError,
    );
    await expect(findModelCardInLayer(junk)).rejects.toThrow(
      /^the docs layer is not a tar archive/,
    );
    const badGzip = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0]),
      Buffer.alloc(100, 7),
    ]);
    await expect(findModelCardInLayer(badGzip)).rejects.toThrow(
      /^the docs layer is not valid compressed data/,
    );
  });

  it('stops at the unpacked size and entry caps (a gzip bomb)', async () => {
    const bomb = gzipSync(
      await tarOf([
        { name: 'big.bin', content: Buffer.alloc(8 * 1024 * 1024) },
        { name: 'README.md', content: 'late' },
      ]),
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(
      findModelCardInLayer(bomb, { maxUnpackedBytes: 1024 * 1024 }),
    ).rejects.toThrow('the docs layer unpacks to more than 1048576 bytes');
    const many = await tarOf(
      Array.from({ length: 30 }, (_, i) => ({
        name: `f${i}.txt`,
        content: 'x',
      })),
    );
    await expect(
      findModelCardInLayer(many, { maxEntries: 10 }),
    ).rejects.toThrow('the docs layer has more than 10 entries');
  });

  it('finds nothing in a layer without a model card', async () => {
    const layer = await tarOf([{ name: 'guide.md', content: '# Guide' }]);
    await expect(findModelCardInLayer(layer)).resolves.toEqual({
      unsafeNames: [],
    });
  });
});
