/**
 * The Kitfile as KitOps reads it (manifestVersion 1.0.0): `pkg/artifact/kitfile.go` in the
 * KitOps repository. KitOps decodes Kitfiles with unknown fields rejected, so only these fields
 * may be written.
 */
export interface KitfileDocument {
  manifestVersion: '1.0.0';
  package: {
    name: string;
    version?: string;
    description?: string;
    license?: string;
    authors?: string[];
  };
  model?: {
    name?: string;
    /** A path relative to the Kitfile, or a ModelKit reference to build on. */
    path?: string;
    license?: string;
    framework?: string;
    version?: string;
    description?: string;
    parts?: Array<{
      name?: string;
      path?: string;
      license?: string;
      type?: string;
    }>;
    parameters?: Record<string, unknown>;
  };
  code?: Array<{ path: string; description?: string; license?: string }>;
  datasets?: Array<{
    name?: string;
    path: string;
    description?: string;
    license?: string;
  }>;
  docs?: Array<{ path: string; description?: string }>;
}

/** The structured description of a project that the Kitfile is built from. */
export interface KitfileSpec {
  name: string;
  version: string;
  description?: string;
  authors?: string[];
  license?: string;
  framework: string;
  model: {
    path: string;
    description?: string;
    /** A ModelKit reference (`registry/repo:tag` or `@sha256:`) this model builds on. */
    baseModel?: string;
  };
  code: Array<{ path: string; description?: string }>;
  datasets: Array<{
    name: string;
    path: string;
    description?: string;
    license?: string;
  }>;
  docs: Array<{ path: string; description?: string }>;
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) =>
        v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

/**
 * Builds the Kitfile object. When the model builds on a base ModelKit, `model.path` holds the
 * base reference (KitOps then resolves the parent's layers) and the project's own weights become
 * a model part, the way KitOps packs fine-tunes.
 */
export function buildKitfile(spec: KitfileSpec): KitfileDocument {
  const model = spec.model.baseModel
    ? compact({
        name: spec.name,
        path: spec.model.baseModel,
        framework: spec.framework,
        version: spec.version,
        description: spec.model.description,
        license: spec.license,
        parts: [
          compact({
            name: `${spec.name}-weights`,
            path: spec.model.path,
            type: 'weights',
            license: spec.license,
          }),
        ],
      })
    : compact({
        name: spec.name,
        path: spec.model.path,
        framework: spec.framework,
        version: spec.version,
        description: spec.model.description,
        license: spec.license,
      });

  return compact({
    manifestVersion: '1.0.0' as const,
    package: compact({
      name: spec.name,
      version: spec.version,
      description: spec.description,
      license: spec.license,
      authors: spec.authors,
    }),
    model,
    code: spec.code.map(code =>
      compact({
        path: code.path,
        description: code.description,
        license: spec.license,
      }),
    ),
    datasets: spec.datasets.map(dataset => compact({ ...dataset })),
    docs: spec.docs.map(doc => compact({ ...doc })),
  });
}
