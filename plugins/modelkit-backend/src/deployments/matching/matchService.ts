import type {
  DeploymentSelector,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import type { ResourceId } from '../kubernetes/resources';
import { LabelSelector, matchesLabelSelector } from './labelSelector';
import {
  isRecord,
  keyOf,
  labelsOf,
  namespaceOf,
  readPath,
  readString,
} from './objects';
import {
  KUBERNETES_ID_LABEL,
  LABELLED_RESOURCES,
  SnapshotIndex,
} from './SnapshotIndex';

/** Labels Flux's kustomize-controller and helm-controller set on what they apply. */
const FLUX_LABELS = [
  {
    kind: 'kustomizations' as const,
    name: 'kustomize.toolkit.fluxcd.io/name',
    namespace: 'kustomize.toolkit.fluxcd.io/namespace',
  },
  {
    kind: 'helmReleases' as const,
    name: 'helm.toolkit.fluxcd.io/name',
    namespace: 'helm.toolkit.fluxcd.io/namespace',
  },
];

/**
 * The Flux source kinds a Kustomization (`spec.sourceRef`) or HelmRelease (`spec.chartRef`,
 * `spec.chart.spec.sourceRef`) may name, with their lookup in the index.
 */
const FLUX_SOURCES: ReadonlyMap<
  string,
  'gitRepositories' | 'ociRepositories' | 'helmRepositories' | 'buckets'
> = new Map([
  ['GitRepository', 'gitRepositories'],
  ['OCIRepository', 'ociRepositories'],
  ['HelmRepository', 'helmRepositories'],
  ['Bucket', 'buckets'],
]);

/**
 * The resource types of the objects a delivery object applies: the workloads whose Flux labels
 * (`kustomize.toolkit.fluxcd.io/*`, `helm.toolkit.fluxcd.io/*`) and Argo CD tracking name the
 * Kustomization, HelmRelease or Application that applied them.
 *
 * @internal
 */
export const APPLIED_RESOURCES = [
  'deployments',
  'services',
  'inferenceServices',
  'llmInferenceServices',
  'rollouts',
] as const satisfies readonly ResourceId[];

/**
 * How to find a service's objects on a cluster.
 *
 * @internal
 */
export interface ServiceMatcher {
  selector: DeploymentSelector;
  /** The parsed `labelSelector`, which wins over `kubernetesId` when both are set. */
  labelSelector?: LabelSelector;
  /** Argo CD Application names the Component names (`argocd/app-name`). */
  argoCdAppNames?: string[];
}

/**
 * Whether a service's selector picks one object by its own labels and namespace: the label
 * selector when the service has one, else the `backstage.io/kubernetes-id` label.
 *
 * @internal
 */
export function selectsObject(
  matcher: ServiceMatcher,
  object: KubernetesObjectLike,
): boolean {
  const labels = labelsOf(object);
  return (
    (matcher.labelSelector
      ? matchesLabelSelector(matcher.labelSelector, labels)
      : matcher.selector.kubernetesId === labels?.[KUBERNETES_ID_LABEL]) &&
    (!matcher.selector.namespace ||
      matcher.selector.namespace === namespaceOf(object))
  );
}

/**
 * The objects of one service on one cluster, by resource type, each at most once.
 *
 * @internal
 */
export type MatchedObjects = Record<ResourceId, KubernetesObjectLike[]>;

/**
 * Finds the objects of a service on a cluster.
 *
 * @remarks
 * Workloads (Deployments, ReplicaSets, Pods, Services, Argo Rollouts, InferenceServices and
 * LLMInferenceServices) match the `backstage.io/kubernetes-id` label, or the label selector,
 * as in the Kubernetes plugin; what a matched object owns joins them: the Deployments of an
 * LLMInferenceService, the ReplicaSets of a Deployment or Rollout, a Rollout's AnalysisRuns
 * and the Pods of a ReplicaSet. Flux
 * Kustomizations and HelmReleases are found from the `kustomize.toolkit.fluxcd.io/*` and
 * `helm.toolkit.fluxcd.io/*` labels of the matched objects (and of matched HelmReleases, for
 * a HelmRelease applied by a Kustomization), their GitRepositories, OCIRepositories,
 * HelmRepositories and Buckets from their source references, and Argo CD Applications from Argo CD's resource tracking
 * (`app.kubernetes.io/instance`, `argocd.argoproj.io/tracking-id`, `status.resources`).
 * GitOps objects that carry the label themselves match too.
 *
 * @internal
 */
export function matchService(
  index: SnapshotIndex,
  matcher: ServiceMatcher,
): MatchedObjects {
  const { snapshot } = index;
  const namespace = matcher.selector.namespace;
  const sets = Object.fromEntries(
    Object.keys(snapshot.objects).map(id => [id, new Set()]),
  ) as Record<ResourceId, Set<KubernetesObjectLike>>;
  const inNamespace = (object: KubernetesObjectLike) =>
    !namespace || namespaceOf(object) === namespace;

  for (const resource of LABELLED_RESOURCES) {
    let candidates: KubernetesObjectLike[];
    if (matcher.labelSelector) {
      const selector = matcher.labelSelector;
      candidates = snapshot.objects[resource].filter(object =>
        matchesLabelSelector(selector, labelsOf(object)),
      );
    } else if (matcher.selector.kubernetesId) {
      candidates =
        index.byKubernetesId.get(matcher.selector.kubernetesId)?.[resource] ??
        [];
    } else {
      candidates = [];
    }
    for (const object of candidates) {
      // GitOps objects usually live in flux-system or argocd, not the workload namespace.
      const gitOps =
        resource === 'kustomizations' ||
        resource === 'helmReleases' ||
        resource === 'applications';
      if (gitOps || inNamespace(object)) sets[resource].add(object);
    }
  }

  // The Deployments an LLMInferenceService runs its model in; ReplicaSets of matched
  // Deployments and Rollouts, a Rollout's AnalysisRuns, Pods of matched ReplicaSets.
  for (const service of sets.llmInferenceServices) {
    for (const owned of index.owned(service)) {
      if (owned.kind === 'Deployment') sets.deployments.add(owned);
    }
  }
  for (const deployment of [...sets.deployments, ...sets.rollouts]) {
    for (const owned of index.owned(deployment)) {
      if (owned.kind === 'ReplicaSet') sets.replicaSets.add(owned);
      if (owned.kind === 'AnalysisRun') sets.analysisRuns.add(owned);
    }
  }
  for (const replicaSet of sets.replicaSets) {
    for (const owned of index.owned(replicaSet)) {
      if (owned.kind === 'Pod') sets.pods.add(owned);
    }
  }

  const applied = APPLIED_RESOURCES.flatMap(id => [...sets[id]]);
  const addFluxOwners = (objects: Iterable<KubernetesObjectLike>) => {
    for (const object of objects) {
      for (const { resource, owner } of fluxOwnersOf(index, object)) {
        sets[resource].add(owner);
      }
    }
  };
  addFluxOwners(applied);
  // A HelmRelease applied by a Kustomization carries the Kustomization's labels.
  addFluxOwners([...sets.helmReleases]);

  for (const referrer of [...sets.kustomizations, ...sets.helmReleases]) {
    const found = fluxSourceOf(index, referrer);
    if (found) sets[found.resource].add(found.source);
  }

  for (const object of applied) {
    for (const application of index.applicationsOf(object)) {
      sets.applications.add(application);
    }
  }
  for (const name of matcher.argoCdAppNames ?? []) {
    for (const application of index.applicationsByName.get(name) ?? []) {
      sets.applications.add(application);
    }
  }

  return Object.fromEntries(
    Object.entries(sets).map(([id, set]) => [id, [...set]]),
  ) as MatchedObjects;
}

/**
 * The Flux Kustomizations and HelmReleases that say they applied an object, from the
 * `kustomize.toolkit.fluxcd.io/*` and `helm.toolkit.fluxcd.io/*` labels on it.
 *
 * @internal
 */
export function fluxOwnersOf(
  index: SnapshotIndex,
  object: KubernetesObjectLike,
): Array<{
  resource: 'kustomizations' | 'helmReleases';
  owner: KubernetesObjectLike;
}> {
  const labels = labelsOf(object);
  const owners = [];
  for (const flux of FLUX_LABELS) {
    const name = labels?.[flux.name];
    if (!name) continue;
    const owner = index[flux.kind].get(
      keyOf(labels?.[flux.namespace] ?? namespaceOf(object), name),
    );
    if (owner) owners.push({ resource: flux.kind, owner });
  }
  return owners;
}

/**
 * The source a Kustomization (`spec.sourceRef`) or HelmRelease (`spec.chartRef`, or its
 * chart's `sourceRef`) reads from, when the snapshot holds it.
 *
 * @internal
 */
export function fluxSourceOf(
  index: SnapshotIndex,
  referrer: KubernetesObjectLike,
):
  | {
      resource:
        | 'gitRepositories'
        | 'ociRepositories'
        | 'helmRepositories'
        | 'buckets';
      source: KubernetesObjectLike;
    }
  | undefined {
  const sourceRef =
    referrer.kind === 'Kustomization'
      ? readPath(referrer.spec, 'sourceRef')
      : readPath(referrer.spec, 'chartRef') ??
        readPath(referrer.spec, 'chart', 'spec', 'sourceRef');
  if (!isRecord(sourceRef)) return undefined;
  const kind = readString(sourceRef.kind);
  const name = readString(sourceRef.name);
  if (!name) return undefined;
  const key = keyOf(
    readString(sourceRef.namespace) ?? namespaceOf(referrer),
    name,
  );
  const resource = kind ? FLUX_SOURCES.get(kind) : undefined;
  const source = resource ? index[resource].get(key) : undefined;
  return resource && source ? { resource, source } : undefined;
}

/** Whether a service has any object on the cluster. @internal */
export function hasObjects(matched: MatchedObjects): boolean {
  return Object.values(matched).some(list => list.length > 0);
}
