import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  formatOciReference,
  ModelKitEntityRelationField,
  modelKitEntityV1alpha1Relations,
  parseOciRepository,
  withOciTag,
} from '@kitstage/plugin-modelkit-common';

/**
 * A reference from a ModelKit's spec, resolved against the defaults that the
 * catalog processor applies. `ref` is absent when the value is not a valid
 * entity reference, in which case `raw` is shown as it is.
 *
 * @internal
 */
export interface SpecEntityRef {
  raw: string;
  ref?: CompoundEntityRef;
}

/**
 * The spec of a ModelKit entity, read defensively: fields of the wrong type are
 * left out, so a card never fails on an entity that a catalog without the
 * ModelKit processor let through.
 *
 * @internal
 */
export interface ModelKitSpecView {
  type?: string;
  owner?: SpecEntityRef;
  lifecycle?: string;
  repository?: string;
  framework?: string;
  license?: string;
  baseModel?: SpecEntityRef;
  datasets: SpecEntityRef[];
  system?: SpecEntityRef;
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function resolveRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): SpecEntityRef | undefined {
  const raw = readString(value);
  if (!raw) {
    return undefined;
  }
  try {
    return { raw, ref: parseEntityRef(raw, { defaultKind, defaultNamespace }) };
  } catch {
    return { raw };
  }
}

const defaultKinds = new Map(
  modelKitEntityV1alpha1Relations.map(r => [r.field, r.defaultKind]),
);

function defaultKindOf(field: ModelKitEntityRelationField['field']): string {
  const kind = defaultKinds.get(field);
  if (!kind) {
    throw new Error(`No default kind is defined for spec.${field}`);
  }
  return kind;
}

/**
 * Reads the spec of a ModelKit entity, resolving its entity references with the
 * same defaults as the catalog processor (`modelKitEntityV1alpha1Relations`:
 * `Group` for the owner, `ModelKit` for the base model and datasets, `System`
 * for the system) and the entity's own namespace.
 *
 * @internal
 */
export function readModelKitSpec(entity: Entity): ModelKitSpecView {
  const spec: Record<string, unknown> = entity.spec ?? {};
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const datasets = Array.isArray(spec.datasets) ? spec.datasets : [];
  return {
    type: readString(spec.type),
    owner: resolveRef(spec.owner, defaultKindOf('owner'), namespace),
    lifecycle: readString(spec.lifecycle),
    repository: readString(spec.repository),
    framework: readString(spec.framework),
    license: readString(spec.license),
    baseModel: resolveRef(
      spec.baseModel,
      defaultKindOf('baseModel'),
      namespace,
    ),
    datasets: datasets.flatMap(d => {
      const resolved = resolveRef(d, defaultKindOf('datasets'), namespace);
      return resolved ? [resolved] : [];
    }),
    system: resolveRef(spec.system, defaultKindOf('system'), namespace),
  };
}

/**
 * The `kit pull` command for the latest version of a ModelKit repository, or
 * undefined when the value is not an OCI repository reference.
 *
 * @remarks
 *
 * The repository is written out in full (`docker.io/team/model` for
 * `team/model`), so that `kit`, which assumes its local registry when a
 * reference names none, pulls the repository the catalog means. Only a parsed
 * and re-formatted reference reaches the command, never the raw value.
 *
 * @internal
 */
export function kitPullCommand(repository: string): string | undefined {
  let parsed;
  try {
    parsed = parseOciRepository(repository);
  } catch {
    return undefined;
  }
  return `kit pull ${formatOciReference(withOciTag(parsed, 'latest'))}`;
}
