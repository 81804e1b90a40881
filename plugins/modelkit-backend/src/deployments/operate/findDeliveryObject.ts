import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import {
  RESOURCE_TYPES,
  ResourceId,
  ResourceType,
} from '../kubernetes/resources';
import type { HiddenServices } from '../matching/hiddenWorkloads';
import { matchService, ServiceMatcher } from '../matching/matchService';
import { nameOf, namespaceOf } from '../matching/objects';
import { DELIVERY_RESOURCES, SnapshotIndex } from '../matching/SnapshotIndex';

/**
 * One delivery object a Component's view shows, as the cluster's snapshot holds it, and
 * where it is patched.
 *
 * @internal
 */
export interface FoundDeliveryObject {
  object: KubernetesObjectLike;
  /** `kustomize.toolkit.fluxcd.io/v1`: the version the snapshot read it in. */
  apiVersion: string;
  /** The object's path on the Kubernetes API. */
  path: string;
  /** The snapshot it was found in. */
  snapshot: ClusterSnapshot;
  /** Its resource type in the snapshot. */
  resource: ResourceId;
}

/**
 * Finds the delivery object a request names among the objects Kitstage itself matched to the
 * Component on that cluster (its Kustomizations, HelmReleases and their sources, its Argo CD
 * Applications), exactly as its Deployments view finds them for the caller: without those
 * that a Component hidden from the caller reaches (`hidden`, see
 * `ComponentVisibility.hiddenClaimantsOf` and `HiddenServices.withoutHidden`). An object the
 * Component's view does not show the caller is never returned, whatever the request names,
 * and is not found exactly as a missing one is, so that the answer does not tell whether a
 * hidden team's object exists.
 *
 * @throws NotFoundError when no such cluster is configured or the object is not one of the
 *   Component's delivery objects there that the caller may be shown; ServiceUnavailableError
 *   when the cluster cannot be read now.
 * @internal
 */
export function findDeliveryObject(
  snapshots: ClusterSnapshot[],
  component: { matcher: ServiceMatcher; hidden: HiddenServices },
  target: { cluster: string; kind: string; namespace: string; name: string },
  componentRef: string,
): FoundDeliveryObject {
  const snapshot = snapshots.find(s => s.name === target.cluster);
  if (!snapshot) {
    throw new NotFoundError(
      `No cluster named ${JSON.stringify(
        target.cluster,
      )} is configured for the Kubernetes plugin`,
    );
  }
  if (snapshot.error) {
    throw new ServiceUnavailableError(
      `Cluster ${target.cluster} cannot be read now (${snapshot.error.kind}): ${snapshot.error.message}`,
    );
  }
  const id = DELIVERY_RESOURCES[target.kind];
  const resource = RESOURCE_TYPES.find(r => r.id === id);
  const candidates = id
    ? component.hidden.withoutHidden(
        snapshot,
        matchService(SnapshotIndex.of(snapshot), component.matcher),
      )[id] ?? []
    : [];
  const object = candidates.find(
    candidate =>
      namespaceOf(candidate) === target.namespace &&
      nameOf(candidate) === target.name,
  );
  if (!object || !resource || !id) {
    throw new NotFoundError(
      `${target.kind} ${target.namespace}/${target.name} is not a delivery object of ${componentRef} on cluster ${target.cluster}`,
    );
  }
  const apiVersion = versionOf(object, resource);
  return {
    object,
    apiVersion,
    path: pathOf(resource, apiVersion, object),
    snapshot,
    resource: id,
  };
}

/** The object's API version, when the snapshot read it in a version of its resource type. */
function versionOf(object: KubernetesObjectLike, resource: ResourceType) {
  const [group, version] = (object.apiVersion ?? '').split('/');
  return group === resource.group && resource.versions.includes(version)
    ? `${group}/${version}`
    : `${resource.group}/${resource.versions[0]}`;
}

function pathOf(
  resource: ResourceType,
  apiVersion: string,
  object: KubernetesObjectLike,
): string {
  return `/apis/${apiVersion}/namespaces/${encodeURIComponent(
    namespaceOf(object) ?? '',
  )}/${resource.plural}/${encodeURIComponent(nameOf(object))}`;
}
