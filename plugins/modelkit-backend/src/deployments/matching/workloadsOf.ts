import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import type { MatchedObjects } from './matchService';
import { nameOf, namespaceOf } from './objects';
import { SnapshotIndex } from './SnapshotIndex';
import {
  deploymentsOfLLMInferenceService,
  isLivePod,
  podsOf,
} from './summarize';

/**
 * A workload of a cluster with the objects that belong to it.
 *
 * @internal
 */
export interface ClusterWorkload {
  /** The Deployment, Rollout, InferenceService or LLMInferenceService. */
  workload: KubernetesObjectLike;
  /** The workload, its ReplicaSets and its live Pods; every other list is empty. */
  objects: MatchedObjects;
}

/**
 * The workloads of a cluster with the objects that belong to each: a Deployment or Argo
 * Rollout with its ReplicaSets and their Pods, an InferenceService with its predictor Pods,
 * an LLMInferenceService with its Deployments, their ReplicaSets and Pods (those Deployments
 * are not listed on their own). Sorted by `namespace/name`.
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
  const replicaSetsOf = (owners: KubernetesObjectLike[]) =>
    owners.flatMap(owner =>
      index.owned(owner).filter(o => o.kind === 'ReplicaSet'),
    );
  const podsOfReplicaSets = (replicaSets: KubernetesObjectLike[]) =>
    replicaSets.flatMap(rs =>
      index.owned(rs).filter(o => o.kind === 'Pod' && isLivePod(o)),
    );
  const ofLLMServices = new Set<KubernetesObjectLike>();
  for (const service of snapshot.objects.llmInferenceServices) {
    const objects = empty();
    objects.llmInferenceServices = [service];
    objects.deployments = deploymentsOfLLMInferenceService(
      { ...objects, deployments: snapshot.objects.deployments },
      service,
    );
    objects.deployments.forEach(d => ofLLMServices.add(d));
    objects.replicaSets = replicaSetsOf(objects.deployments);
    objects.pods = podsOfReplicaSets(objects.replicaSets);
    result.push({ workload: service, objects });
  }
  for (const deployment of snapshot.objects.deployments) {
    if (ofLLMServices.has(deployment)) continue;
    const objects = empty();
    objects.deployments = [deployment];
    objects.replicaSets = replicaSetsOf([deployment]);
    objects.pods = podsOfReplicaSets(objects.replicaSets);
    result.push({ workload: deployment, objects });
  }
  for (const rollout of snapshot.objects.rollouts) {
    const objects = empty();
    objects.rollouts = [rollout];
    objects.replicaSets = replicaSetsOf([rollout]);
    objects.pods = podsOfReplicaSets(objects.replicaSets);
    result.push({ workload: rollout, objects });
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
