/**
 * Packs a ModelKit the way `kit pack` lays it out: one layer per Kitfile path (model, model
 * parts, code, datasets, docs, in that order), the layer digest and diff ID recorded on each
 * Kitfile entry, and the Kitfile as the JSON config
 * (`application/vnd.kitops.modelkit.config.v1+json`). A `model.path` that names another
 * ModelKit and datasets with a `remotePath` get no layer, as with `kit pack`.
 */
import {
  Artifact,
  entriesFor,
  gzipStored,
  manifestArtifact,
  MediaTypes,
  sha256,
  tar,
} from './layout';

export interface FileSpec {
  path: string;
  content: Buffer;
}

export interface KitSpec {
  package: {
    name: string;
    version: string;
    description: string;
    license: string;
    authors: string[];
  };
  model?: {
    name: string;
    /** A file path, or a reference to the base ModelKit. */
    path: string;
    content?: Buffer;
    license?: string;
    framework: string;
    format?: string;
    version?: string;
    description?: string;
    parts?: Array<FileSpec & { name: string; type?: string; license?: string }>;
    parameters?: Record<string, unknown>;
  };
  code?: Array<FileSpec & { description?: string; license?: string }>;
  datasets?: Array<{
    name: string;
    path: string;
    content?: Buffer;
    /** A ModelKit reference the dataset comes from; it then has no layer. */
    remotePath?: string;
    description?: string;
    license?: string;
    parameters?: Record<string, unknown>;
  }>;
  docs?: Array<FileSpec & { description?: string }>;
  /** Manifest annotations, e.g. `org.opencontainers.image.created`. */
  annotations: Record<string, string>;
}

type LayerType = 'model' | 'modelpart' | 'code' | 'dataset' | 'docs';

function layer(type: LayerType, file: FileSpec) {
  const archive = tar(entriesFor(file.path, file.content));
  const blob = gzipStored(archive);
  return {
    blob,
    descriptor: {
      mediaType: `application/vnd.kitops.modelkit.${type}.v1.tar+gzip`,
      digest: sha256(blob),
      size: blob.length,
    },
    info: { digest: sha256(blob), diffId: sha256(archive) },
  };
}

/** Drops undefined fields, keeping the order of the others. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

export function packModelKit(spec: KitSpec): Artifact {
  const layers: ReturnType<typeof layer>[] = [];
  const add = (type: LayerType, file: FileSpec) => {
    const made = layer(type, file);
    layers.push(made);
    return made.info;
  };
  const isReference = (path: string) => /[:@]/.test(path);

  // Field order follows the KitOps CLI's JSON encoding of a Kitfile.
  let model: Record<string, unknown> | undefined;
  if (spec.model) {
    const m = spec.model;
    const modelInfo =
      m.content && !isReference(m.path)
        ? add('model', { path: m.path, content: m.content })
        : undefined;
    const parts = (m.parts ?? []).map(part =>
      compact({
        name: part.name,
        path: part.path,
        license: part.license,
        type: part.type,
        ...add('modelpart', part),
      }),
    );
    model = compact({
      name: m.name,
      path: m.path,
      license: m.license,
      framework: m.framework,
      format: m.format,
      version: m.version,
      description: m.description,
      parts: parts.length ? parts : undefined,
      parameters: m.parameters,
      ...modelInfo,
    });
  }
  const code = (spec.code ?? []).map(c =>
    compact({
      path: c.path,
      description: c.description,
      license: c.license,
      ...add('code', c),
    }),
  );
  const datasets = (spec.datasets ?? []).map(d =>
    compact({
      name: d.name,
      path: d.path,
      description: d.description,
      license: d.license,
      parameters: d.parameters,
      remotePath: d.remotePath,
      ...(d.remotePath === undefined && d.content
        ? add('dataset', { path: d.path, content: d.content })
        : {}),
    }),
  );
  const docs = (spec.docs ?? []).map(d =>
    compact({ path: d.path, description: d.description, ...add('docs', d) }),
  );
  const kitfile = compact({
    manifestVersion: '1.0.0',
    package: spec.package,
    model,
    code: code.length ? code : undefined,
    datasets: datasets.length ? datasets : undefined,
    docs: docs.length ? docs : undefined,
  });
  const config = Buffer.from(JSON.stringify(kitfile));
  return manifestArtifact(
    {
      schemaVersion: 2,
      mediaType: MediaTypes.manifest,
      config: {
        mediaType: MediaTypes.kitopsConfig,
        digest: sha256(config),
        size: config.length,
      },
      layers: layers.map(l => l.descriptor),
      annotations: spec.annotations,
    },
    [config, ...layers.map(l => l.blob)],
  );
}
