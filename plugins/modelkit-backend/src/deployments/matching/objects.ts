import type {
  DeploymentObjectRef,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';

/** Helpers to read the loosely typed objects of a snapshot. @internal */
export type JsonRecord = Record<string, unknown>;

/** @internal */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @internal */
export function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * A non-empty string an object reports, cut to `max` characters (ending in `…`), so one
 * object cannot bloat every view that shows it.
 *
 * @internal
 */
export function readBoundedString(
  value: unknown,
  max: number,
): string | undefined {
  const text = readString(value);
  if (text === undefined || text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

const RFC3339 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A time an object reports (`metav1.Time`, RFC 3339), or undefined when the value is not
 * one.
 *
 * @internal
 */
export function readTimestamp(value: unknown): string | undefined {
  return typeof value === 'string' &&
    value.length <= 40 &&
    RFC3339.test(value) &&
    !Number.isNaN(Date.parse(value))
    ? value
    : undefined;
}

/** @internal */
export function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/** @internal */
export function readPath(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** @internal */
export function nameOf(object: KubernetesObjectLike): string {
  return readString(object.metadata?.name) ?? '';
}

/** @internal */
export function namespaceOf(object: KubernetesObjectLike): string | undefined {
  return readString(object.metadata?.namespace);
}

/** @internal */
export function uidOf(object: KubernetesObjectLike): string | undefined {
  return readString(object.metadata?.uid);
}

/** @internal */
export function labelsOf(
  object: KubernetesObjectLike,
): Record<string, string> | undefined {
  const labels = object.metadata?.labels;
  return isRecord(labels) ? (labels as Record<string, string>) : undefined;
}

/** @internal */
export function annotationsOf(
  object: KubernetesObjectLike,
): Record<string, string> | undefined {
  const annotations = object.metadata?.annotations;
  return isRecord(annotations)
    ? (annotations as Record<string, string>)
    : undefined;
}

/** The uids of an object's owners. @internal */
export function ownerUidsOf(object: KubernetesObjectLike): string[] {
  const owners = object.metadata?.ownerReferences;
  return Array.isArray(owners)
    ? owners
        .map(owner => readString(readPath(owner, 'uid')))
        .filter((uid): uid is string => uid !== undefined)
    : [];
}

/** `namespace/name`, the key of namespaced objects in the index. @internal */
export function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** @internal */
export function refOf(object: KubernetesObjectLike): DeploymentObjectRef {
  const ref: DeploymentObjectRef = {
    kind: readString(object.kind) ?? 'Unknown',
    name: nameOf(object),
  };
  const apiVersion = readString(object.apiVersion);
  if (apiVersion) ref.apiVersion = apiVersion;
  const namespace = namespaceOf(object);
  if (namespace) ref.namespace = namespace;
  return ref;
}

/** A condition of `status.conditions` by type. @internal */
export function conditionOf(
  object: KubernetesObjectLike,
  type: string,
): { status: string; reason?: string; message?: string } | undefined {
  const conditions = readPath(object.status, 'conditions');
  if (!Array.isArray(conditions)) return undefined;
  const condition = conditions.find(
    c => isRecord(c) && c.type === type && typeof c.status === 'string',
  ) as JsonRecord | undefined;
  if (!condition) return undefined;
  const result: { status: string; reason?: string; message?: string } = {
    status: condition.status as string,
  };
  const reason = readString(condition.reason);
  const message = readString(condition.message);
  if (reason) result.reason = reason;
  if (message) result.message = message;
  return result;
}
