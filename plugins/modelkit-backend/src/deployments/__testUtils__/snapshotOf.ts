import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import { RESOURCE_TYPES, ResourceId } from '../kubernetes/resources';

/** A snapshot holding the given objects, sorted into resource types by kind. */
export function snapshotOf(
  name: string,
  objects: readonly KubernetesObjectLike[],
): ClusterSnapshot {
  const byKind = Object.fromEntries(
    RESOURCE_TYPES.map(r => [r.id, [] as KubernetesObjectLike[]]),
  ) as Record<ResourceId, KubernetesObjectLike[]>;
  for (const object of objects) {
    const resource = RESOURCE_TYPES.find(r => r.kind === object.kind);
    if (resource) byKind[resource.id].push(object);
  }
  return {
    name,
    observedAt: new Date(0).toISOString(),
    warnings: [],
    apis: { flux: true, argoCd: true, kserve: true },
    objects: byKind,
  };
}
