import { mockServices } from '@backstage/backend-test-utils';
import {
  mkdir,
  mkdtemp,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Digest } from '../registry/digest';
import { RegistryError } from '../registry/errors';
import { buildTestModelKit, TestArtifact } from '../testing';
import { OciLayoutSource } from './OciLayoutSource';
import { indexJson, writeTestLayout } from './__fixtures__/writeTestLayout';

const HOST = 'registry.example.com';
const REF = `${HOST}/team/model:v1`;

describe('OciLayoutSource with hostile layouts', () => {
  let base: string;
  let modelKit: TestArtifact;
  let counter = 0;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'kitstage-hostile-'));
    modelKit = await buildTestModelKit({
      kitfile: {
        package: { name: 'model', version: '1.0.0' },
        model: { path: 'model.bin' },
      },
      files: { 'model.bin': 'weights' },
    });
  });

  afterAll(() => rm(base, { recursive: true, force: true }));

  /** A fresh copy of a valid layout holding the ModelKit as team/model:v1. */
  async function layout(): Promise<{ dir: string; source: OciLayoutSource }> {
    counter += 1;
    const dir = join(base, `layout-${counter}`);
    await writeTestLayout(dir, [{ artifact: modelKit, refName: REF }]);
    return {
      dir,
      source: new OciLayoutSource({
        name: 'hostile',
        path: dir,
        host: HOST,
        logger,
      }),
    };
  }

  function blobPath(dir: string, digest: string) {
    return join(dir, 'blobs', 'sha256', digest.slice(7));
  }

  async function failure(promise: Promise<unknown>): Promise<RegistryError> {
    const error = await promise.then(
      () => undefined,
      e => e,
    );
    if (!RegistryError.is(error)) {
      throw new Error(`expected a RegistryError, got ${String(error)}`);
    }
    return error;
  }

  it('reads the valid layout the other cases start from', async () => {
    const { source } = await layout();
    await expect(source.listTags('team/model')).resolves.toMatchObject({
      tags: ['v1'],
    });
  });

  describe('path traversal', () => {
    it('refuses an index.json whose digests are not digests', async () => {
      for (const digest of [
        'sha256:../../../../etc/passwd',
        'sha256:/etc/passwd',
        `sha256:${'a'.repeat(63)}/`,
        `SHA256:${'a'.repeat(64)}`,
        `md5:${'a'.repeat(32)}`,
      ]) {
        const { dir, source } = await layout();
        await writeFile(
          join(dir, 'index.json'),
          JSON.stringify({
            schemaVersion: 2,
            manifests: [
              {
                mediaType: 'application/vnd.oci.image.manifest.v1+json',
                digest,
                size: 10,
                annotations: { 'org.opencontainers.image.ref.name': REF },
              },
            ],
          }),
        );
        const error = await failure(source.listRepositories());
        expect(error.reason).toBe('invalid-response');
        expect(error.message).toBe(
          'Registry "hostile" (registry.example.com): image layout: index.json: manifests[0].digest: must be a sha256 or sha512 digest',
        );
      }
    });

    it('refuses traversal in digests and names given by callers', async () => {
      const { source } = await layout();
      for (const digest of [
        '../../../etc/passwd',
        'sha256:../../etc/passwd',
        `sha256:${'0'.repeat(62)}/..`,
        `sha256/${'0'.repeat(64)}`,
      ]) {
        await expect(
          failure(source.getBlob('team/model', digest)),
        ).resolves.toMatchObject({ reason: 'invalid-argument' });
        await expect(
          failure(source.getReferrers('team/model', digest)),
        ).resolves.toMatchObject({ reason: 'invalid-argument' });
      }
      await expect(
        failure(source.getManifest('team/model', '../index.json')),
      ).resolves.toMatchObject({ reason: 'invalid-argument' });
      await expect(
        failure(source.listTags('../../etc')),
      ).resolves.toMatchObject({ reason: 'invalid-argument' });
    });

    it('leaves out reference names that are not references, saying why', async () => {
      const { dir, source } = await layout();
      await writeFile(
        join(dir, 'index.json'),
        indexJson([
          { artifact: modelKit, refName: `${HOST}/../../etc:passwd` },
          { artifact: modelKit, refName: `${HOST}/team/model:v1` },
        ]),
      );
      await expect(source.listRepositories()).resolves.toEqual(['team/model']);
      expect(logger.warn).toHaveBeenCalledWith(
        `Image layout "hostile": index.json manifests[0]: the reference name "${HOST}/../../etc:passwd" is neither a tag nor a [host/]repository:tag reference`,
      );
    });
  });

  describe('symbolic links', () => {
    it('refuses a blob that is a link, even to a file with the right content', async () => {
      const { dir, source } = await layout();
      const config = modelKit.blobs[0];
      const digest = sha256Digest(config);
      const outside = join(base, `outside-${counter}`);
      await writeFile(outside, config);
      await rm(blobPath(dir, digest));
      await symlink(outside, blobPath(dir, digest));
      const error = await failure(source.getBlob('team/model', digest));
      expect(error.reason).toBe('invalid-response');
      expect(error.message).toContain(
        `image layout: blobs/sha256/${digest.slice(
          7,
        )}: is a symbolic link; image layouts are read without following links`,
      );
    });

    it('refuses a manifest that is a link', async () => {
      const { dir, source } = await layout();
      const outside = join(base, `manifest-${counter}`);
      await writeFile(outside, modelKit.raw);
      await rm(blobPath(dir, modelKit.digest));
      await symlink(outside, blobPath(dir, modelKit.digest));
      await expect(
        failure(source.getManifest('team/model', 'v1')),
      ).resolves.toMatchObject({
        reason: 'invalid-response',
        message: expect.stringContaining('is a symbolic link'),
      });
    });

    it('refuses linked blob directories', async () => {
      for (const linked of [['blobs'], ['blobs', 'sha256']]) {
        const { dir, source } = await layout();
        const real = join(base, `real-${counter}`);
        await rename(join(dir, ...linked), real);
        await symlink(real, join(dir, ...linked));
        const error = await failure(source.getManifest('team/model', 'v1'));
        expect(error.message).toContain(
          `image layout: ${linked.join('/')}: is a symbolic link`,
        );
      }
    });

    it('refuses a linked index.json or oci-layout', async () => {
      for (const file of ['index.json', 'oci-layout']) {
        const { dir, source } = await layout();
        const real = join(base, `${file}-${counter}`);
        await rename(join(dir, file), real);
        await symlink(real, join(dir, file));
        const error = await failure(source.listRepositories());
        expect(error.message).toBe(
          `Registry "hostile" (registry.example.com): image layout: ${file}: is a symbolic link or special file; image layouts are read without following links`,
        );
      }
    });
  });

  describe('malformed files', () => {
    it.each([
      ['not JSON', '{"schemaVersion": 2,', /^index\.json: is not valid JSON/],
      [
        'the wrong schema version',
        '{"schemaVersion": 1, "manifests": []}',
        /^index\.json: schemaVersion: /,
      ],
      [
        'no manifests array',
        '{"schemaVersion": 2, "manifests": {}}',
        /^index\.json: manifests: /,
      ],
      [
        'a negative size',
        JSON.stringify({
          schemaVersion: 2,
          manifests: [
            {
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              digest: sha256Digest('x'),
              size: -1,
            },
          ],
        }),
        /^index\.json: manifests\[0\]\.size: /,
      ],
      [
        'invalid UTF-8',
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
        /^index\.json: is not valid JSON/,
      ],
    ])('names index.json when it has %s', async (_what, content, message) => {
      const { dir, source } = await layout();
      await writeFile(join(dir, 'index.json'), content);
      const error = await failure(source.listTags('team/model'));
      expect(error.reason).toBe('invalid-response');
      expect(error.message.split('image layout: ')[1]).toMatch(message);
    });

    it('needs oci-layout next to index.json, with a 1.x version', async () => {
      const { dir, source } = await layout();
      await rm(join(dir, 'oci-layout'));
      await expect(source.listRepositories()).rejects.toThrow(
        'image layout: oci-layout: does not exist; an OCI image layout has it next to index.json',
      );
      await writeFile(
        join(dir, 'oci-layout'),
        JSON.stringify({ imageLayoutVersion: '2.0.0' }),
      );
      await expect(source.listRepositories()).rejects.toThrow(
        'image layout: oci-layout: imageLayoutVersion: must be a 1.x version such as "1.0.0"',
      );
    });

    it('says so when the directory is not a layout at all', async () => {
      const empty = join(base, `empty-${++counter}`);
      await mkdir(empty);
      const source = new OciLayoutSource({
        name: 'empty',
        path: empty,
        host: HOST,
      });
      await expect(source.listRepositories()).rejects.toThrow(
        'index.json: does not exist; the directory is not an OCI image layout',
      );
      const absent = new OciLayoutSource({
        name: 'absent',
        path: join(base, 'no-such-dir'),
        host: HOST,
      });
      await expect(failure(absent.listRepositories())).resolves.toMatchObject({
        reason: 'not-found',
        message: expect.stringContaining('the layout directory does not exist'),
      });
    });

    it('refuses a blob that is a directory', async () => {
      const { dir, source } = await layout();
      const digest = sha256Digest(modelKit.blobs[0]);
      await rm(blobPath(dir, digest));
      await mkdir(blobPath(dir, digest));
      await expect(source.getBlob('team/model', digest)).rejects.toThrow(
        `blobs/sha256/${digest.slice(7)}: is not a regular file`,
      );
    });

    it('reads a fixed index again instead of keeping the error', async () => {
      const { dir, source } = await layout();
      const good = indexJson([{ artifact: modelKit, refName: REF }]);
      await writeFile(join(dir, 'index.json'), '[');
      await expect(source.listRepositories()).rejects.toThrow(
        'is not valid JSON',
      );
      await writeFile(join(dir, 'index.json'), good);
      await expect(source.listRepositories()).resolves.toEqual(['team/model']);
    });
  });

  describe('content that does not match its digest', () => {
    it('refuses a tampered manifest', async () => {
      const { dir, source } = await layout();
      await writeFile(
        blobPath(dir, modelKit.digest),
        modelKit.raw.replace('1.8.0', '6.6.6'),
      );
      const error = await failure(source.getManifest('team/model', 'v1'));
      expect(error.reason).toBe('digest-mismatch');
      expect(error.message).toContain(
        `image layout: blobs/sha256/${modelKit.digest.slice(
          7,
        )}: the file hashes to sha256:`,
      );
      expect(error.message).toContain('not to the digest it is stored under');
    });

    it('refuses a tampered blob of the right size', async () => {
      const { dir, source } = await layout();
      const config = modelKit.blobs[0];
      const digest = sha256Digest(config);
      const tampered = Buffer.from(config);
      tampered[tampered.length - 2] ^= 1;
      await writeFile(blobPath(dir, digest), tampered);
      await expect(
        failure(
          source.getBlob('team/model', {
            mediaType: 'x',
            digest,
            size: config.length,
          }),
        ),
      ).resolves.toMatchObject({ reason: 'digest-mismatch' });
    });

    it('refuses a manifest whose size differs from its descriptor', async () => {
      const { dir, source } = await layout();
      await writeFile(
        join(dir, 'index.json'),
        JSON.stringify({
          schemaVersion: 2,
          manifests: [
            {
              ...modelKit.descriptor,
              size: modelKit.size + 5,
              annotations: { 'org.opencontainers.image.ref.name': REF },
            },
          ],
        }),
      );
      await expect(
        failure(source.getManifest('team/model', 'v1')),
      ).resolves.toMatchObject({ reason: 'size-mismatch' });
    });
  });

  describe('size caps', () => {
    it('refuses a huge blob without reading it', async () => {
      const { dir, source } = await layout();
      const huge = Buffer.alloc(5 * 1024 * 1024, 'a');
      const digest = sha256Digest(huge);
      await writeFile(blobPath(dir, digest), huge);
      const byDigest = await failure(source.getBlob('team/model', digest));
      expect(byDigest.reason).toBe('too-large');
      expect(byDigest.message).toContain(
        `blobs/sha256/${digest.slice(
          7,
        )}: is 5242880 bytes, more than the 1048576 allowed`,
      );
      await expect(
        failure(
          source.getBlob('team/model', {
            mediaType: 'application/octet-stream',
            digest,
            size: huge.length,
          }),
        ),
      ).resolves.toMatchObject({
        reason: 'too-large',
        message: expect.stringContaining(
          'the blob is 5242880 bytes, more than the 1048576 allowed',
        ),
      });
      await expect(
        source.getBlob('team/model', digest, { maxBytes: huge.length }),
      ).resolves.toHaveLength(huge.length);
    });

    it('caps manifests and index files', async () => {
      const { dir } = await layout();
      const small = new OciLayoutSource({
        name: 'small',
        path: dir,
        host: HOST,
        limits: { maxManifestBytes: 100 },
      });
      await expect(
        failure(small.getManifest('team/model', 'v1')),
      ).resolves.toMatchObject({ reason: 'too-large' });
      const tinyIndex = new OciLayoutSource({
        name: 'tiny',
        path: dir,
        host: HOST,
        limits: { maxIndexBytes: 64 },
      });
      await expect(tinyIndex.listRepositories()).rejects.toThrow(
        /image layout: index\.json: is \d+ bytes, more than the 64 allowed/,
      );
    });
  });
});
