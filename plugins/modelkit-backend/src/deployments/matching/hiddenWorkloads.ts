import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ResourceId } from '../kubernetes/resources';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import {
  APPLIED_RESOURCES,
  fluxOwnersOf,
  fluxSourceOf,
  MatchedObjects,
  matchService,
  selectsObject,
  ServiceMatcher,
} from './matchService';
import { labelsOf, nameOf } from './objects';
import {
  DELIVERY_IDS,
  KUBERNETES_ID_LABEL,
  push,
  SnapshotIndex,
} from './SnapshotIndex';

/**
 * The resource types whose objects may name the delivery object that applied them: the
 * applied workloads, and HelmReleases, which carry the labels of the Kustomization that
 * applied them.
 */
const NAMING_RESOURCES: readonly ResourceId[] = [
  ...APPLIED_RESOURCES,
  'helmReleases',
];

/** The resource types of delivery objects that a label selector may pick themselves. */
const LABELLED_DELIVERIES = [
  'kustomizations',
  'helmReleases',
  'applications',
] as const satisfies readonly ResourceId[];

/**
 * How objects lead to the delivery objects of one snapshot, whoever asks: built once per
 * snapshot (kept by the snapshot's identity), so that a view asks only about the delivery
 * objects it shows.
 */
interface DeliveryLinks {
  /**
   * Kustomization, HelmRelease or Application → the objects of `NAMING_RESOURCES` whose Flux
   * labels name it or that it tracks.
   */
  named: Map<KubernetesObjectLike, KubernetesObjectLike[]>;
  /** The objects of `LABELLED_DELIVERIES`: a selector picking one reaches it. */
  labelled: Set<KubernetesObjectLike>;
  /** The Applications: an `argocd/app-name` naming one reaches it. */
  applications: Set<KubernetesObjectLike>;
  /** Flux source → the Kustomizations and HelmReleases reading from it. */
  readers: Map<KubernetesObjectLike, KubernetesObjectLike[]>;
}

const linksBySnapshot = new WeakMap<ClusterSnapshot, DeliveryLinks>();

/** The delivery links of a snapshot, built on first use. */
function deliveryLinksOf(snapshot: ClusterSnapshot): DeliveryLinks {
  const kept = linksBySnapshot.get(snapshot);
  if (kept) return kept;
  const index = SnapshotIndex.of(snapshot);
  const links: DeliveryLinks = {
    named: new Map(),
    labelled: new Set(),
    applications: new Set(snapshot.objects.applications ?? []),
    readers: new Map(),
  };
  for (const id of NAMING_RESOURCES) {
    for (const object of snapshot.objects[id] ?? []) {
      for (const { owner } of fluxOwnersOf(index, object)) {
        push(links.named, owner, object);
      }
      for (const application of index.applicationsOf(object)) {
        push(links.named, application, object);
      }
    }
  }
  for (const id of LABELLED_DELIVERIES) {
    for (const object of snapshot.objects[id] ?? []) {
      links.labelled.add(object);
      const source =
        object.kind === 'Application' ? undefined : fluxSourceOf(index, object);
      if (source) push(links.readers, source.source, object);
    }
  }
  linksBySnapshot.set(snapshot, links);
  return links;
}

const NONE: ReadonlySet<ServiceMatcher> = new Set();

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
    {
      direct: Map<KubernetesObjectLike, ReadonlySet<ServiceMatcher>>;
      reachers: Map<KubernetesObjectLike, ReadonlySet<ServiceMatcher>>;
    }
  >();

  constructor(matchers: ServiceMatcher[]) {
    for (const matcher of matchers) {
      for (const name of matcher.argoCdAppNames ?? []) {
        push(this.#byAppName, name, matcher);
      }
      if (matcher.labelSelector) {
        this.#bySelector.push(matcher);
      } else if (matcher.selector.kubernetesId) {
        push(this.#byId, matcher.selector.kubernetesId, matcher);
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
   * The hidden services that claim any of the workloads among these objects or any object
   * they are built from: Deployments, ReplicaSets, Pods, Services, InferenceServices,
   * LLMInferenceServices, Rollouts and AnalysisRuns.
   */
  claimantsIn(objects: MatchedObjects): Set<ServiceMatcher> {
    const claimants = new Set<ServiceMatcher>();
    if (this.empty) return claimants;
    for (const id of WORKLOAD_RESOURCES) {
      for (const object of objects[id] ?? []) {
        for (const claimant of this.claimantsOf(object)) {
          claimants.add(claimant);
        }
      }
    }
    return claimants;
  }

  /**
   * The services that reach a delivery object on a cluster, as their views would find it: a
   * Kustomization or HelmRelease their workloads' Flux labels name, an Application tracking
   * their workloads or named by their `argocd/app-name`, one that carries their labels
   * itself, and the source such a Kustomization or HelmRelease reads from. Empty for any
   * other object.
   *
   * @remarks
   * Only the objects that lead to this one are consulted (from links built once per
   * snapshot), and each answer is kept for the life of this object (one request).
   */
  reachersOf(
    snapshot: ClusterSnapshot,
    object: KubernetesObjectLike,
  ): ReadonlySet<ServiceMatcher> {
    if (this.empty) return NONE;
    const memo = this.#memoOf(snapshot);
    const kept = memo.reachers.get(object);
    if (kept) return kept;
    const links = deliveryLinksOf(snapshot);
    const direct = this.#directReachers(snapshot, links, object);
    const readers = links.readers.get(object);
    let reachers = direct;
    if (readers) {
      const all = new Set(direct);
      for (const reader of readers) {
        for (const m of this.#directReachers(snapshot, links, reader)) {
          all.add(m);
        }
      }
      reachers = all;
    }
    memo.reachers.set(object, reachers);
    return reachers;
  }

  #memoOf(snapshot: ClusterSnapshot) {
    let memo = this.#reached.get(snapshot);
    if (!memo) {
      memo = { direct: new Map(), reachers: new Map() };
      this.#reached.set(snapshot, memo);
    }
    return memo;
  }

  /** Those reaching a delivery object other than through the object it reads from. */
  #directReachers(
    snapshot: ClusterSnapshot,
    links: DeliveryLinks,
    object: KubernetesObjectLike,
  ): ReadonlySet<ServiceMatcher> {
    const memo = this.#memoOf(snapshot);
    const kept = memo.direct.get(object);
    if (kept) return kept;
    const reachers = new Set<ServiceMatcher>();
    for (const named of links.named.get(object) ?? []) {
      for (const m of this.claimantsOf(named)) reachers.add(m);
    }
    if (links.labelled.has(object)) {
      for (const m of this.claimantsOf(object)) reachers.add(m);
    }
    if (links.applications.has(object)) {
      for (const m of this.#byAppName.get(nameOf(object)) ?? []) {
        reachers.add(m);
      }
    }
    const found = reachers.size > 0 ? reachers : NONE;
    memo.direct.set(object, found);
    return found;
  }

  /**
   * The objects of one service on a cluster, without the workloads that a hidden service also
   * claims (with the ReplicaSets and Pods those own) and without the delivery objects a
   * hidden service reaches (see `reachersOf`): when two Components select the same
   * workload or delivery object, a caller who may read only one of them is not shown it.
   */
  withoutHidden(
    snapshot: ClusterSnapshot,
    matched: MatchedObjects,
  ): MatchedObjects {
    if (this.empty) return matched;
    const reached = (object: KubernetesObjectLike) =>
      this.reachersOf(snapshot, object).size > 0;
    const hiddenDeliveries = DELIVERY_IDS.some(id =>
      (matched[id] ?? []).some(reached),
    );
    const claimants = this.claimantsIn(matched);
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
      if (result[id]) result[id] = result[id].filter(o => !reached(o));
    }
    return result;
  }
}
