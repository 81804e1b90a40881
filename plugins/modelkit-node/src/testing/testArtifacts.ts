import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { OciMediaTypes } from '../registry/manifest';
import { OciDescriptor } from '../registry/types';

/**
 * An artifact ready to push: its manifest text and the blobs it needs.
 *
 * @public
 */
export interface TestArtifact {
  /** The manifest media type. */
  mediaType: string;
  /** The exact manifest text. */
  raw: string;
  /** The sha256 digest of `raw`. */
  digest: string;
  /** The size of `raw` in bytes. */
  size: number;
  /** The manifest, parsed. */
  manifest: Record<string, unknown>;
  /** Config and layer blobs to upload before the manifest. */
  blobs: Buffer[];
  /** For an index: the manifests it lists, to push first. */
  children?: TestArtifact[];
  /** A descriptor of this manifest (with its artifact type, if any). */
  descriptor: OciDescriptor;
}

/**
 * Media types of KitOps ModelKits and CNCF ModelPack artifacts.
 *
 * @public
 */
export const TestModelKitMediaTypes = {
  kitopsConfig: 'application/vnd.kitops.modelkit.config.v1+json',
  modelPackArtifact: 'application/vnd.cncf.model.manifest.v1+json',
  modelPackConfig: 'application/vnd.cncf.model.config.v1+json',
} as const;

/**
 * The annotation under which ModelPack artifacts made by `kit` keep their Kitfile as JSON.
 *
 * @public
 */
export const KITFILE_JSON_ANNOTATION = 'ml.kitops.modelkit.kitfile';

/**
 * A Kitfile for {@link buildTestModelKit}; any extra fields are kept as they are.
 *
 * @public
 */
export interface TestKitfile {
  manifestVersion?: string;
  package?: Record<string, unknown>;
  model?: {
    path?: string;
    parts?: Array<{ path: string; [key: string]: unknown }>;
    [key: string]: unknown;
  };
  code?: Array<{ path: string; [key: string]: unknown }>;
  datasets?: Array<{ path: string; [key: string]: unknown }>;
  docs?: Array<{ path: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/**
 * Options for {@link buildTestModelKit}.
 *
 * @public
 */
export interface TestModelKitOptions {
  kitfile: TestKitfile;
  /** File contents by Kitfile path; paths without an entry get a short generated text. */
  files?: Record<string, string | Buffer>;
  /** `kitops` (default) or CNCF `modelpack` media types. */
  format?: 'kitops' | 'modelpack';
  /** Layer compression; `gzip` by default. */
  compression?: 'gzip' | 'none';
  /** Manifest annotations, added to the ones `kit` writes. */
  annotations?: Record<string, string>;
  /** Makes the ModelKit an OCI 1.1 referrer of another manifest. */
  subject?: OciDescriptor;
}

type LayerType = 'model' | 'modelpart' | 'code' | 'dataset' | 'docs';

const MODELPACK_BASE: Record<LayerType, string> = {
  model: 'weight',
  modelpart: 'weight.config',
  code: 'code',
  dataset: 'dataset',
  docs: 'doc',
};

/**
 * Builds a ModelKit the way `kit pack` lays it out: one tar layer per Kitfile path (model,
 * model parts, code, datasets, docs, in that order), each with its digest and diffId
 * written back into the Kitfile, and the Kitfile as the JSON config
 * (`application/vnd.kitops.modelkit.config.v1+json`). With `format: 'modelpack'` it uses the
 * CNCF ModelPack media types instead, with the Kitfile in an annotation.
 *
 * @public
 */
export async function buildTestModelKit(
  options: TestModelKitOptions,
): Promise<TestArtifact> {
  const format = options.format ?? 'kitops';
  const gzip = (options.compression ?? 'gzip') === 'gzip';
  const kitfile: TestKitfile = structuredClone({
    manifestVersion: '1.0.0',
    ...options.kitfile,
  });
  const entries: Array<{ type: LayerType; entry: { path: string } }> = [];
  if (kitfile.model?.path) {
    entries.push({ type: 'model', entry: kitfile.model as { path: string } });
  }
  for (const part of kitfile.model?.parts ?? []) {
    entries.push({ type: 'modelpart', entry: part });
  }
  for (const code of kitfile.code ?? []) {
    entries.push({ type: 'code', entry: code });
  }
  for (const dataset of kitfile.datasets ?? []) {
    entries.push({ type: 'dataset', entry: dataset });
  }
  for (const docs of kitfile.docs ?? []) {
    entries.push({ type: 'docs', entry: docs });
  }

  const layers: OciDescriptor[] = [];
  const blobs: Buffer[] = [];
  const diffIds: string[] = [];
  for (const { type, entry } of entries) {
    const content = options.files?.[entry.path] ?? `content of ${entry.path}\n`;
    const tar = await tarOf([
      { name: entry.path, content: Buffer.from(content) },
    ]);
    const blob = gzip ? gzipSync(tar) : tar;
    const diffId = sha256(tar);
    const suffix = gzip ? 'tar+gzip' : 'tar';
    const mediaType =
      format === 'kitops'
        ? `application/vnd.kitops.modelkit.${type}.v1.${suffix}`
        : `application/vnd.cncf.model.${MODELPACK_BASE[type]}.v1.${suffix}`;
    const descriptor: OciDescriptor = {
      mediaType,
      digest: sha256(blob),
      size: blob.byteLength,
    };
    if (format === 'modelpack') {
      descriptor.annotations = { 'org.cncf.model.filepath': entry.path };
    }
    Object.assign(entry, { digest: descriptor.digest, diffId });
    layers.push(descriptor);
    blobs.push(blob);
    diffIds.push(diffId);
  }

  let config: Buffer;
  let configMediaType: string;
  const annotations: Record<string, string> = {
    'ml.kitops.modelkit.cli-version': '1.8.0',
  };
  if (format === 'kitops') {
    config = Buffer.from(JSON.stringify(kitfile));
    configMediaType = TestModelKitMediaTypes.kitopsConfig;
  } else {
    const pkg = (kitfile.package ?? {}) as Record<string, unknown>;
    config = Buffer.from(
      JSON.stringify({
        descriptor: {
          name: pkg.name ?? kitfile.model?.name,
          version: pkg.version ?? kitfile.model?.version,
          description: pkg.description,
          authors: pkg.authors,
          licenses: pkg.license ? [pkg.license] : undefined,
        },
        config: { format: kitfile.model?.format },
        modelfs: { type: 'layers', diffIds },
      }),
    );
    configMediaType = TestModelKitMediaTypes.modelPackConfig;
    annotations[KITFILE_JSON_ANNOTATION] = JSON.stringify(kitfile);
  }
  blobs.unshift(config);
  return manifestArtifact(
    {
      schemaVersion: 2,
      mediaType: OciMediaTypes.imageManifest,
      ...(format === 'modelpack'
        ? { artifactType: TestModelKitMediaTypes.modelPackArtifact }
        : {}),
      config: {
        mediaType: configMediaType,
        digest: sha256(config),
        size: config.byteLength,
      },
      layers,
      ...(options.subject ? { subject: options.subject } : {}),
      annotations: { ...annotations, ...options.annotations },
    },
    blobs,
  );
}

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

/**
 * Wraps an arbitrary manifest document (serialised with `JSON.stringify`, or given as text)
 * with the blobs it needs.
 *
 * @public
 */
export function buildTestManifest(
  manifest: Record<string, unknown> | string,
  mediaType: string,
  blobs: Buffer[] = [],
): TestArtifact {
  const raw =
    typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  const parsed = typeof manifest === 'string' ? JSON.parse(manifest) : manifest;
  return {
    mediaType,
    raw,
    digest: sha256(raw),
    size: Buffer.byteLength(raw),
    manifest: parsed,
    blobs,
    descriptor: {
      mediaType,
      digest: sha256(raw),
      size: Buffer.byteLength(raw),
      ...(typeof parsed.artifactType === 'string'
        ? { artifactType: parsed.artifactType }
        : {}),
      ...(parsed.annotations ? { annotations: parsed.annotations } : {}),
    },
  };
}

function manifestArtifact(
  manifest: Record<string, unknown>,
  blobs: Buffer[],
): TestArtifact {
  return buildTestManifest(manifest, String(manifest.mediaType), blobs);
}

function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

async function tarOf(
  entries: Array<{ name: string; content: Buffer }>,
): Promise<Buffer> {
  const tar = tarPack();
  for (const entry of entries) {
    tar.entry(
      { name: entry.name, mtime: new Date(0), mode: 0o644, uid: 0, gid: 0 },
      entry.content,
    );
  }
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
