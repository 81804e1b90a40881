import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import type { MatchedObjects } from './matchService';
import { nameOf, namespaceOf } from './objects';
import { SnapshotIndex } from './SnapshotIndex';
import { isLivePod, podsOf } from './summarize';

/**
 * A workload of a cluster with the objects that belong to it.
 *
 * @internal
 */
export interface ClusterWorkload {
  /** The Deployment or InferenceService. */
  workload: KubernetesObjectLike;
  /** The workload, its ReplicaSets and its live Pods; every other list is empty. */
  objects: MatchedObjects;
}

/**
 * The workloads of a cluster with the objects that belong to each: a Deployment with its
 * ReplicaSets and their Pods, an InferenceService with its predictor Pods. Sorted by
 * `namespace/name`.
 *
 * @internal
 */
export function workloadsOf(snapshot: ClusterSnapshot): ClusterWorkload[] {
  const index = SnapshotIndex.of(snapshot);
  const empty = () =>
    Object.fromEntries(
      Object.keys(snapshot.objects).map(id => [id, []]),
    ) as unknown as MatchedObjects;
  const result: ClusterWorkload[] = [];
  for (const deployment of snapshot.objects.deployments) {
    const objects = empty();
    objects.deployments = [deployment];
    objects.replicaSets = index
      .owned(deployment)
      .filter(o => o.kind === 'ReplicaSet');
    objects.pods = objects.replicaSets.flatMap(rs =>
      index.owned(rs).filter(o => o.kind === 'Pod' && isLivePod(o)),
    );
    result.push({ workload: deployment, objects });
  }
  for (const service of snapshot.objects.inferenceServices) {
    const objects = empty();
    objects.inferenceServices = [service];
    objects.pods = podsOf(
      { ...objects, pods: snapshot.objects.pods },
      service,
    ).filter(isLivePod);
    result.push({ workload: service, objects });
  }
  return result.sort((a, b) =>
    `${namespaceOf(a.workload)}/${nameOf(a.workload)}`.localeCompare(
      `${namespaceOf(b.workload)}/${nameOf(b.workload)}`,
    ),
  );
}
