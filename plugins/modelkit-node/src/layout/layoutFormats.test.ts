import { mockServices } from '@backstage/backend-test-utils';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTestModelKit, TestArtifact } from '../testing';
import { OciLayoutSource } from './OciLayoutSource';
import {
  indexJson,
  temporaryDirectory,
  writeBlobs,
  writeTestLayout,
} from './__fixtures__/writeTestLayout';

/** The file name prefix KitOps derives from `<registry>/<repository>`. */
function kitName(repository: string): string {
  return Buffer.from(repository).toString('base64url');
}

describe('OciLayoutSource layout formats', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let v1: TestArtifact;
  let v2: TestArtifact;

  beforeAll(async () => {
    ({ dir, remove } = await temporaryDirectory());
    const make = (version: string) =>
      buildTestModelKit({
        kitfile: { package: { name: 'm', version }, model: { path: 'm.bin' } },
        files: { 'm.bin': `weights ${version}` },
      });
    v1 = await make('1.0.0');
    v2 = await make('2.0.0');
  });

  afterAll(() => remove());

  it('reads bare tags as tags of the configured repository (skopeo oci:<dir>:<tag>)', async () => {
    const path = join(dir, 'bare');
    await writeTestLayout(path, [
      { artifact: v1, refName: 'v1.0.0' },
      { artifact: v2, refName: 'latest' },
    ]);
    const source = new OciLayoutSource({
      name: 'bare',
      path,
      host: 'models.example.com',
      repository: 'team/model',
    });
    await expect(source.listRepositories()).resolves.toEqual(['team/model']);
    await expect(source.listTags('team/model')).resolves.toMatchObject({
      tags: ['latest', 'v1.0.0'],
    });

    const logger = mockServices.logger.mock();
    const unconfigured = new OciLayoutSource({ name: 'bare2', path, logger });
    await expect(unconfigured.listRepositories()).resolves.toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      `Image layout "bare2": index.json manifests[0]: the reference name "v1.0.0" is a bare tag; set the entry's repository to say which repository it belongs to`,
    );
  });

  it('reads the local storage of the KitOps CLI: per-repository index and tag files', async () => {
    const path = join(dir, 'kit-storage');
    await writeBlobs(path, [v1, v2]);
    await writeFile(
      join(path, 'oci-layout'),
      JSON.stringify({ imageLayoutVersion: '1.0.0' }),
    );
    // The shared index lists manifests without names; the repository files say whose they are.
    await writeFile(
      join(path, 'index.json'),
      indexJson([{ artifact: v1 }, { artifact: v2 }]),
    );
    for (const [repository, artifacts, tags] of [
      ['localhost/my-model', [v1, v2], { '1.0.0': v1, latest: v2 }],
      ['jozu.ml/jozu/other', [v1], { v1: v1 }],
    ] as const) {
      await writeFile(
        join(path, `${kitName(repository)}-index.json`),
        indexJson(artifacts.map(artifact => ({ artifact }))),
      );
      await writeFile(
        join(path, `${kitName(repository)}-tags.json`),
        JSON.stringify(
          Object.fromEntries(
            Object.entries(tags).map(([tag, a]) => [tag, a.descriptor]),
          ),
        ),
      );
    }

    const local = new OciLayoutSource({ name: 'kit', path });
    expect(local.host).toBe('localhost');
    await expect(local.listRepositories()).resolves.toEqual(['my-model']);
    await expect(local.listTags('my-model')).resolves.toMatchObject({
      tags: ['1.0.0', 'latest'],
    });
    await expect(
      local.getManifest('my-model', 'latest'),
    ).resolves.toMatchObject({
      digest: v2.digest,
    });
    await expect(
      local.getManifest('my-model', v1.digest),
    ).resolves.toMatchObject({
      digest: v1.digest,
    });

    const jozu = new OciLayoutSource({ name: 'jozu', path, host: 'jozu.ml' });
    await expect(jozu.listRepositories()).resolves.toEqual(['jozu/other']);
    await expect(jozu.resolveTag('jozu/other', 'v1')).resolves.toMatchObject({
      digest: v1.digest,
    });
  });

  it('reads nested per-repository layouts, as older KitOps versions kept them', async () => {
    const path = join(dir, 'nested');
    const repoDir = join(path, 'registry.example.com', 'team', 'legacy');
    await mkdir(repoDir, { recursive: true });
    await writeTestLayout(repoDir, [
      { artifact: v1, refName: 'v1' },
      { artifact: v2, refName: 'v2' },
    ]);
    const source = new OciLayoutSource({
      name: 'nested',
      path,
      host: 'registry.example.com',
    });
    await expect(source.listRepositories()).resolves.toEqual(['team/legacy']);
    const manifest = await source.getManifest('team/legacy', 'v2');
    expect(manifest.digest).toBe(v2.digest);
    if (manifest.kind !== 'image') {
      throw new Error('expected an image manifest');
    }
    // Blobs come from the nested layout's own blobs directory.
    const config = await source.getBlob(
      'team/legacy',
      manifest.manifest.config,
    );
    expect(JSON.parse(config.toString()).package.version).toBe('2.0.0');
  });
});
