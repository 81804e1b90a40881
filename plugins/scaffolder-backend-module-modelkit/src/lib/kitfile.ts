import {
  KITFILE_MANIFEST_VERSION,
  Kitfile,
  KitfileModel,
  serializeKitfile,
} from '@kitstage/plugin-modelkit-common';

/**
 * The structured description of a project that its Kitfile is built from.
 *
 * @internal
 */
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
    /**
     * A ModelKit reference with a tag or digest (`registry/repo:tag`, `registry/repo@sha256:...`)
     * that this model builds on.
     */
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

/** Drops the entries that are undefined or empty text, so that no empty field is written. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  ) as T;
}

/**
 * Builds the Kitfile object (manifestVersion 1.0.0). When the model builds on a base ModelKit,
 * `model.path` holds the base reference (KitOps then packs the parent's layers along) and the
 * project's own weights become a model part, the way KitOps packs fine-tunes.
 *
 * @internal
 */
export function buildKitfile(spec: KitfileSpec): Kitfile {
  const ownWeights = spec.model.path;
  const model: KitfileModel = defined({
    name: spec.name,
    path: spec.model.baseModel ?? ownWeights,
    framework: spec.framework,
    version: spec.version,
    description: spec.model.description,
    license: spec.license,
    parts: spec.model.baseModel
      ? [
          defined({
            name: `${spec.name}-weights`,
            path: ownWeights,
            type: 'weights',
            license: spec.license,
          }),
        ]
      : undefined,
  });

  const kitfile: Kitfile = {
    manifestVersion: KITFILE_MANIFEST_VERSION,
    package: defined({
      name: spec.name,
      version: spec.version,
      description: spec.description,
      license: spec.license,
      authors: spec.authors?.length ? spec.authors : undefined,
    }),
    model,
  };
  if (spec.code.length > 0) {
    kitfile.code = spec.code.map(code =>
      defined({ ...code, license: spec.license }),
    );
  }
  if (spec.datasets.length > 0) {
    kitfile.datasets = spec.datasets.map(dataset => defined({ ...dataset }));
  }
  if (spec.docs.length > 0) {
    kitfile.docs = spec.docs.map(doc => defined({ ...doc }));
  }
  return kitfile;
}

/**
 * Writes a Kitfile as YAML with the shared serializer, which validates it strictly first and
 * quotes every value that needs it. The explicit document start keeps yamllint's default rules
 * satisfied.
 *
 * @throws InvalidKitfileError (an InputError) when the Kitfile is not valid.
 * @internal
 */
export function renderKitfile(kitfile: Kitfile): string {
  return `---\n${serializeKitfile(kitfile)}`;
}
