import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ResourceId } from '../kubernetes/resources';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import {
  MatchedObjects,
  matchService,
  selectsObject,
  ServiceMatcher,
} from './matchService';
import { labelsOf } from './objects';
import { KUBERNETES_ID_LABEL, SnapshotIndex } from './SnapshotIndex';

/** The resource types that are a service's own workloads (not shared GitOps objects). */
const WORKLOAD_RESOURCES: readonly ResourceId[] = [
  'deployments',
  'replicaSets',
  'pods',
  'services',
  'inferenceServices',
  'llmInferenceServices',
  'rollouts',
  'analysisRuns',
];

/**
 * The services a caller may not see, indexed to answer quickly whether one of them claims a
 * workload: by `backstage.io/kubernetes-id`, and a list of those that use a label selector.
 *
 * @internal
 */
export class HiddenServices {
  readonly #byId = new Map<string, ServiceMatcher[]>();
  readonly #bySelector: ServiceMatcher[] = [];

  constructor(matchers: ServiceMatcher[]) {
    for (const matcher of matchers) {
      if (matcher.labelSelector) {
        this.#bySelector.push(matcher);
      } else if (matcher.selector.kubernetesId) {
        const list = this.#byId.get(matcher.selector.kubernetesId) ?? [];
        list.push(matcher);
        this.#byId.set(matcher.selector.kubernetesId, list);
      }
    }
  }

  /** True when no service is hidden from the caller. */
  get empty(): boolean {
    return this.#byId.size === 0 && this.#bySelector.length === 0;
  }

  /** The hidden services whose selector matches this object's labels and namespace. */
  claimantsOf(object: KubernetesObjectLike): ServiceMatcher[] {
    const id = labelsOf(object)?.[KUBERNETES_ID_LABEL];
    return [
      ...(id ? this.#byId.get(id) ?? [] : []),
      ...this.#bySelector,
    ].filter(matcher => selectsObject(matcher, object));
  }

  /**
   * The objects of one service on a cluster, without the workloads that a hidden service also
   * claims (with the ReplicaSets and Pods those own): when two Components select the same
   * workload, a caller who may read only one of them is not shown it.
   */
  withoutHidden(
    snapshot: ClusterSnapshot,
    matched: MatchedObjects,
  ): MatchedObjects {
    if (this.empty) return matched;
    const claimants = new Set<ServiceMatcher>();
    for (const id of WORKLOAD_RESOURCES) {
      for (const object of matched[id] ?? []) {
        for (const claimant of this.claimantsOf(object))
          claimants.add(claimant);
      }
    }
    if (claimants.size === 0) return matched;
    const index = SnapshotIndex.of(snapshot);
    const hidden = new Set<KubernetesObjectLike>();
    for (const claimant of claimants) {
      const theirs = matchService(index, claimant);
      for (const id of WORKLOAD_RESOURCES) {
        for (const object of theirs[id] ?? []) hidden.add(object);
      }
    }
    const result = { ...matched };
    for (const id of WORKLOAD_RESOURCES) {
      if (result[id]) result[id] = result[id].filter(o => !hidden.has(o));
    }
    return result;
  }
}
