import { InputError } from '@backstage/errors';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  indexJson,
  temporaryDirectory,
  TestLayoutEntry,
  writeTestLayout,
} from '../layout/__fixtures__/writeTestLayout';
import { OciLayoutSource } from '../layout/OciLayoutSource';
import { buildTestModelKit, TestArtifact } from '../testing';
import { listModelKitVersions } from './listModelKitVersions';

const HOST = 'registry.example.com';
const REPO = 'team/model';

describe('listModelKitVersions pagination and order', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let entries: TestLayoutEntry[];
  const byVersion = new Map<string, TestArtifact>();

  async function modelKit(version: string, created?: string) {
    const artifact = await buildTestModelKit({
      kitfile: {
        package: { name: 'model', version },
        model: { path: 'm.bin' },
      },
      files: { 'm.bin': `weights ${version}` },
      annotations: created
        ? { 'org.opencontainers.image.created': created }
        : {},
    });
    byVersion.set(version, artifact);
    return artifact;
  }

  function source() {
    return new OciLayoutSource({
      name: 'layout',
      path: dir,
      host: HOST,
      refreshIntervalMs: 0,
    });
  }

  beforeAll(async () => {
    ({ dir, remove } = await temporaryDirectory());
    const tag = (artifact: TestArtifact, name: string) => ({
      artifact,
      refName: `${HOST}/${REPO}:${name}`,
    });
    const m = {
      '1.0.0': await modelKit('1.0.0', '2026-01-01T00:00:00Z'),
      '1.1.0': await modelKit('1.1.0', '2026-02-01T00:00:00Z'),
      '1.2.0': await modelKit('1.2.0', '2026-03-01T00:00:00Z'),
      '2.0.0': await modelKit('2.0.0', '2026-04-01T00:00:00Z'),
      '2.1.0-rc.1': await modelKit('2.1.0-rc.1', '2026-04-15T00:00:00Z'),
      // No creation time: after every version that has one, highest version first.
      '0.9.0': await modelKit('0.9.0'),
      '0.10.0': await modelKit('0.10.0'),
    };
    entries = [
      tag(m['1.0.0'], 'v1.0.0'),
      tag(m['1.1.0'], 'v1.1.0'),
      tag(m['1.2.0'], 'v1.2.0'),
      tag(m['1.2.0'], 'stable'),
      tag(m['2.0.0'], 'v2.0.0'),
      tag(m['2.0.0'], 'latest'),
      tag(m['2.1.0-rc.1'], 'v2.1.0-rc.1'),
      tag(m['0.9.0'], 'v0.9.0'),
      tag(m['0.10.0'], 'v0.10.0'),
    ];
    await writeTestLayout(dir, entries);
  });

  afterAll(() => remove());

  it('orders versions newest first and their tags newest-looking first', async () => {
    const list = await listModelKitVersions(source(), REPO);
    expect(list.items.map(i => i.tags)).toEqual([
      ['v2.1.0-rc.1'],
      ['latest', 'v2.0.0'],
      ['v1.2.0', 'stable'],
      ['v1.1.0'],
      ['v1.0.0'],
      ['v0.10.0'],
      ['v0.9.0'],
    ]);
    expect(list.items[1]).toEqual({
      digest: byVersion.get('2.0.0')!.digest,
      tags: ['latest', 'v2.0.0'],
      created: '2026-04-01T00:00:00.000Z',
      size: expect.any(Number),
      version: '2.0.0',
    });
    expect(list.nextCursor).toBeUndefined();
    expect(list.skipped).toEqual([]);
  });

  it('pages with an opaque cursor that covers every version once', async () => {
    const all = (await listModelKitVersions(source(), REPO)).items.map(
      i => i.digest,
    );
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listModelKitVersions(source(), REPO, {
        limit: 3,
        cursor,
      });
      pageSizes.push(page.items.length);
      seen.push(...page.items.map(i => i.digest));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(all);
  });

  it('continues after the last version of a page when a newer version appears', async () => {
    const first = await listModelKitVersions(source(), REPO, { limit: 3 });
    const newer = await modelKit('3.0.0', '2026-05-01T00:00:00Z');
    await writeTestLayout(dir, [
      ...entries,
      { artifact: newer, refName: `${HOST}/${REPO}:v3.0.0` },
    ]);
    try {
      const second = await listModelKitVersions(source(), REPO, {
        limit: 3,
        cursor: first.nextCursor,
      });
      expect(second.items.map(i => i.tags[0])).toEqual([
        'v1.1.0',
        'v1.0.0',
        'v0.10.0',
      ]);

      // When the last version of the page is gone, the page starts after where it was.
      await writeFile(
        join(dir, 'index.json'),
        indexJson(
          entries.filter(
            e =>
              !e.refName!.endsWith(':v1.2.0') &&
              !e.refName!.endsWith(':stable'),
          ),
        ),
      );
      const afterRemoval = await listModelKitVersions(source(), REPO, {
        limit: 3,
        cursor: first.nextCursor,
      });
      expect(afterRemoval.items.map(i => i.tags[0])).toEqual([
        'v1.1.0',
        'v1.0.0',
        'v0.10.0',
      ]);
    } finally {
      await writeFile(join(dir, 'index.json'), indexJson(entries));
    }
  });

  it.each([
    ['not base64url!', 'cursor is not valid'],
    [Buffer.from('not json').toString('base64url'), 'cursor is not valid'],
    [
      Buffer.from('{"c":"2026-01-01"}').toString('base64url'),
      'cursor is not valid',
    ],
    [
      Buffer.from('{"d":"sha256:../x"}').toString('base64url'),
      'cursor is not valid',
    ],
    [
      Buffer.from(
        JSON.stringify({ d: `sha256:${'a'.repeat(64)}`, s: 'x;rm' }),
      ).toString('base64url'),
      'cursor is not valid',
    ],
    ['a'.repeat(600), 'cursor is not valid'],
  ])('refuses the cursor %j', async (cursor, message) => {
    const error = await listModelKitVersions(source(), REPO, { cursor }).catch(
      e => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'cursor is not valid; pass the nextCursor of a previous page unchanged',
    );
    expect(error.message).toContain(message);
  });

  it.each([0, 101, 2.5, Number.NaN])('refuses the limit %p', async limit => {
    await expect(
      listModelKitVersions(source(), REPO, { limit }),
    ).rejects.toThrow(/^limit must be an integer from 1 to 100, got /);
  });
});
