import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ResourceId } from '../kubernetes/resources';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import {
  fluxOwnersOf,
  fluxSourceOf,
  MatchedObjects,
  matchService,
  selectsObject,
  ServiceMatcher,
} from './matchService';
import { labelsOf } from './objects';
import {
  DELIVERY_RESOURCES,
  KUBERNETES_ID_LABEL,
  SnapshotIndex,
} from './SnapshotIndex';

/** The resource types of delivery objects: Flux objects and sources, Argo CD Applications. */
const DELIVERY_IDS: readonly ResourceId[] = Object.values(DELIVERY_RESOURCES);

/** The resource types whose objects a delivery object applies, and that may name it. */
const APPLIED_RESOURCES: readonly ResourceId[] = [
  'deployments',
  'services',
  'inferenceServices',
  'llmInferenceServices',
  'rollouts',
  'helmReleases',
];

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
  readonly #byAppName = new Map<string, ServiceMatcher[]>();
  readonly #reached = new WeakMap<
    ClusterSnapshot,
    Map<KubernetesObjectLike, Set<ServiceMatcher>>
  >();

  constructor(matchers: ServiceMatcher[]) {
    for (const matcher of matchers) {
      for (const name of matcher.argoCdAppNames ?? []) {
        const list = this.#byAppName.get(name) ?? [];
        list.push(matcher);
        this.#byAppName.set(name, list);
      }
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
    return (
      this.#byId.size === 0 &&
      this.#bySelector.length === 0 &&
      this.#byAppName.size === 0
    );
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
   * The delivery objects on a cluster that these services reach, each with the services
   * reaching it, as their views would find them: the Kustomizations and HelmReleases their
   * workloads' Flux labels name, the Applications tracking their workloads or named by their
   * `argocd/app-name`, those that carry their labels themselves, and the sources of those
   * Kustomizations and HelmReleases. One pass over the cluster's objects, kept per snapshot.
   */
  deliveriesReached(
    snapshot: ClusterSnapshot,
  ): ReadonlyMap<KubernetesObjectLike, ReadonlySet<ServiceMatcher>> {
    const kept = this.#reached.get(snapshot);
    if (kept) return kept;
    const reached = new Map<KubernetesObjectLike, Set<ServiceMatcher>>();
    const add = (
      object: KubernetesObjectLike,
      matchers: Iterable<ServiceMatcher>,
    ) => {
      const set = reached.get(object) ?? new Set<ServiceMatcher>();
      for (const m of matchers) set.add(m);
      reached.set(object, set);
    };
    if (!this.empty) {
      const index = SnapshotIndex.of(snapshot);
      for (const id of APPLIED_RESOURCES) {
        for (const object of snapshot.objects[id] ?? []) {
          const claimants = this.claimantsOf(object);
          if (claimants.length === 0) continue;
          for (const { owner } of fluxOwnersOf(index, object)) {
            add(owner, claimants);
          }
          for (const application of index.applicationsOf(object)) {
            add(application, claimants);
          }
        }
      }
      for (const id of [
        'kustomizations',
        'helmReleases',
        'applications',
      ] as const) {
        for (const object of snapshot.objects[id] ?? []) {
          const claimants = this.claimantsOf(object);
          if (claimants.length > 0) add(object, claimants);
        }
      }
      for (const [name, matchers] of this.#byAppName) {
        for (const application of index.applicationsByName.get(name) ?? []) {
          add(application, matchers);
        }
      }
      for (const [object, matchers] of [...reached]) {
        const source =
          object.kind === 'Application'
            ? undefined
            : fluxSourceOf(index, object);
        if (source) add(source.source, matchers);
      }
    }
    this.#reached.set(snapshot, reached);
    return reached;
  }

  /**
   * The objects of one service on a cluster, without the workloads that a hidden service also
   * claims (with the ReplicaSets and Pods those own) and without the delivery objects a
   * hidden service reaches (see `deliveriesReached`): when two Components select the same
   * workload or delivery object, a caller who may read only one of them is not shown it.
   */
  withoutHidden(
    snapshot: ClusterSnapshot,
    matched: MatchedObjects,
  ): MatchedObjects {
    if (this.empty) return matched;
    const reached = this.deliveriesReached(snapshot);
    const hiddenDeliveries = DELIVERY_IDS.some(id =>
      (matched[id] ?? []).some(object => reached.has(object)),
    );
    const claimants = new Set<ServiceMatcher>();
    for (const id of WORKLOAD_RESOURCES) {
      for (const object of matched[id] ?? []) {
        for (const claimant of this.claimantsOf(object))
          claimants.add(claimant);
      }
    }
    if (claimants.size === 0 && !hiddenDeliveries) return matched;
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
    for (const id of DELIVERY_IDS) {
      if (result[id]) result[id] = result[id].filter(o => !reached.has(o));
    }
    return result;
  }
}
