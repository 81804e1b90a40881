import { OciImageIndex, OciImageManifest } from '../registry/types';
import {
  classifyModelKitManifest,
  describeReferrersTag,
} from './classifyManifest';

const d = (mediaType: string, n = 1) => ({
  mediaType,
  digest: `sha256:${String(n).repeat(64)}`,
  size: 10,
});
const image = (manifest: Partial<OciImageManifest>) => ({
  kind: 'image' as const,
  manifest: {
    schemaVersion: 2 as const,
    config: d('application/vnd.oci.empty.v1+json'),
    layers: [],
    ...manifest,
  },
});

describe('classifyModelKitManifest', () => {
  it.each([
    [
      'a KitOps config',
      image({ config: d('application/vnd.kitops.modelkit.config.v1+json') }),
      'kitops',
    ],
    [
      'the KitOps artifact type',
      image({
        artifactType: 'application/vnd.kitops.modelkit.manifest.v1+json',
      }),
      'kitops',
    ],
    [
      'a ModelPack config',
      image({ config: d('application/vnd.cncf.model.config.v1+json') }),
      'modelpack',
    ],
    [
      'the ModelPack artifact type',
      image({ artifactType: 'application/vnd.cncf.model.manifest.v1+json' }),
      'modelpack',
    ],
  ])('recognises a ModelKit by %s', (_what, manifest, format) => {
    expect(classifyModelKitManifest(manifest)).toEqual({
      modelKit: true,
      format,
    });
  });

  it.each([
    [
      'a container image, not a ModelKit',
      image({
        config: d('application/vnd.oci.image.config.v1+json'),
        layers: [d('application/vnd.oci.image.layer.v1.tar+gzip')],
      }),
    ],
    [
      'a container image, not a ModelKit',
      image({ config: d('application/vnd.docker.container.image.v1+json') }),
    ],
    [
      'a signature, not a ModelKit',
      image({
        config: d('application/vnd.oci.image.config.v1+json'),
        layers: [d('application/vnd.dev.cosign.simplesigning.v1+json')],
      }),
    ],
    [
      'an attestation, not a ModelKit',
      image({ layers: [d('application/vnd.dsse.envelope.v1+json')] }),
    ],
    [
      `an SBOM that refers to sha256:${'2'.repeat(64)}`,
      image({
        artifactType: 'application/spdx+json',
        subject: d('application/vnd.oci.image.manifest.v1+json', 2),
      }),
    ],
    [
      `an artifact of type application/vnd.example+json that refers to sha256:${'2'.repeat(
        64,
      )}`,
      image({
        artifactType: 'application/vnd.example+json',
        subject: d('application/vnd.oci.image.manifest.v1+json', 2),
      }),
    ],
    [
      'a Helm chart, not a ModelKit',
      image({ config: d('application/vnd.cncf.helm.config.v1+json') }),
    ],
    [
      'an artifact of type application/vnd.example.thing, not a ModelKit',
      image({ config: d('application/vnd.example.thing') }),
    ],
  ])('says %s', (reason, manifest) => {
    expect(classifyModelKitManifest(manifest)).toEqual({
      modelKit: false,
      reason,
    });
  });

  it('describes indexes', () => {
    const index = (manifest: Partial<OciImageIndex>) => ({
      kind: 'index' as const,
      manifest: { schemaVersion: 2 as const, manifests: [], ...manifest },
    });
    expect(
      classifyModelKitManifest(
        index({
          manifests: [
            {
              ...d('application/vnd.oci.image.manifest.v1+json'),
              platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
            },
          ],
        }),
      ),
    ).toEqual({
      modelKit: false,
      reason: 'a multi-platform image index (linux/arm64/v8), not a ModelKit',
    });
    expect(
      classifyModelKitManifest(
        index({
          artifactType: 'application/vnd.kitops.modelkit.index.v1+json',
        }),
      ),
    ).toEqual({
      modelKit: false,
      reason: 'a ModelKit index, which Kitstage does not read yet',
    });
    expect(
      classifyModelKitManifest(index({ manifests: [d('x'), d('y')] })),
    ).toEqual({
      modelKit: false,
      reason: 'an image index of 2 manifests, not a ModelKit',
    });
  });
});

describe('describeReferrersTag', () => {
  const hex = 'a'.repeat(64);
  it.each([
    [
      `sha256-${hex}`,
      `the referrers tag of sha256:${hex} (signatures, attestations and SBOMs)`,
    ],
    [`sha256-${hex}.sig`, `the cosign signature tag of sha256:${hex}`],
    [`sha256-${hex}.att`, `the cosign attestation tag of sha256:${hex}`],
    [`sha256-${hex}.sbom`, `the cosign SBOM tag of sha256:${hex}`],
    ['v1.0.0', undefined],
    [`sha256-${hex}.zip`, undefined],
    [`sha256-${hex.slice(1)}`, undefined],
  ])('%s', (tag, reason) => {
    expect(describeReferrersTag(tag)).toBe(reason);
  });
});
