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
  /** The Kitfile format version, e.g. `1.0.0`. */
  manifestVersion?: string;
  /** The `package` section: name, version, description, authors, license. */
  package?: Record<string, unknown>;
  /** The `model` section; its `path` and the paths of its `parts` become model layers. */
  model?: {
    path?: string;
    parts?: Array<{ path: string; [key: string]: unknown }>;
    [key: string]: unknown;
  };
  /** The `code` entries; each `path` becomes a code layer. */
  code?: Array<{ path: string; [key: string]: unknown }>;
  /** The `datasets` entries; each `path` becomes a dataset layer. */
  datasets?: Array<{ path: string; [key: string]: unknown }>;
  /** The `docs` entries; each `path` becomes a docs layer. */
  docs?: Array<{ path: string; [key: string]: unknown }>;
  /** Any other top-level key, kept as given (for tests of unknown or invalid Kitfiles). */
  [key: string]: unknown;
}

/**
 * Options for {@link buildTestModelKit}.
 *
 * @public
 */
export interface TestModelKitOptions {
  /** The Kitfile of the ModelKit; each path it names becomes a layer. */
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
