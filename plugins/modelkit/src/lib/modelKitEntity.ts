import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';

/**
 * The kind of ModelKit entities, as written in catalog descriptors.
 *
 * @internal
 */
export const MODELKIT_ENTITY_KIND = 'ModelKit';

/**
 * Tells whether an entity is a ModelKit. Suited as the `if` of an
 * `EntitySwitch.Case` in apps on the legacy frontend system.
 *
 * @remarks
 *
 * The kind is compared case-insensitively, as the catalog does.
 *
 * @public
 */
export function isModelKitEntity(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'modelkit';
}

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

/**
 * Reads the spec of a ModelKit entity, resolving its entity references with the
 * same defaults as the catalog processor: `Group` for the owner, `ModelKit` for
 * the base model and datasets, `System` for the system, and the entity's own
 * namespace.
 *
 * @internal
 */
export function readModelKitSpec(entity: Entity): ModelKitSpecView {
  const spec: Record<string, unknown> = entity.spec ?? {};
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const datasets = Array.isArray(spec.datasets) ? spec.datasets : [];
  return {
    type: readString(spec.type),
    owner: resolveRef(spec.owner, 'Group', namespace),
    lifecycle: readString(spec.lifecycle),
    repository: readString(spec.repository),
    framework: readString(spec.framework),
    license: readString(spec.license),
    baseModel: resolveRef(spec.baseModel, MODELKIT_ENTITY_KIND, namespace),
    datasets: datasets.flatMap(d => {
      const resolved = resolveRef(d, MODELKIT_ENTITY_KIND, namespace);
      return resolved ? [resolved] : [];
    }),
    system: resolveRef(spec.system, 'System', namespace),
  };
}

// Registry hosts, ports and repository paths only use these characters. Anything
// else (spaces, quotes, `;`, `$`...) means the value is not a plain repository and
// must not be offered as a command to paste into a shell.
const PLAIN_REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9._\-/:]*$/;

/**
 * The `kit pull` command for the latest version of a ModelKit repository, or
 * undefined when the repository contains characters that have no place in an
 * OCI repository reference.
 *
 * @internal
 */
export function kitPullCommand(repository: string): string | undefined {
  if (!PLAIN_REPOSITORY.test(repository) || repository.includes('//')) {
    return undefined;
  }
  return `kit pull ${repository}:latest`;
}
