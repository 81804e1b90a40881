import { Entity } from '@backstage/catalog-model';
import type {
  DeploymentEntitySummary,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { matcherOrNone, summarizeEntity } from '../../entities';
import type { ClusterSnapshot } from '../../kubernetes/readClusterSnapshot';
import type { HiddenServices } from '../../matching/hiddenWorkloads';
import { selectsObject, ServiceMatcher } from '../../matching/matchService';
import { labelsOf } from '../../matching/objects';
import { KUBERNETES_ID_LABEL } from '../../matching/SnapshotIndex';
import { workloadsOf } from '../../matching/workloadsOf';
import {
  CollectedModelKit,
  collectModelKits,
} from '../../modelkits/collectModelKits';

/**
 * A Component the caller may see, with how to find its objects.
 *
 * @internal
 */
export interface VisibleService {
  matcher: ServiceMatcher;
  summary: DeploymentEntitySummary;
}

/**
 * A version of the ModelKit that a workload runs, and the service the workload belongs to.
 *
 * @internal
 */
export interface RunningVersion {
  snapshot: ClusterSnapshot;
  workload: KubernetesObjectLike;
  version: CollectedModelKit;
  /** The first visible Component that selects the workload. */
  service?: VisibleService;
  /** The workload's `backstage.io/kubernetes-id` label. */
  kubernetesId?: string;
}

/**
 * The readable Components that name their objects on clusters; those without deployment
 * annotations or with an invalid label selector are left out.
 *
 * @internal
 */
export function visibleServicesOf(components: Entity[]): VisibleService[] {
  return components.flatMap(component =>
    matcherOrNone(component).map(matcher => ({
      matcher,
      summary: summarizeEntity(component),
    })),
  );
}

/**
 * Every workload on the readable clusters that runs a version of the repository (compared
 * without case), in the order of the clusters and their workloads. A workload is not listed
 * at all when a Component the caller cannot see selects it or any object it is built from
 * (its ReplicaSets and Pods, an LLMInferenceService's Deployments), as the Component view
 * decides it (see `HiddenServices.claimantsIn`), even when a visible Component selects it too.
 *
 * @internal
 */
export function findRunningVersions(
  snapshots: ClusterSnapshot[],
  repository: string,
  services: VisibleService[],
  hidden: HiddenServices,
): RunningVersion[] {
  const wanted = repository.toLowerCase();
  const found: RunningVersion[] = [];
  for (const snapshot of snapshots) {
    if (snapshot.error) continue;
    for (const { workload, objects } of workloadsOf(snapshot)) {
      for (const version of collectModelKits(objects)) {
        if (version.repository.toLowerCase() !== wanted) continue;
        if (hidden.claimantsIn(objects).size > 0) continue;
        const kubernetesId = labelsOf(workload)?.[KUBERNETES_ID_LABEL];
        const service = services.find(({ matcher }) =>
          selectsObject(matcher, workload),
        );
        found.push({
          snapshot,
          workload,
          version,
          ...(service ? { service } : {}),
          ...(kubernetesId ? { kubernetesId } : {}),
        });
      }
    }
  }
  return found;
}
