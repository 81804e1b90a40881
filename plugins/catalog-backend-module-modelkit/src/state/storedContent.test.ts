import { createHash } from 'node:crypto';
import {
  buildTestContainerImage,
  buildTestImageIndex,
  buildTestModelKit,
  TestArtifact,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { StoredManifest } from './ProviderStateStore';
import {
  readStoredConfig,
  readStoredManifest,
  toStorableText,
} from './storedContent';

const where = { source: 'internal', repository: 'team/model' };
const sha256 = (text: string | Buffer) =>
  `sha256:${createHash('sha256').update(text).digest('hex')}`;

function rowOf(artifact: TestArtifact): StoredManifest {
  return {
    digest: artifact.digest,
    mediaType: artifact.mediaType,
    manifest: artifact.raw,
  };
}

describe('readStoredManifest', () => {
  let modelKit: TestArtifact;

  beforeAll(async () => {
    modelKit = await buildTestModelKit({
      kitfile: { package: { name: 'model', version: '1.0.0' } },
    });
  });

  it('gives back the manifest the registry served, when its text hashes to the digest', () => {
    const read = readStoredManifest(rowOf(modelKit), modelKit.digest, where);
    expect(read).toEqual({
      source: 'internal',
      repository: 'team/model',
      reference: modelKit.digest,
      digest: modelKit.digest,
      mediaType: modelKit.mediaType,
      size: modelKit.size,
      raw: modelKit.raw,
      kind: 'image',
      manifest: modelKit.manifest,
    });
  });

  it('reads an index, and container images like any other manifest', async () => {
    const image = await buildTestContainerImage();
    const index = await buildTestImageIndex([image]);
    expect(readStoredManifest(rowOf(image), image.digest, where)).toMatchObject(
      { kind: 'image', digest: image.digest },
    );
    expect(readStoredManifest(rowOf(index), index.digest, where)).toMatchObject(
      { kind: 'index', manifest: { manifests: [image.descriptor] } },
    );
  });

  it('refuses a row keyed by another digest than the one asked for', async () => {
    const other = await buildTestContainerImage();
    expect(readStoredManifest(rowOf(modelKit), other.digest, where)).toEqual({
      problem: 'the row is keyed by another digest',
    });
  });

  it('refuses a manifest text that does not hash to its digest', () => {
    const tampered = {
      ...rowOf(modelKit),
      manifest: modelKit.raw.replace('"schemaVersion":2', '"schemaVersion": 2'),
    };
    expect(readStoredManifest(tampered, modelKit.digest, where)).toEqual({
      problem: 'the stored manifest does not hash to its digest',
    });
    expect(
      readStoredManifest(
        { ...rowOf(modelKit), manifest: 42 as unknown as string },
        modelKit.digest,
        where,
      ),
    ).toEqual({ problem: 'the row has no usable manifest text' });
  });

  it('refuses a document that hashes right but is not a well-formed manifest', () => {
    const config = modelKit.manifest.config as Record<string, unknown>;
    const malformed = [
      'not json',
      '[]',
      JSON.stringify({ ...modelKit.manifest, schemaVersion: 1 }),
      JSON.stringify({ ...modelKit.manifest, layers: undefined }),
      JSON.stringify({
        ...modelKit.manifest,
        config: { ...config, size: String(config.size) },
      }),
      JSON.stringify({
        ...modelKit.manifest,
        config: { ...config, digest: 'sha256:short' },
      }),
      JSON.stringify({ ...modelKit.manifest, annotations: { n: 1 } }),
      JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'x' }] }),
    ];
    for (const text of malformed) {
      const row = { digest: sha256(text), mediaType: '', manifest: text };
      expect(readStoredManifest(row, row.digest, where)).toEqual({
        problem: expect.stringMatching(/^the stored manifest is not/),
      });
    }
  });

  it('takes the stored media type for a manifest that declares none, as the registry client takes the Content-Type', () => {
    const { mediaType, ...undeclared } = modelKit.manifest;
    const text = JSON.stringify(undeclared);
    const row = {
      digest: sha256(text),
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      manifest: text,
    };
    expect(readStoredManifest(row, row.digest, where)).toMatchObject({
      kind: 'image',
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    });
    expect(mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  it('leaves out fields the registry client does not read', () => {
    const text = JSON.stringify({ ...modelKit.manifest, extra: { a: 1 } });
    const read = readStoredManifest(
      { digest: sha256(text), mediaType: modelKit.mediaType, manifest: text },
      sha256(text),
      where,
    );
    expect(read).toMatchObject({ manifest: modelKit.manifest });
    expect('manifest' in read && 'extra' in read.manifest).toBe(false);
  });
});

describe('readStoredConfig', () => {
  const config = Buffer.from('{"manifestVersion":"1.0.0"}');
  const descriptor = {
    mediaType: 'application/vnd.kitops.modelkit.config.v1+json',
    digest: sha256(config),
    size: config.byteLength,
  };
  const row: StoredManifest = {
    digest: sha256('manifest'),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    manifest: 'manifest',
    configDigest: descriptor.digest,
    config: config.toString('utf8'),
  };

  it('gives back the config blob when it hashes to the digest and has the size its descriptor names', () => {
    expect(readStoredConfig(row, descriptor)).toEqual(config);
  });

  it('refuses a config that was changed, is of another size, or belongs to another descriptor', () => {
    const problem = { problem: expect.any(String) };
    expect(
      readStoredConfig(
        { ...row, config: '{"manifestVersion":"2.0.0"}' },
        descriptor,
      ),
    ).toEqual(problem);
    expect(readStoredConfig(row, { ...descriptor, size: 3 })).toEqual(problem);
    expect(
      readStoredConfig(row, { ...descriptor, digest: sha256('other') }),
    ).toEqual(problem);
    expect(readStoredConfig({ ...row, config: undefined }, descriptor)).toEqual(
      problem,
    );
  });
});

describe('toStorableText', () => {
  it('keeps UTF-8 text, byte for byte', () => {
    const data = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"name":"modèle"}'),
    ]);
    const text = toStorableText(data);
    expect(Buffer.from(text!, 'utf8').equals(data)).toBe(true);
  });

  it('refuses bytes that are not UTF-8 or hold a NUL', () => {
    expect(toStorableText(Buffer.from([0xff, 0xfe]))).toBeUndefined();
    expect(toStorableText(Buffer.from('a\u0000b'))).toBeUndefined();
  });
});
