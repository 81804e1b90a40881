import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import type { ResourceId } from '../kubernetes/resources';
import {
  annotationsOf,
  keyOf,
  labelsOf,
  nameOf,
  namespaceOf,
  ownerUidsOf,
  readPath,
  readString,
  uidOf,
} from './objects';

/** The label of the Backstage Kubernetes plugin that ties objects to a Component. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** Argo CD's resource tracking annotation: `<app>:<group>/<kind>:<namespace>/<name>`. */
export const ARGOCD_TRACKING_ID = 'argocd.argoproj.io/tracking-id';

/** The label Argo CD's default tracking (and `app.kubernetes.io/instance`) sets. */
export const ARGOCD_INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** The resource types that hold workloads of a service, matched by label. */
export const LABELLED_RESOURCES = [
  'deployments',
  'replicaSets',
  'pods',
  'services',
  'inferenceServices',
  'llmInferenceServices',
  'rollouts',
  'kustomizations',
  'helmReleases',
  'applications',
] as const satisfies readonly ResourceId[];

/** @internal */
export type LabelledResource = (typeof LABELLED_RESOURCES)[number];

/**
 * The delivery objects' kinds (Flux objects and their sources, Argo CD Applications), by the
 * snapshot's resource type: those the views summarise and the actions operate.
 *
 * @internal
 */
export const DELIVERY_RESOURCES: Readonly<Record<string, ResourceId>> = {
  Kustomization: 'kustomizations',
  HelmRelease: 'helmReleases',
  GitRepository: 'gitRepositories',
  OCIRepository: 'ociRepositories',
  HelmRepository: 'helmRepositories',
  Bucket: 'buckets',
  Application: 'applications',
};

/**
 * The resource types of the delivery objects, the values of {@link DELIVERY_RESOURCES}.
 *
 * @internal
 */
export const DELIVERY_IDS: readonly ResourceId[] =
  Object.values(DELIVERY_RESOURCES);

/**
 * Adds a value to the list a map keeps under a key, starting the list when there is none.
 *
 * @internal
 */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Lookups over one snapshot, built once and shared by every service matched against it: the
 * fleet page matches hundreds of services against the same snapshot.
 *
 * @internal
 */
export class SnapshotIndex {
  readonly snapshot: ClusterSnapshot;
  /** `backstage.io/kubernetes-id` value → labelled objects per resource type. */
  readonly byKubernetesId = new Map<
    string,
    Partial<Record<LabelledResource, KubernetesObjectLike[]>>
  >();
  /**
   * Owner uid → owned ReplicaSets, Pods, AnalysisRuns (of a Rollout) and Deployments (of an
   * LLMInferenceService).
   */
  readonly ownedBy = new Map<string, KubernetesObjectLike[]>();
  readonly kustomizations = new Map<string, KubernetesObjectLike>();
  readonly helmReleases = new Map<string, KubernetesObjectLike>();
  readonly gitRepositories = new Map<string, KubernetesObjectLike>();
  readonly ociRepositories = new Map<string, KubernetesObjectLike>();
  readonly helmRepositories = new Map<string, KubernetesObjectLike>();
  readonly buckets = new Map<string, KubernetesObjectLike>();
  /** Application name → Applications (of any namespace). */
  readonly applicationsByName = new Map<string, KubernetesObjectLike[]>();
  /** `Kind/namespace/name` of a managed resource → the Applications listing it. */
  readonly applicationsByResource = new Map<string, KubernetesObjectLike[]>();

  static #cache = new WeakMap<ClusterSnapshot, SnapshotIndex>();

  /** The index of a snapshot, built on first use. */
  static of(snapshot: ClusterSnapshot): SnapshotIndex {
    let index = SnapshotIndex.#cache.get(snapshot);
    if (!index) {
      index = new SnapshotIndex(snapshot);
      SnapshotIndex.#cache.set(snapshot, index);
    }
    return index;
  }

  private constructor(snapshot: ClusterSnapshot) {
    this.snapshot = snapshot;
    const { objects } = snapshot;
    for (const resource of LABELLED_RESOURCES) {
      for (const object of objects[resource]) {
        const id = labelsOf(object)?.[KUBERNETES_ID_LABEL];
        if (id) {
          let entry = this.byKubernetesId.get(id);
          if (!entry) {
            entry = {};
            this.byKubernetesId.set(id, entry);
          }
          (entry[resource] ??= []).push(object);
        }
      }
    }
    for (const object of [
      ...objects.replicaSets,
      ...objects.pods,
      ...objects.analysisRuns,
      ...objects.deployments,
    ]) {
      for (const uid of ownerUidsOf(object)) {
        push(this.ownedBy, uid, object);
      }
    }
    const byKey = (
      list: KubernetesObjectLike[],
      map: Map<string, KubernetesObjectLike>,
    ) => {
      for (const object of list) {
        map.set(keyOf(namespaceOf(object), nameOf(object)), object);
      }
    };
    byKey(objects.kustomizations, this.kustomizations);
    byKey(objects.helmReleases, this.helmReleases);
    byKey(objects.gitRepositories, this.gitRepositories);
    byKey(objects.ociRepositories, this.ociRepositories);
    byKey(objects.helmRepositories, this.helmRepositories);
    byKey(objects.buckets, this.buckets);
    for (const application of objects.applications) {
      push(this.applicationsByName, nameOf(application), application);
      const resources = readPath(application.status, 'resources');
      if (Array.isArray(resources)) {
        for (const resource of resources) {
          const kind = readString(readPath(resource, 'kind'));
          const name = readString(readPath(resource, 'name'));
          if (kind && name) {
            push(
              this.applicationsByResource,
              `${kind}/${keyOf(
                readString(readPath(resource, 'namespace')),
                name,
              )}`,
              application,
            );
          }
        }
      }
    }
  }

  /** Objects owned by the object with this uid. */
  owned(object: KubernetesObjectLike): KubernetesObjectLike[] {
    const uid = uidOf(object);
    return uid ? this.ownedBy.get(uid) ?? [] : [];
  }

  /** The Applications tracking an object by label, annotation or `status.resources`. */
  applicationsOf(object: KubernetesObjectLike): KubernetesObjectLike[] {
    const found: KubernetesObjectLike[] = [];
    const instance = labelsOf(object)?.[ARGOCD_INSTANCE_LABEL];
    if (instance) {
      found.push(...(this.applicationsByName.get(instance) ?? []));
    }
    const tracking = annotationsOf(object)?.[ARGOCD_TRACKING_ID];
    if (tracking) {
      const app = tracking.slice(0, tracking.indexOf(':'));
      // With Applications in any namespace the id reads `<namespace>_<name>`.
      const underscore = app.indexOf('_');
      const candidates =
        underscore > 0
          ? (
              this.applicationsByName.get(app.slice(underscore + 1)) ?? []
            ).filter(a => namespaceOf(a) === app.slice(0, underscore))
          : this.applicationsByName.get(app) ?? [];
      found.push(...candidates);
    }
    found.push(
      ...(this.applicationsByResource.get(
        `${object.kind}/${keyOf(namespaceOf(object), nameOf(object))}`,
      ) ?? []),
    );
    return found;
  }
}
