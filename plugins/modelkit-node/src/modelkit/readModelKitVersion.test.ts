import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { sha256Digest } from '../registry/digest';
import {
  createRegistryService,
  StandaloneRegistryService,
} from '../registry/RegistryService';
import { OciSource } from '../registry/types';
import {
  buildTestContainerImage,
  buildTestImageIndex,
  buildTestManifest,
  buildTestModelKit,
  buildTestReferrer,
  buildTestReferrersIndex,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '../testing';
import { diffModelKitVersions } from './diffModelKitVersions';
import { listModelKitVersions } from './listModelKitVersions';
import { ModelKitError } from './ModelKitError';
import { getModelKitVersion } from './readModelKitVersion';

jest.setTimeout(90_000);

const REPO = 'team/sentiment';
const IMPOSTOR = 'team/impostor';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const ATTESTATION = 'application/vnd.dev.sigstore.bundle.v0.3+json';

describe('the ModelKit reader against docker-registry', () => {
  let registry: TestRegistry;
  let v1: TestArtifact;
  let v2: TestArtifact;
  let pack: TestArtifact;
  let packWithoutKitfile: TestArtifact;
  let image: TestArtifact;
  let platforms: TestArtifact;
  let signature: TestArtifact;
  let attestation: TestArtifact;
  let broken: TestArtifact;
  let notKitfile: TestArtifact;
  const services: StandaloneRegistryService[] = [];
  const logger = mockServices.rootLogger({ level: 'none' });

  function source(extra: JsonObject = {}): {
    source: OciSource;
    service: StandaloneRegistryService;
  } {
    const service = createRegistryService({
      config: new ConfigReader({
        kitstage: { registries: [registry.configEntry('test', extra)] },
      }),
      logger,
    });
    services.push(service);
    return { source: service.getSource('test'), service };
  }

  const host = () => registry.host;

  beforeAll(async () => {
    registry = await startTestRegistry();
    const kitfile = (version: string, datasets: string[]) => ({
      package: {
        name: 'support-sentiment',
        version,
        description: 'Classifies support tickets',
        license: 'Apache-2.0',
        authors: ['NLP team'],
      },
      model: {
        name: 'support-sentiment',
        path: 'model/weights.safetensors',
        framework: 'transformers',
        parts: [
          {
            name: 'adapter',
            path: 'model/adapter.safetensors',
            type: 'lora-adapter',
          },
        ],
      },
      code: [{ path: 'inference.py' }],
      datasets: datasets.map(path => ({ name: path, path })),
      docs: [{ path: 'README.md' }],
    });
    v1 = await buildTestModelKit({
      kitfile: kitfile('1.0.0', ['data/eval.csv']),
      files: {
        'model/adapter.safetensors': 'adapter 1',
        'README.md': '# v1\n',
      },
      annotations: {
        'org.opencontainers.image.created': '2026-01-10T08:00:00Z',
      },
    });
    v2 = await buildTestModelKit({
      kitfile: kitfile('2.0.0', ['data/eval.csv', 'data/extra.csv']),
      files: {
        'model/adapter.safetensors': 'adapter 2',
        'README.md': '# v1\n',
      },
      annotations: {
        'org.opencontainers.image.created': '2026-02-10T08:00:00Z',
      },
    });
    pack = await buildTestModelKit({
      format: 'modelpack',
      kitfile: {
        package: { name: 'sentiment-pack', version: '1.5.0' },
        model: {
          path: 'model.gguf',
          format: 'gguf',
          parts: [{ path: 'tokenizer.json' }],
        },
        docs: [{ path: 'README.md' }],
      },
    });

    const weights = Buffer.from('safetensors weights');
    const tokenizer = Buffer.from('{"model":{}}');
    const readme = Buffer.from('# Pack\n');
    const config = Buffer.from(
      JSON.stringify({
        descriptor: {
          createdAt: '2026-03-01T12:00:00+02:00',
          name: 'raw-pack',
          version: '3.0.0',
          licenses: ['Apache-2.0', 'MIT'],
          authors: ['Model team'],
          family: 'tiny',
        },
        config: {
          format: 'safetensors',
          paramSize: '1m',
          architecture: 'transformer',
        },
        modelfs: { type: 'layers', diffIds: [sha256Digest(weights)] },
      }),
    );
    const layer = (mediaType: string, blob: Buffer, path: string) => ({
      mediaType,
      digest: sha256Digest(blob),
      size: blob.length,
      annotations: { 'org.cncf.model.filepath': path },
    });
    packWithoutKitfile = buildTestManifest(
      {
        schemaVersion: 2,
        mediaType: MANIFEST,
        artifactType: 'application/vnd.cncf.model.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.cncf.model.config.v1+json',
          digest: sha256Digest(config),
          size: config.length,
        },
        layers: [
          layer(
            'application/vnd.cncf.model.weight.v1.raw',
            weights,
            'model.safetensors',
          ),
          layer(
            'application/vnd.cncf.model.weight.config.v1.raw',
            tokenizer,
            'tokenizer.json',
          ),
          layer('application/vnd.cncf.model.doc.v1.raw', readme, 'README.md'),
        ],
      },
      MANIFEST,
      [config, weights, tokenizer, readme],
    );

    image = await buildTestContainerImage();
    const arm = await buildTestContainerImage({
      architecture: 'arm64',
      files: { a: 'arm' },
    });
    platforms = buildTestImageIndex([image, arm], {
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const cosignPayload = Buffer.from('{"critical":{}}');
    const cosignConfig = Buffer.from(
      '{"architecture":"","os":"","rootfs":{"type":"layers","diff_ids":[]},"config":{}}',
    );
    signature = buildTestManifest(
      {
        schemaVersion: 2,
        mediaType: MANIFEST,
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: sha256Digest(cosignConfig),
          size: cosignConfig.length,
        },
        layers: [
          {
            mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
            digest: sha256Digest(cosignPayload),
            size: cosignPayload.length,
            annotations: { 'dev.cosignproject.cosign/signature': 'MEUCIQ==' },
          },
        ],
      },
      MANIFEST,
      [cosignConfig, cosignPayload],
    );
    attestation = buildTestReferrer({
      subject: v1.descriptor,
      artifactType: ATTESTATION,
      payload: '{}',
      payloadMediaType: ATTESTATION,
    });
    const brokenKitfile = Buffer.from(
      JSON.stringify({
        manifestVersion: '1.0.0',
        package: { name: 'broken', authors: 'Jane' },
        model: { path: 'm.bin', parts: [{ path: 7 }] },
      }),
    );
    broken = buildTestManifest(
      {
        schemaVersion: 2,
        mediaType: MANIFEST,
        config: {
          mediaType: 'application/vnd.kitops.modelkit.config.v1+json',
          digest: sha256Digest(brokenKitfile),
          size: brokenKitfile.length,
        },
        layers: [],
      },
      MANIFEST,
      [brokenKitfile],
    );

    // A KitOps config media type over a config that is an OCI image config, not a Kitfile.
    const imageConfig = Buffer.from(
      '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{}}',
    );
    notKitfile = buildTestManifest(
      {
        schemaVersion: 2,
        mediaType: MANIFEST,
        config: {
          mediaType: 'application/vnd.kitops.modelkit.config.v1+json',
          digest: sha256Digest(imageConfig),
          size: imageConfig.length,
        },
        layers: [],
      },
      MANIFEST,
      [imageConfig],
    );

    const push = registry.pusher;
    await push.push(REPO, v1, ['v1.0.0']);
    await push.push(REPO, v2, ['v2.0.0', 'latest']);
    await push.push(REPO, pack, ['pack-1.5.0']);
    await push.push(REPO, packWithoutKitfile, ['pack-3.0.0']);
    await push.push(REPO, image, ['app']);
    await push.push(REPO, platforms, ['app-multi']);
    await push.push(REPO, signature, [`${v1.digest.replace(':', '-')}.sig`]);
    await push.push(REPO, attestation, ['provenance']);
    await push.push(REPO, buildTestReferrersIndex([attestation]), [
      v1.digest.replace(':', '-'),
    ]);
    await push.push(REPO, broken, ['broken']);
    await push.push(IMPOSTOR, notKitfile, ['not-a-kitfile']);
  });

  afterAll(async () => {
    await Promise.all(services.map(s => s.close()));
    await registry?.stop();
  });

  it('reads a KitOps ModelKit: Kitfile, layers mapped to entries, sizes, time and commands', async () => {
    const { source: s } = source();
    const version = await getModelKitVersion(s, REPO, 'v1.0.0');
    const manifest = v1.manifest as {
      layers: Array<{ digest: string; size: number }>;
    };
    const config = (v1.manifest as { config: { digest: string; size: number } })
      .config;
    expect(version).toEqual({
      repository: `${host()}/${REPO}`,
      reference: 'v1.0.0',
      digest: v1.digest,
      tags: ['v1.0.0'],
      mediaType: MANIFEST,
      format: 'kitops',
      created: '2026-01-10T08:00:00.000Z',
      size: config.size + manifest.layers.reduce((t, l) => t + l.size, 0),
      config: {
        mediaType: 'application/vnd.kitops.modelkit.config.v1+json',
        digest: config.digest,
        size: config.size,
      },
      kitfile: JSON.parse(v1.blobs[0].toString()),
      layers: [
        ['model', 'model/weights.safetensors', 'support-sentiment'],
        ['model-part', 'model/adapter.safetensors', 'adapter'],
        ['code', 'inference.py', undefined],
        ['dataset', 'data/eval.csv', 'data/eval.csv'],
        ['docs', 'README.md', undefined],
      ].map(([kind, path, name], i) => ({
        kind,
        path,
        ...(name ? { name } : {}),
        mediaType: `application/vnd.kitops.modelkit.${
          kind === 'model-part' ? 'modelpart' : kind
        }.v1.tar+gzip`,
        digest: manifest.layers[i].digest,
        size: manifest.layers[i].size,
        compression: 'gzip',
      })),
      annotations: {
        'ml.kitops.modelkit.cli-version': '1.8.0',
        'org.opencontainers.image.created': '2026-01-10T08:00:00Z',
      },
      commands: {
        pull: `kit pull ${host()}/${REPO}:v1.0.0`,
        unpack: `kit unpack ${host()}/${REPO}:v1.0.0 -d sentiment`,
        inspect: `kit inspect --remote ${host()}/${REPO}:v1.0.0`,
      },
    });
  });

  it('reads by digest and, when asked, finds every tag of the version', async () => {
    const { source: s } = source();
    const byDigest = await getModelKitVersion(s, REPO, v2.digest);
    expect(byDigest.tags).toEqual([]);
    expect(byDigest.commands.pull).toBe(
      `kit pull ${host()}/${REPO}@${v2.digest}`,
    );
    const withTags = await getModelKitVersion(s, REPO, v2.digest, {
      resolveTags: true,
    });
    expect(withTags.tags).toEqual(['latest', 'v2.0.0']);
  });

  it('reads CNCF ModelPack artifacts, with the Kitfile KitOps stores in an annotation', async () => {
    const { source: s } = source();
    const version = await getModelKitVersion(s, REPO, 'pack-1.5.0');
    expect(version.format).toBe('modelpack');
    expect(version.kitfile.package).toEqual({
      name: 'sentiment-pack',
      version: '1.5.0',
    });
    expect(version.layers.map(l => [l.kind, l.path, l.mediaType])).toEqual([
      ['model', 'model.gguf', 'application/vnd.cncf.model.weight.v1.tar+gzip'],
      [
        'model-part',
        'tokenizer.json',
        'application/vnd.cncf.model.weight.config.v1.tar+gzip',
      ],
      ['docs', 'README.md', 'application/vnd.cncf.model.doc.v1.tar+gzip'],
    ]);
  });

  it('maps a ModelPack config without a Kitfile to a Kitfile-shaped view', async () => {
    const { source: s } = source();
    const version = await getModelKitVersion(s, REPO, 'pack-3.0.0');
    expect(version.format).toBe('modelpack');
    expect(version.created).toBe('2026-03-01T10:00:00.000Z');
    expect(version.kitfile).toEqual({
      manifestVersion: '1.0.0',
      package: {
        name: 'raw-pack',
        version: '3.0.0',
        license: 'Apache-2.0 AND MIT',
        authors: ['Model team'],
      },
      model: {
        name: 'raw-pack',
        path: 'model.safetensors',
        format: 'safetensors',
        parts: [{ path: 'tokenizer.json', type: 'config' }],
        parameters: {
          family: 'tiny',
          architecture: 'transformer',
          paramSize: '1m',
        },
      },
      docs: [{ path: 'README.md' }],
    });
    expect(version.layers.map(l => [l.kind, l.path, l.compression])).toEqual([
      ['model', 'model.safetensors', 'none'],
      ['model-part', 'tokenizer.json', 'none'],
      ['docs', 'README.md', 'none'],
    ]);
  });

  it('says what a non-ModelKit artifact is instead of reading it', async () => {
    const { source: s } = source();
    const cases: Array<[string, string]> = [
      ['app', 'this is a container image, not a ModelKit'],
      [
        'app-multi',
        'this is a multi-platform image index (linux/amd64, linux/arm64), not a ModelKit',
      ],
      [
        `${v1.digest.replace(':', '-')}.sig`,
        'this is a signature, not a ModelKit',
      ],
      ['provenance', `this is an attestation that refers to ${v1.digest}`],
    ];
    for (const [tag, detail] of cases) {
      const error = await getModelKitVersion(s, REPO, tag).catch(e => e);
      expect(ModelKitError.is(error, 'not-a-modelkit')).toBe(true);
      expect(error.message).toMatch(
        new RegExp(
          `^ModelKit ${host()}/${REPO}:${tag} \\(sha256:[a-f0-9]{64}\\) from "test": `,
        ),
      );
      expect(error.message.split('from "test": ')[1]).toBe(detail);
    }
  });

  it('names the repository, digest and Kitfile fields of an invalid Kitfile', async () => {
    const { source: s } = source();
    const error = await getModelKitVersion(s, REPO, 'broken').catch(e => e);
    expect(ModelKitError.is(error, 'invalid-kitfile')).toBe(true);
    const configDigest = sha256Digest(broken.blobs[0]);
    expect(error.message).toBe(
      `ModelKit ${host()}/${REPO}:broken (${
        broken.digest
      }) from "test": the config blob ${configDigest} is not a valid Kitfile: package.authors: expected array, got string; model.parts[0].path: expected string, got number`,
    );
    expect(error.digest).toBe(broken.digest);
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual([
      'package.authors',
      'model.parts[0].path',
    ]);
  });

  it('refuses a config with none of the Kitfile sections instead of reading an empty ModelKit', async () => {
    const { source: s } = source();
    const error = await getModelKitVersion(s, IMPOSTOR, 'not-a-kitfile').catch(
      e => e,
    );
    expect(ModelKitError.is(error, 'invalid-kitfile')).toBe(true);
    const detail = `the config blob ${sha256Digest(
      notKitfile.blobs[0],
    )} is not a valid Kitfile: (root): not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: architecture, os, rootfs, config`;
    expect(error.message).toBe(
      `ModelKit ${host()}/${IMPOSTOR}:not-a-kitfile (${
        notKitfile.digest
      }) from "test": ${detail}`,
    );
    const list = await listModelKitVersions(s, IMPOSTOR);
    expect(list.items).toEqual([]);
    expect(list.skipped).toEqual([
      {
        tag: 'not-a-kitfile',
        digest: notKitfile.digest,
        reason: expect.stringContaining(detail),
      },
    ]);
  });

  it('lists versions newest first, grouped by digest, with everything else skipped and why', async () => {
    const { source: s } = source();
    const list = await listModelKitVersions(s, REPO);
    expect(list.repository).toBe(`${host()}/${REPO}`);
    expect(list.truncated).toBe(false);
    expect(list.nextCursor).toBeUndefined();
    expect(list.items.map(i => [i.tags, i.version, i.created ?? null])).toEqual(
      [
        [['pack-3.0.0'], '3.0.0', '2026-03-01T10:00:00.000Z'],
        [['latest', 'v2.0.0'], '2.0.0', '2026-02-10T08:00:00.000Z'],
        [['v1.0.0'], '1.0.0', '2026-01-10T08:00:00.000Z'],
        [['pack-1.5.0'], '1.5.0', null],
      ],
    );
    expect(list.items[1].digest).toBe(v2.digest);
    const v1Hex = v1.digest.slice(7);
    expect(list.skipped).toEqual([
      {
        tag: 'app',
        digest: image.digest,
        reason: 'a container image, not a ModelKit',
      },
      {
        tag: 'app-multi',
        digest: platforms.digest,
        reason:
          'a multi-platform image index (linux/amd64, linux/arm64), not a ModelKit',
      },
      {
        tag: 'broken',
        digest: broken.digest,
        reason: expect.stringContaining(
          'is not a valid Kitfile: package.authors: expected array, got string',
        ),
      },
      {
        tag: 'provenance',
        digest: attestation.digest,
        reason: `an attestation that refers to ${v1.digest}`,
      },
      {
        tag: `sha256-${v1Hex}`,
        reason: `the referrers tag of ${v1.digest} (signatures, attestations and SBOMs), not a ModelKit`,
      },
      {
        tag: `sha256-${v1Hex}.sig`,
        reason: `the cosign signature tag of ${v1.digest}, not a ModelKit`,
      },
    ]);
  });

  it('stays within two requests per tag, and re-reads from the cache', async () => {
    const { source: s, service } = source();
    const counts = () => service.getRequestCounts()[0].byKind;
    const { tags } = await s.listTags(REPO);
    expect(tags).toHaveLength(11);
    const before = counts();
    expect(before.tags).toBe(1);

    await listModelKitVersions(s, REPO);
    const cold = counts();
    // The 2 referrers-schema tags cost nothing; the 9 others one manifest each, and each
    // distinct ModelKit one config (v1, v2, both packs and the broken one).
    expect(cold).toMatchObject({
      tags: 1,
      manifest: 9,
      blob: 5,
      'manifest-head': 0,
    });
    expect(cold.manifest + cold.blob).toBeLessThanOrEqual(2 * tags.length);

    // Pages, single versions and diffs afterwards are answered from the cache.
    await listModelKitVersions(s, REPO, { limit: 1 });
    const latest = await getModelKitVersion(s, REPO, 'latest');
    const first = await getModelKitVersion(s, REPO, v1.digest);
    diffModelKitVersions(first, latest);
    expect(counts()).toEqual(cold);
  });

  it('reads one version cold with one manifest and one config request', async () => {
    const { source: s, service } = source();
    await getModelKitVersion(s, REPO, 'v1.0.0');
    expect(service.getRequestCounts()[0].byKind).toMatchObject({
      manifest: 1,
      blob: 1,
      tags: 0,
      'manifest-head': 0,
    });
  });

  it('re-syncs with HEAD requests only once tags are no longer fresh', async () => {
    const { source: s, service } = source({
      cache: { tagTtl: { milliseconds: 20 } },
    });
    await listModelKitVersions(s, REPO);
    const cold = { ...service.getRequestCounts()[0].byKind };
    await new Promise(resolve => setTimeout(resolve, 50));
    const again = await listModelKitVersions(s, REPO);
    expect(again.items).toHaveLength(4);
    const warm = service.getRequestCounts()[0].byKind;
    expect(warm.manifest).toBe(cold.manifest);
    expect(warm.blob).toBe(cold.blob);
    expect(warm['manifest-head'] - cold['manifest-head']).toBe(9);
    expect(warm.tags - cold.tags).toBe(1);
  });
});
