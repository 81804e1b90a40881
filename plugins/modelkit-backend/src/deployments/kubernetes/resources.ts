/**
 * The resource types Kitstage reads from every cluster.
 *
 * @internal
 */
export type ResourceId =
  | 'kustomizations'
  | 'helmReleases'
  | 'gitRepositories'
  | 'ociRepositories'
  | 'helmRepositories'
  | 'buckets'
  | 'applications'
  | 'deployments'
  | 'replicaSets'
  | 'pods'
  | 'services'
  | 'inferenceServices'
  | 'llmInferenceServices'
  | 'rollouts'
  | 'analysisRuns';

/**
 * The optional API family a resource belongs to; `core` resources are always served. The
 * family is told from the API group a cluster serves: `argoCd` is the `argoproj.io` group,
 * which holds Argo CD's Applications and Argo Rollouts' Rollouts and AnalysisRuns alike (a
 * kind whose CRD is not installed lists as empty).
 *
 * @internal
 */
export type ApiFamily = 'core' | 'flux' | 'argoCd' | 'kserve';

/** @internal */
export interface ResourceType {
  id: ResourceId;
  family: ApiFamily;
  /** `''` for the core group. */
  group: string;
  /** Versions Kitstage reads, preferred first; the cluster must serve one of them. */
  versions: readonly string[];
  plural: string;
  kind: string;
}

/**
 * Every resource type read, one list call per cluster each. Older API versions are listed
 * for clusters that do not serve the current one yet (Flux before 2.0 or 2.6 for
 * OCIRepository, HelmRelease and HelmRepository before Flux 2.3, Bucket before Flux 2.5,
 * LLMInferenceService before v1alpha2).
 *
 * @internal
 */
export const RESOURCE_TYPES: readonly ResourceType[] = Object.freeze([
  {
    id: 'kustomizations',
    family: 'flux',
    group: 'kustomize.toolkit.fluxcd.io',
    versions: ['v1', 'v1beta2'],
    plural: 'kustomizations',
    kind: 'Kustomization',
  },
  {
    id: 'helmReleases',
    family: 'flux',
    group: 'helm.toolkit.fluxcd.io',
    versions: ['v2', 'v2beta2', 'v2beta1'],
    plural: 'helmreleases',
    kind: 'HelmRelease',
  },
  {
    id: 'gitRepositories',
    family: 'flux',
    group: 'source.toolkit.fluxcd.io',
    versions: ['v1', 'v1beta2'],
    plural: 'gitrepositories',
    kind: 'GitRepository',
  },
  {
    id: 'ociRepositories',
    family: 'flux',
    group: 'source.toolkit.fluxcd.io',
    versions: ['v1', 'v1beta2'],
    plural: 'ocirepositories',
    kind: 'OCIRepository',
  },
  {
    id: 'helmRepositories',
    family: 'flux',
    group: 'source.toolkit.fluxcd.io',
    versions: ['v1', 'v1beta2'],
    plural: 'helmrepositories',
    kind: 'HelmRepository',
  },
  {
    id: 'buckets',
    family: 'flux',
    group: 'source.toolkit.fluxcd.io',
    versions: ['v1', 'v1beta2'],
    plural: 'buckets',
    kind: 'Bucket',
  },
  {
    id: 'applications',
    family: 'argoCd',
    group: 'argoproj.io',
    versions: ['v1alpha1'],
    plural: 'applications',
    kind: 'Application',
  },
  {
    id: 'deployments',
    family: 'core',
    group: 'apps',
    versions: ['v1'],
    plural: 'deployments',
    kind: 'Deployment',
  },
  {
    id: 'replicaSets',
    family: 'core',
    group: 'apps',
    versions: ['v1'],
    plural: 'replicasets',
    kind: 'ReplicaSet',
  },
  {
    id: 'pods',
    family: 'core',
    group: '',
    versions: ['v1'],
    plural: 'pods',
    kind: 'Pod',
  },
  {
    id: 'services',
    family: 'core',
    group: '',
    versions: ['v1'],
    plural: 'services',
    kind: 'Service',
  },
  {
    id: 'inferenceServices',
    family: 'kserve',
    group: 'serving.kserve.io',
    versions: ['v1beta1'],
    plural: 'inferenceservices',
    kind: 'InferenceService',
  },
  {
    id: 'llmInferenceServices',
    family: 'kserve',
    group: 'serving.kserve.io',
    versions: ['v1alpha2', 'v1alpha1'],
    plural: 'llminferenceservices',
    kind: 'LLMInferenceService',
  },
  {
    id: 'rollouts',
    family: 'argoCd',
    group: 'argoproj.io',
    versions: ['v1alpha1'],
    plural: 'rollouts',
    kind: 'Rollout',
  },
  {
    id: 'analysisRuns',
    family: 'argoCd',
    group: 'argoproj.io',
    versions: ['v1alpha1'],
    plural: 'analysisruns',
    kind: 'AnalysisRun',
  },
] satisfies ResourceType[]);

/** `pods`, or `deployments.apps`: how RBAC and the API server name a resource. @internal */
export function qualifiedName(resource: ResourceType): string {
  return resource.group
    ? `${resource.plural}.${resource.group}`
    : resource.plural;
}

/** The cluster-wide list path of a resource in one version. @internal */
export function listPath(resource: ResourceType, version: string): string {
  return resource.group
    ? `/apis/${resource.group}/${version}/${resource.plural}`
    : `/api/${version}/${resource.plural}`;
}

/** `apps/v1`, or `v1` for the core group. @internal */
export function apiVersionOf(resource: ResourceType, version: string): string {
  return resource.group ? `${resource.group}/${version}` : version;
}
