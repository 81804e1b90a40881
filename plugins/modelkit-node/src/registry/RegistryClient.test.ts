import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  buildTestContainerImage,
  buildTestImageIndex,
  buildTestManifest,
  buildTestModelKit,
  buildTestReferrer,
  buildTestReferrersIndex,
  startTestRegistry,
  TestArtifact,
  TestModelKitMediaTypes,
  TestRegistry,
} from '../testing';
import { referrersTagFor } from './digest';
import { RegistryError } from './errors';
import { OciMediaTypes } from './manifest';
import {
  createRegistryService,
  StandaloneRegistryService,
} from './RegistryService';
import { OciSource } from './types';

const run = promisify(execFile);

jest.setTimeout(60_000);

const ATTESTATION_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const SBOM_TYPE = 'application/spdx+json';

describe('RegistryClient against docker-registry', () => {
  let open: TestRegistry;
  let secure: TestRegistry;
  let sentimentV1: TestArtifact;
  let sentimentV2: TestArtifact;
  let pack: TestArtifact;
  let image: TestArtifact;
  let dockerImage: TestArtifact;
  let dockerList: TestArtifact;
  let attestation: TestArtifact;
  let sbom: TestArtifact;
  let noMediaType: TestArtifact;
  const services: StandaloneRegistryService[] = [];
  const logger = mockServices.rootLogger({ level: 'none' });

  function service(entries: JsonObject[]): StandaloneRegistryService {
    const created = createRegistryService({
      config: new ConfigReader({ kitstage: { registries: entries } }),
      logger,
    });
    services.push(created);
    return created;
  }

  beforeAll(async () => {
    [open, secure] = await Promise.all([
      startTestRegistry(),
      startTestRegistry({ auth: 'htpasswd' }),
    ]);
    const kitfile = (version: string) => ({
      package: {
        name: 'support-sentiment',
        version,
        description: 'Classifies support tickets by sentiment',
        license: 'Apache-2.0',
      },
      model: {
        name: 'support-sentiment',
        path: 'model.safetensors',
        framework: 'transformers',
        parts: [{ path: 'tokenizer.json' }],
      },
      datasets: [{ name: 'tickets', path: 'data/tickets.csv' }],
      code: [{ path: 'train.py' }],
      docs: [{ path: 'README.md' }],
    });
    sentimentV1 = await buildTestModelKit({
      kitfile: kitfile('1.0.0'),
      files: { 'model.safetensors': 'weights v1' },
    });
    sentimentV2 = await buildTestModelKit({
      kitfile: kitfile('2.0.0'),
      files: { 'model.safetensors': 'weights v2' },
    });
    pack = await buildTestModelKit({
      kitfile: {
        package: { name: 'sentiment-pack', version: '1.0.0' },
        model: { path: 'model.gguf', format: 'gguf' },
      },
      format: 'modelpack',
    });
    image = await buildTestContainerImage();
    dockerImage = await buildTestContainerImage({ docker: true });
    const armImage = await buildTestContainerImage({
      docker: true,
      architecture: 'arm64',
      files: { 'app/hello.txt': 'hello arm\n' },
    });
    dockerList = buildTestImageIndex([dockerImage, armImage], {
      docker: true,
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    attestation = buildTestReferrer({
      subject: sentimentV1.descriptor,
      artifactType: ATTESTATION_TYPE,
      payload: '{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}',
      payloadMediaType: ATTESTATION_TYPE,
    });
    sbom = buildTestReferrer({
      subject: sentimentV1.descriptor,
      artifactType: SBOM_TYPE,
      payload: '{"spdxVersion":"SPDX-2.3"}',
      payloadMediaType: SBOM_TYPE,
    });
    const { mediaType: _omitted, ...withoutMediaType } = image.manifest;
    noMediaType = buildTestManifest(
      withoutMediaType,
      OciMediaTypes.imageManifest,
      image.blobs,
    );

    const repo = 'kitstage-demo/support-sentiment';
    await open.pusher.push(repo, sentimentV1, ['v1', 'latest']);
    await open.pusher.push(repo, sentimentV2, ['v2']);
    await open.pusher.push('kitstage-demo/sentiment-pack', pack, ['v1']);
    await open.pusher.push('tools/web', image, ['1.0']);
    await open.pusher.push('tools/legacy', dockerImage, ['1.0']);
    await open.pusher.push('tools/multi', dockerList, ['1.0']);
    await open.pusher.push('tools/plain', noMediaType, ['1.0']);
    await open.pusher.push(repo, buildTestReferrersIndex([attestation, sbom]), [
      referrersTagFor(sentimentV1.digest),
    ]);
    await secure.pusher.push('secure/model', sentimentV1, ['v1']);
  });

  afterAll(async () => {
    await Promise.all(services.map(s => s.close()));
    await Promise.all([open?.stop(), secure?.stop()]);
  });

  function source(s: StandaloneRegistryService, name = 'open'): OciSource {
    return s.getSource(name);
  }

  it('lists repositories and tags through Link pagination', async () => {
    const s = service([open.configEntry('open', { limits: { pageSize: 2 } })]);
    const repositories = await source(s).listRepositories();
    expect(repositories).toEqual([
      'kitstage-demo/sentiment-pack',
      'kitstage-demo/support-sentiment',
      'tools/legacy',
      'tools/multi',
      'tools/plain',
      'tools/web',
    ]);
    const tags = await source(s).listTags('kitstage-demo/support-sentiment');
    expect(tags.repository).toBe('kitstage-demo/support-sentiment');
    expect(tags.truncated).toBe(false);
    expect([...tags.tags].sort()).toEqual(
      ['latest', referrersTagFor(sentimentV1.digest), 'v1', 'v2'].sort(),
    );
    const [counts] = s.getRequestCounts();
    // Six repositories in pages of two. Distribution 2.8 ignores `n` for tags/list and
    // answers with one page; tag pagination is covered by the loopback tests.
    expect(counts.byKind.catalog).toBeGreaterThanOrEqual(3);
    expect(counts.byKind.tags).toBe(1);

    // A second listing within the tag TTL comes from the cache.
    await source(s).listRepositories();
    await source(s).listTags('kitstage-demo/support-sentiment');
    expect(s.getRequestCounts()[0].total).toBe(counts.total);
  });

  it('caps the tags kept per repository and says so', async () => {
    const s = service([
      open.configEntry('open', {
        limits: { maxTagsPerRepository: 2 },
      }),
    ]);
    const tags = await source(s).listTags('kitstage-demo/support-sentiment');
    expect(tags.tags).toHaveLength(2);
    expect(['latest', referrersTagFor(sentimentV1.digest), 'v1', 'v2']).toEqual(
      expect.arrayContaining(tags.tags),
    );
    expect(tags.truncated).toBe(true);
  });

  it('reads a ModelKit manifest exactly as skopeo does, and verifies it', async () => {
    const s = service([open.configEntry('open')]);
    const result = await source(s).getManifest(
      'kitstage-demo/support-sentiment',
      'v1',
    );
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${open.host}/kitstage-demo/support-sentiment:v1`,
    ]);
    expect(result.raw).toBe(stdout);
    expect(result.digest).toBe(sentimentV1.digest);
    expect(result).toMatchObject({
      source: 'open',
      repository: 'kitstage-demo/support-sentiment',
      reference: 'v1',
      kind: 'image',
      mediaType: OciMediaTypes.imageManifest,
      size: Buffer.byteLength(stdout),
    });
    if (result.kind !== 'image') {
      throw new Error('expected an image manifest');
    }
    expect(result.manifest.config.mediaType).toBe(
      TestModelKitMediaTypes.kitopsConfig,
    );
    expect(result.manifest.layers.map(l => l.mediaType)).toEqual([
      'application/vnd.kitops.modelkit.model.v1.tar+gzip',
      'application/vnd.kitops.modelkit.modelpart.v1.tar+gzip',
      'application/vnd.kitops.modelkit.code.v1.tar+gzip',
      'application/vnd.kitops.modelkit.dataset.v1.tar+gzip',
      'application/vnd.kitops.modelkit.docs.v1.tar+gzip',
    ]);

    const config = await source(s).getBlob(
      'kitstage-demo/support-sentiment',
      result.manifest.config,
    );
    expect(JSON.parse(config.toString('utf8'))).toMatchObject({
      manifestVersion: '1.0.0',
      package: { name: 'support-sentiment', version: '1.0.0' },
      model: { path: 'model.safetensors', framework: 'transformers' },
    });

    const before = s.getRequestCounts()[0];
    const byDigest = await source(s).getManifest(
      'kitstage-demo/support-sentiment',
      sentimentV1.digest,
    );
    expect(byDigest.raw).toBe(stdout);
    expect(byDigest.reference).toBe(sentimentV1.digest);
    await source(s).getBlob(
      'kitstage-demo/support-sentiment',
      result.manifest.config,
    );
    expect(s.getRequestCounts()[0].total).toBe(before.total);
    expect(before.byKind).toMatchObject({ manifest: 1, blob: 1 });
  });

  it('resolves a tag with HEAD, without downloading the manifest', async () => {
    const s = service([open.configEntry('open')]);
    const descriptor = await source(s).resolveTag(
      'kitstage-demo/support-sentiment',
      'v2',
    );
    expect(descriptor).toEqual({
      mediaType: OciMediaTypes.imageManifest,
      digest: sentimentV2.digest,
      size: sentimentV2.size,
    });
    expect(s.getRequestCounts()[0].byKind).toMatchObject({
      'manifest-head': 1,
      manifest: 0,
    });
  });

  it('reads ModelPack artifacts, OCI and Docker images, Docker manifest lists', async () => {
    const s = service([open.configEntry('open')]);
    const modelPack = await source(s).getManifest(
      'kitstage-demo/sentiment-pack',
      'v1',
    );
    expect(modelPack.kind).toBe('image');
    expect(modelPack.manifest.artifactType).toBe(
      TestModelKitMediaTypes.modelPackArtifact,
    );

    const web = await source(s).getManifest('tools/web', '1.0');
    expect(web).toMatchObject({ kind: 'image', digest: image.digest });

    const legacy = await source(s).getManifest('tools/legacy', '1.0');
    expect(legacy).toMatchObject({
      kind: 'image',
      mediaType: OciMediaTypes.dockerManifest,
      digest: dockerImage.digest,
    });

    const multi = await source(s).getManifest('tools/multi', '1.0');
    expect(multi.kind).toBe('index');
    if (multi.kind !== 'index') {
      throw new Error('expected an index');
    }
    expect(multi.mediaType).toBe(OciMediaTypes.dockerManifestList);
    expect(multi.manifest.manifests.map(m => m.platform?.architecture)).toEqual(
      ['amd64', 'arm64'],
    );

    // Without a mediaType field, the Content-Type of the response decides.
    const plain = await source(s).getManifest('tools/plain', '1.0');
    expect(plain).toMatchObject({
      kind: 'image',
      mediaType: OciMediaTypes.imageManifest,
      digest: noMediaType.digest,
    });
    expect(plain.manifest.mediaType).toBeUndefined();
  });

  it('finds referrers through the referrers tag schema and filters them by artifact type', async () => {
    const s = service([open.configEntry('open')]);
    const all = await source(s).getReferrers(
      'kitstage-demo/support-sentiment',
      sentimentV1.digest,
    );
    expect(all.via).toBe('tag-schema');
    expect(all.subject).toBe(sentimentV1.digest);
    expect(all.descriptors.map(d => d.digest)).toEqual([
      attestation.digest,
      sbom.digest,
    ]);
    const attestations = await source(s).getReferrers(
      'kitstage-demo/support-sentiment',
      sentimentV1.digest,
      { artifactType: ATTESTATION_TYPE },
    );
    expect(attestations.descriptors).toEqual([
      expect.objectContaining({
        digest: attestation.digest,
        artifactType: ATTESTATION_TYPE,
      }),
    ]);
    const referrer = await source(s).getManifest(
      'kitstage-demo/support-sentiment',
      attestation.digest,
    );
    expect(referrer.manifest.subject?.digest).toBe(sentimentV1.digest);

    const none = await source(s).getReferrers(
      'kitstage-demo/support-sentiment',
      sentimentV2.digest,
    );
    expect(none).toEqual({
      subject: sentimentV2.digest,
      descriptors: [],
      via: 'tag-schema',
    });
    // Distribution 2.8 has no referrers API: each lookup tries it, then the tag.
    expect(s.getRequestCounts()[0].byKind.referrers).toBe(3);
  });

  it('names the repository and reference of what is missing', async () => {
    const s = service([open.configEntry('open')]);
    await expect(
      source(s).getManifest('kitstage-demo/support-sentiment', 'v9'),
    ).rejects.toMatchObject({
      name: 'RegistryError',
      reason: 'not-found',
      status: 404,
      registry: 'open',
      repository: 'kitstage-demo/support-sentiment',
      reference: 'v9',
      message: expect.stringMatching(
        new RegExp(
          `Registry "open" \\(${open.host.replace(
            /\./g,
            '\\.',
          )}\\), repository "kitstage-demo/support-sentiment", reference "v9": manifest not found \\(MANIFEST_UNKNOWN`,
        ),
      ),
    });
    await expect(source(s).listTags('nothing/here')).rejects.toMatchObject({
      reason: 'not-found',
      repository: 'nothing/here',
    });
    await expect(
      source(s).getBlob('tools/web', `sha256:${'0'.repeat(64)}`),
    ).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('rejects malformed names, tags and digests before any request', async () => {
    const s = service([open.configEntry('open')]);
    await expect(source(s).listTags('../etc/passwd')).rejects.toMatchObject({
      reason: 'invalid-argument',
    });
    await expect(
      source(s).getManifest('tools/web', 'v1/../../x'),
    ).rejects.toMatchObject({ reason: 'invalid-argument' });
    await expect(
      source(s).getBlob('tools/web', 'md5:abc'),
    ).rejects.toMatchObject({ reason: 'invalid-argument' });
    expect(s.getRequestCounts()[0].total).toBe(0);
  });

  it('uses basic credentials, and explains a missing or wrong password without echoing it', async () => {
    const password = secure.credentials!.password;
    const s = service([
      secure.configEntry('secure'),
      { name: 'anonymous', url: secure.url },
      {
        name: 'wrong',
        url: secure.url,
        auth: { username: 'kitstage', password: `${password}-wrong` },
      },
    ]);
    const result = await s
      .getSource('secure')
      .getManifest('secure/model', 'v1');
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      `${secure.credentials!.username}:${password}`,
      `docker://${secure.host}/secure/model:v1`,
    ]);
    expect(result.raw).toBe(stdout);
    expect(await s.getSource('secure').listRepositories()).toEqual([
      'secure/model',
    ]);

    const anonymous = s
      .getSource('anonymous')
      .getManifest('secure/model', 'v1');
    await expect(anonymous).rejects.toMatchObject({
      reason: 'unauthorized',
      status: 401,
      message: expect.stringContaining('none are configured'),
    });
    const wrong = await s
      .getSource('wrong')
      .getManifest('secure/model', 'v1')
      .catch(e => e);
    expect(RegistryError.is(wrong, 'unauthorized')).toBe(true);
    expect(wrong.message).toContain('refused the configured credentials');
    expect(
      JSON.stringify({ ...wrong, message: wrong.message, stack: wrong.stack }),
    ).not.toContain(password);
  });

  it('ingests with at most catalog pages + repositories + 2 requests per tag, and re-syncs with HEAD only', async () => {
    const s = service([
      open.configEntry('open', { cache: { tagTtl: { milliseconds: 0 } } }),
    ]);
    const ingest = async () => {
      let tags = 0;
      const oci = source(s);
      for (const repository of await oci.listRepositories()) {
        const list = await oci.listTags(repository);
        for (const tag of list.tags) {
          tags += 1;
          const manifest = await oci.getManifest(repository, tag);
          if (manifest.kind === 'image') {
            await oci.getBlob(repository, manifest.manifest.config);
          }
        }
      }
      return tags;
    };
    const tags = await ingest();
    const first = s.getRequestCounts()[0];
    expect(first.total).toBeLessThanOrEqual(
      first.byKind.catalog + 6 + 2 * tags,
    );
    expect(first.byKind.tags).toBe(6);

    await ingest();
    const second = s.getRequestCounts()[0];
    expect(second.byKind.manifest).toBe(first.byKind.manifest);
    expect(second.byKind.blob).toBe(first.byKind.blob);
    expect(second.byKind['manifest-head'] - first.byKind['manifest-head']).toBe(
      tags,
    );
  });
});
