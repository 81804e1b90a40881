import { gzipSync } from 'node:zlib';
import { OciMediaTypes } from '../registry/manifest';
import { OciDescriptor } from '../registry/types';
import {
  manifestArtifact,
  sha256,
  tarOf,
  TestArtifact,
} from './artifactManifests';

/**
 * Builds a small container image: an image config and one gzipped tar layer holding
 * `files`. With `docker: true` it uses Docker v2 schema 2 media types.
 *
 * @public
 */
export async function buildTestContainerImage(
  options: {
    files?: Record<string, string>;
    architecture?: string;
    os?: string;
    docker?: boolean;
    annotations?: Record<string, string>;
  } = {},
): Promise<TestArtifact> {
  const files = options.files ?? { 'app/hello.txt': 'hello\n' };
  const tar = await tarOf(
    Object.entries(files).map(([name, content]) => ({
      name,
      content: Buffer.from(content),
    })),
  );
  const layer = gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: options.architecture ?? 'amd64',
      os: options.os ?? 'linux',
      created: '2026-01-01T00:00:00Z',
      config: { Cmd: ['/bin/true'] },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    }),
  );
  const docker = options.docker ?? false;
  return manifestArtifact(
    {
      schemaVersion: 2,
      mediaType: docker
        ? OciMediaTypes.dockerManifest
        : OciMediaTypes.imageManifest,
      config: {
        mediaType: docker
          ? OciMediaTypes.dockerContainerConfig
          : OciMediaTypes.imageConfig,
        digest: sha256(config),
        size: config.byteLength,
      },
      layers: [
        {
          mediaType: docker
            ? 'application/vnd.docker.image.rootfs.diff.tar.gzip'
            : 'application/vnd.oci.image.layer.v1.tar+gzip',
          digest: sha256(layer),
          size: layer.byteLength,
        },
      ],
      ...(options.annotations && !docker
        ? { annotations: options.annotations }
        : {}),
    },
    [config, layer],
  );
}

/**
 * Builds an image index (or, with `docker: true`, a Docker manifest list) over manifests;
 * each manifest's platform is read from `platforms` by position, else `linux/amd64`.
 *
 * @public
 */
export function buildTestImageIndex(
  manifests: TestArtifact[],
  options: {
    docker?: boolean;
    platforms?: Array<{ os: string; architecture: string }>;
    artifactType?: string;
    annotations?: Record<string, string>;
    withPlatforms?: boolean;
  } = {},
): TestArtifact {
  const withPlatforms = options.withPlatforms ?? true;
  const index = {
    schemaVersion: 2,
    mediaType: options.docker
      ? OciMediaTypes.dockerManifestList
      : OciMediaTypes.imageIndex,
    ...(options.artifactType ? { artifactType: options.artifactType } : {}),
    manifests: manifests.map((m, i) => ({
      ...m.descriptor,
      ...(withPlatforms
        ? {
            platform: options.platforms?.[i] ?? {
              os: 'linux',
              architecture: 'amd64',
            },
          }
        : {}),
    })),
    ...(options.annotations ? { annotations: options.annotations } : {}),
  };
  const artifact = manifestArtifact(index, []);
  artifact.children = manifests;
  return artifact;
}

/**
 * Builds an OCI 1.1 artifact that refers to `subject` (a signature, attestation or SBOM):
 * an empty config, one layer holding `payload`, and the given `artifactType`.
 *
 * @public
 */
export function buildTestReferrer(options: {
  subject: OciDescriptor;
  artifactType: string;
  payload: string | Buffer;
  payloadMediaType?: string;
  annotations?: Record<string, string>;
}): TestArtifact {
  const empty = Buffer.from('{}');
  const payload = Buffer.from(options.payload);
  return manifestArtifact(
    {
      schemaVersion: 2,
      mediaType: OciMediaTypes.imageManifest,
      artifactType: options.artifactType,
      config: {
        mediaType: OciMediaTypes.emptyJson,
        digest: sha256(empty),
        size: empty.byteLength,
        data: empty.toString('base64'),
      },
      layers: [
        {
          mediaType: options.payloadMediaType ?? 'application/octet-stream',
          digest: sha256(payload),
          size: payload.byteLength,
        },
      ],
      subject: {
        mediaType: options.subject.mediaType,
        digest: options.subject.digest,
        size: options.subject.size,
      },
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    [empty, payload],
  );
}

/**
 * Builds the index that the referrers tag schema stores under the `sha256-<hex>` tag of a
 * subject: one descriptor (with artifact type and annotations) per referrer.
 *
 * @public
 */
export function buildTestReferrersIndex(
  referrers: TestArtifact[],
): TestArtifact {
  return buildTestImageIndex(referrers, { withPlatforms: false });
}
