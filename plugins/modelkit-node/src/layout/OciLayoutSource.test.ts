import { mockServices } from '@backstage/backend-test-utils';
import { RegistryError } from '../registry/errors';
import { sha256Digest } from '../registry/digest';
import {
  buildTestContainerImage,
  buildTestImageIndex,
  buildTestModelKit,
  buildTestReferrer,
  TestArtifact,
} from '../testing';
import { OciLayoutSource } from './OciLayoutSource';
import {
  temporaryDirectory,
  writeTestLayout,
} from './__fixtures__/writeTestLayout';

const ATTESTATION = 'application/vnd.dev.sigstore.bundle.v0.3+json';

describe('OciLayoutSource', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let v1: TestArtifact;
  let v2: TestArtifact;
  let image: TestArtifact;
  let multi: TestArtifact;
  let attestation: TestArtifact;
  let source: OciLayoutSource;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    ({ dir, remove } = await temporaryDirectory());
    const kitfile = (version: string) => ({
      package: { name: 'sentiment', version },
      model: { path: 'model.safetensors', framework: 'transformers' },
      docs: [{ path: 'README.md' }],
    });
    v1 = await buildTestModelKit({
      kitfile: kitfile('1.0.0'),
      files: { 'model.safetensors': 'weights 1' },
    });
    v2 = await buildTestModelKit({
      kitfile: kitfile('2.0.0'),
      files: { 'model.safetensors': 'weights 2' },
    });
    image = await buildTestContainerImage();
    const arm = await buildTestContainerImage({ architecture: 'arm64' });
    multi = buildTestImageIndex([image, arm], {
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    attestation = buildTestReferrer({
      subject: v1.descriptor,
      artifactType: ATTESTATION,
      payload: '{"bundle":true}',
      payloadMediaType: ATTESTATION,
      annotations: { 'org.example.kind': 'provenance' },
    });
    await writeTestLayout(dir, [
      { artifact: v1, refName: 'registry.example.com/team/sentiment:v1' },
      { artifact: v2, refName: 'registry.example.com/team/sentiment:v2' },
      { artifact: v2, refName: 'team/sentiment:latest' },
      { artifact: image, refName: 'registry.example.com/team/sentiment:app' },
      { artifact: multi, refName: 'registry.example.com/apps/web:1.0' },
      { artifact: v1, refName: 'other.example.com/team/elsewhere:v1' },
      { artifact: attestation },
    ]);
    source = new OciLayoutSource({
      name: 'demo',
      path: dir,
      host: 'registry.example.com',
      logger,
    });
  });

  afterAll(() => remove());

  it('lists the repositories and tags of its host', async () => {
    expect(source.kind).toBe('oci-layout');
    expect(source.host).toBe('registry.example.com');
    await expect(source.listRepositories()).resolves.toEqual([
      'apps/web',
      'team/sentiment',
    ]);
    await expect(source.listTags('team/sentiment')).resolves.toEqual({
      repository: 'team/sentiment',
      tags: ['app', 'latest', 'v1', 'v2'],
      truncated: false,
    });
  });

  it('serves another host only through a source for that host', async () => {
    const other = new OciLayoutSource({
      name: 'other',
      path: dir,
      host: 'other.example.com',
    });
    // `team/sentiment:latest` names no host, so it is on the host of whichever source reads it.
    await expect(other.listRepositories()).resolves.toEqual([
      'team/elsewhere',
      'team/sentiment',
    ]);
    await expect(other.listTags('team/sentiment')).resolves.toMatchObject({
      tags: ['latest'],
    });
    const manifest = await other.getManifest('team/elsewhere', 'v1');
    expect(manifest.digest).toBe(v1.digest);
  });

  it('resolves tags and reads verified manifests by tag and digest', async () => {
    await expect(
      source.resolveTag('team/sentiment', 'latest'),
    ).resolves.toEqual({
      mediaType: v2.mediaType,
      digest: v2.digest,
      size: v2.size,
      annotations: { 'ml.kitops.modelkit.cli-version': '1.8.0' },
    });
    const byTag = await source.getManifest('team/sentiment', 'v1');
    expect(byTag).toMatchObject({
      source: 'demo',
      repository: 'team/sentiment',
      reference: 'v1',
      digest: v1.digest,
      kind: 'image',
      raw: v1.raw,
      size: v1.size,
    });
    expect(sha256Digest(byTag.raw)).toBe(v1.digest);
    const byDigest = await source.getManifest('team/sentiment', v2.digest);
    expect(byDigest.reference).toBe(v2.digest);
    expect(byDigest.kind === 'image' && byDigest.manifest.layers).toHaveLength(
      2,
    );
  });

  it('reads the manifests an index of the repository lists', async () => {
    const index = await source.getManifest('apps/web', '1.0');
    expect(index.kind).toBe('index');
    const child = await source.getManifest('apps/web', image.digest);
    expect(child.kind).toBe('image');
    // The child belongs to apps/web, not to team/sentiment.
    await expect(
      source.getManifest('team/sentiment', multi.digest),
    ).rejects.toMatchObject({ name: 'RegistryError', reason: 'not-found' });
  });

  it('reads blobs and verifies them against the descriptor', async () => {
    const manifest = await source.getManifest('team/sentiment', 'v1');
    if (manifest.kind !== 'image') {
      throw new Error('expected an image manifest');
    }
    const config = await source.getBlob(
      'team/sentiment',
      manifest.manifest.config,
    );
    expect(JSON.parse(config.toString()).package.version).toBe('1.0.0');
    await expect(
      source.getBlob('team/sentiment', {
        ...manifest.manifest.config,
        size: manifest.manifest.config.size + 1,
      }),
    ).rejects.toMatchObject({ reason: 'size-mismatch' });
    await expect(
      source.getBlob('team/sentiment', manifest.manifest.layers[0], {
        maxBytes: 10,
      }),
    ).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('finds referrers by their subject', async () => {
    const referrers = await source.getReferrers('team/sentiment', v1.digest);
    expect(referrers).toEqual({
      subject: v1.digest,
      via: 'layout',
      descriptors: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: attestation.digest,
          size: attestation.size,
          artifactType: ATTESTATION,
          annotations: { 'org.example.kind': 'provenance' },
        },
      ],
    });
    await expect(
      source.getReferrers('team/sentiment', v1.digest, {
        artifactType: 'application/spdx+json',
      }),
    ).resolves.toMatchObject({ descriptors: [] });
    await expect(
      source.getReferrers('team/sentiment', v2.digest),
    ).resolves.toMatchObject({ descriptors: [] });
  });

  it('names what is missing', async () => {
    const missing = await source
      .getManifest('team/absent', 'v1')
      .catch(error => error);
    expect(RegistryError.is(missing, 'not-found')).toBe(true);
    expect(missing.message).toBe(
      `Registry "demo" (registry.example.com), repository "team/absent": image layout: the image layout at ${dir} has no repository of this name on registry.example.com`,
    );
    await expect(source.getManifest('team/sentiment', 'v9')).rejects.toThrow(
      'Registry "demo" (registry.example.com), repository "team/sentiment", reference "v9": image layout: the layout has no such tag',
    );
    await expect(
      source.getBlob('team/sentiment', sha256Digest('not stored')),
    ).rejects.toThrow(
      `image layout: blobs/sha256/${sha256Digest('not stored').slice(
        7,
      )}: does not exist`,
    );
  });

  it('rejects malformed names before reading anything', async () => {
    await expect(source.listTags('Team/Sentiment')).rejects.toMatchObject({
      reason: 'invalid-argument',
    });
    await expect(
      source.getManifest('team/sentiment', 'v1/../../x'),
    ).rejects.toMatchObject({ reason: 'invalid-argument' });
  });
});
