import { ManifestParseError, OciMediaTypes, parseManifest } from './manifest';

const digest = `sha256:${'a'.repeat(64)}`;
const descriptor = { mediaType: 'application/octet-stream', digest, size: 3 };

describe('parseManifest', () => {
  it('reads an OCI image manifest and keeps only known fields', () => {
    const parsed = parseManifest(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OciMediaTypes.imageManifest,
        artifactType: 'application/vnd.example',
        config: descriptor,
        layers: [
          {
            ...descriptor,
            annotations: { 'org.opencontainers.image.title': 'a' },
          },
        ],
        subject: descriptor,
        extra: 'dropped',
      }),
      undefined,
    );
    expect(parsed).toEqual({
      kind: 'image',
      mediaType: OciMediaTypes.imageManifest,
      manifest: {
        schemaVersion: 2,
        mediaType: OciMediaTypes.imageManifest,
        artifactType: 'application/vnd.example',
        config: descriptor,
        layers: [
          {
            ...descriptor,
            annotations: { 'org.opencontainers.image.title': 'a' },
          },
        ],
        subject: descriptor,
      },
    });
  });

  it('chooses the type from the Content-Type header, then from the shape', () => {
    const index = JSON.stringify({ schemaVersion: 2, manifests: [descriptor] });
    expect(
      parseManifest(
        index,
        `${OciMediaTypes.dockerManifestList}; charset=utf-8`,
      ),
    ).toMatchObject({
      kind: 'index',
      mediaType: OciMediaTypes.dockerManifestList,
    });
    expect(parseManifest(index, 'application/json')).toMatchObject({
      kind: 'index',
      mediaType: OciMediaTypes.imageIndex,
    });
    const image = JSON.stringify({
      schemaVersion: 2,
      config: descriptor,
      layers: [],
    });
    expect(parseManifest(image, undefined)).toMatchObject({
      kind: 'image',
      mediaType: OciMediaTypes.imageManifest,
    });
  });

  it('names the field that is wrong', () => {
    const bad = (value: unknown) => () =>
      parseManifest(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OciMediaTypes.imageManifest,
          ...(value as object),
        }),
        undefined,
      );
    expect(
      bad({ config: descriptor, layers: [{ ...descriptor, size: -1 }] }),
    ).toThrow(/layers\.0\.size/);
    expect(
      bad({ config: { ...descriptor, digest: 'sha256:xyz' }, layers: [] }),
    ).toThrow('config.digest: must be a sha256 or sha512 digest');
    expect(bad({ layers: [] })).toThrow(/config:/);
  });

  it('refuses what it does not read', () => {
    const error = (() => {
      try {
        parseManifest(
          '{"schemaVersion":1,"name":"x","fsLayers":[]}',
          'application/vnd.docker.distribution.manifest.v1+prettyjws',
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ManifestParseError);
    expect(error).toMatchObject({ reason: 'unsupported-media-type' });
    expect(() => parseManifest('[1,2]', undefined)).toThrow(
      'not a JSON object',
    );
    expect(() => parseManifest('{', undefined)).toThrow('not valid JSON');
  });
});
