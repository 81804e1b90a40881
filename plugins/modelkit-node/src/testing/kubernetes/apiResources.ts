/**
 * A resource type the {@link KubernetesSimulator} serves: one entry of an `APIResourceList`.
 *
 * @public
 */
export interface SimulatedResource {
  /** The API group; `''` for the core group. */
  group: string;
  /** The API version within the group, e.g. `v1` or `v1beta1`. */
  version: string;
  /** The kind of the objects, e.g. `Kustomization`. */
  kind: string;
  /** The plural resource name used in URLs, e.g. `kustomizations`. */
  plural: string;
  /** The singular resource name, e.g. `kustomization`. */
  singular: string;
  /** Whether objects live in namespaces; false for cluster-scoped resources. */
  namespaced: boolean;
  /** Short names `kubectl` accepts, e.g. `ks`. */
  shortNames?: string[];
  /** The categories the resource belongs to, e.g. `all`. */
  categories?: string[];
}

/**
 * Optional API families a simulated cluster has installed, like the CRDs of a real cluster:
 * `flux` (kustomize, helm and source controllers), `argocd` (Argo CD's kinds of
 * `argoproj.io/v1alpha1`), `argo-rollouts` (Argo Rollouts' kinds of the same group) and
 * `kserve` (`serving.kserve.io`, with the LLMInferenceService).
 *
 * @public
 */
export type SimulatedApi = 'flux' | 'argocd' | 'argo-rollouts' | 'kserve';

/** Every simulated API family, the default for a new simulator. */
export const ALL_SIMULATED_APIS: readonly SimulatedApi[] = [
  'flux',
  'argocd',
  'argo-rollouts',
  'kserve',
];

function resource(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  shortNames?: string[],
  categories?: string[],
): SimulatedResource {
  const result: SimulatedResource = {
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
  };
  if (shortNames) {
    result.shortNames = shortNames;
  }
  if (categories) {
    result.categories = categories;
  }
  return result;
}

/** The built-in resources every simulated cluster serves. */
export const BUILT_IN_RESOURCES: readonly SimulatedResource[] = [
  resource('', 'v1', 'Namespace', 'namespaces', false, ['ns']),
  resource('', 'v1', 'Pod', 'pods', true, ['po'], ['all']),
  resource('', 'v1', 'Service', 'services', true, ['svc'], ['all']),
  resource('', 'v1', 'ConfigMap', 'configmaps', true, ['cm']),
  resource(
    'apps',
    'v1',
    'Deployment',
    'deployments',
    true,
    ['deploy'],
    ['all'],
  ),
  resource('apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs'], ['all']),
  resource('apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts'], ['all']),
  resource('apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds'], ['all']),
];

/** The custom resources of each optional API family, as their CRDs declare them. */
export const OPTIONAL_RESOURCES: Readonly<
  Record<SimulatedApi, readonly SimulatedResource[]>
> = {
  flux: [
    resource(
      'kustomize.toolkit.fluxcd.io',
      'v1',
      'Kustomization',
      'kustomizations',
      true,
      ['ks'],
      ['all', 'fluxcd', 'fluxcd-appliers'],
    ),
    resource(
      'helm.toolkit.fluxcd.io',
      'v2',
      'HelmRelease',
      'helmreleases',
      true,
      ['hr'],
      ['all', 'fluxcd', 'fluxcd-appliers'],
    ),
    resource(
      'source.toolkit.fluxcd.io',
      'v1',
      'GitRepository',
      'gitrepositories',
      true,
      ['gitrepo'],
      ['all', 'fluxcd', 'fluxcd-sources'],
    ),
    resource(
      'source.toolkit.fluxcd.io',
      'v1',
      'OCIRepository',
      'ocirepositories',
      true,
      ['ocirepo'],
      ['all', 'fluxcd', 'fluxcd-sources'],
    ),
    resource(
      'source.toolkit.fluxcd.io',
      'v1',
      'HelmRepository',
      'helmrepositories',
      true,
      ['helmrepo'],
      ['all', 'fluxcd', 'fluxcd-sources'],
    ),
    resource(
      'source.toolkit.fluxcd.io',
      'v1',
      'HelmChart',
      'helmcharts',
      true,
      ['hc'],
      ['all', 'fluxcd', 'fluxcd-sources'],
    ),
    resource(
      'source.toolkit.fluxcd.io',
      'v1',
      'Bucket',
      'buckets',
      true,
      undefined,
      ['all', 'fluxcd', 'fluxcd-sources'],
    ),
  ],
  argocd: [
    resource('argoproj.io', 'v1alpha1', 'Application', 'applications', true, [
      'app',
      'apps',
    ]),
    resource('argoproj.io', 'v1alpha1', 'AppProject', 'appprojects', true, [
      'appproj',
      'appprojs',
    ]),
    resource(
      'argoproj.io',
      'v1alpha1',
      'ApplicationSet',
      'applicationsets',
      true,
      ['appset', 'appsets'],
    ),
  ],
  'argo-rollouts': [
    resource('argoproj.io', 'v1alpha1', 'Rollout', 'rollouts', true, ['ro']),
    resource('argoproj.io', 'v1alpha1', 'AnalysisRun', 'analysisruns', true, [
      'ar',
    ]),
    resource(
      'argoproj.io',
      'v1alpha1',
      'AnalysisTemplate',
      'analysistemplates',
      true,
      ['at'],
    ),
    resource(
      'argoproj.io',
      'v1alpha1',
      'ClusterAnalysisTemplate',
      'clusteranalysistemplates',
      false,
      ['cat'],
    ),
    resource('argoproj.io', 'v1alpha1', 'Experiment', 'experiments', true, [
      'exp',
    ]),
  ],
  kserve: [
    resource(
      'serving.kserve.io',
      'v1beta1',
      'InferenceService',
      'inferenceservices',
      true,
      ['isvc'],
    ),
    resource(
      'serving.kserve.io',
      'v1alpha1',
      'LLMInferenceService',
      'llminferenceservices',
      true,
      ['llmisvc'],
    ),
    resource(
      'serving.kserve.io',
      'v1alpha1',
      'LLMInferenceServiceConfig',
      'llminferenceserviceconfigs',
      true,
      ['llmisvcconfig'],
    ),
    resource(
      'serving.kserve.io',
      'v1alpha1',
      'ServingRuntime',
      'servingruntimes',
      true,
    ),
    resource(
      'serving.kserve.io',
      'v1alpha1',
      'ClusterServingRuntime',
      'clusterservingruntimes',
      false,
    ),
    resource(
      'serving.kserve.io',
      'v1alpha1',
      'ClusterStorageContainer',
      'clusterstoragecontainers',
      false,
    ),
  ],
};

/** `apps/v1` or `v1` for the core group. */
export function groupVersionOf(resourceType: {
  group: string;
  version: string;
}) {
  return resourceType.group
    ? `${resourceType.group}/${resourceType.version}`
    : resourceType.version;
}

/** `pods` for the core group, `deployments.apps` otherwise: how RBAC names resources. */
export function qualifiedResourceName(resourceType: {
  group: string;
  plural: string;
}) {
  return resourceType.group
    ? `${resourceType.plural}.${resourceType.group}`
    : resourceType.plural;
}

/**
 * The resources a simulator serves, indexed for routing and for placing objects.
 */
export class ResourceRegistry {
  readonly #byPath = new Map<string, SimulatedResource>();
  readonly #byKind = new Map<string, SimulatedResource>();
  readonly #groups = new Map<string, string[]>();
  readonly resources: readonly SimulatedResource[];

  constructor(resources: readonly SimulatedResource[]) {
    this.resources = resources;
    for (const entry of resources) {
      const groupVersion = groupVersionOf(entry);
      this.#byPath.set(`${groupVersion}/${entry.plural}`, entry);
      this.#byKind.set(`${groupVersion}/${entry.kind}`, entry);
      const versions = this.#groups.get(entry.group) ?? [];
      if (!versions.includes(entry.version)) {
        versions.push(entry.version);
      }
      this.#groups.set(entry.group, versions);
    }
  }

  static create(
    apis: readonly SimulatedApi[],
    extra: readonly SimulatedResource[] = [],
  ) {
    return new ResourceRegistry([
      ...BUILT_IN_RESOURCES,
      ...apis.flatMap(api => OPTIONAL_RESOURCES[api]),
      ...extra,
    ]);
  }

  byPath(group: string, version: string, plural: string) {
    return this.#byPath.get(`${groupVersionOf({ group, version })}/${plural}`);
  }

  byKind(apiVersion: string, kind: string) {
    return this.#byKind.get(`${apiVersion}/${kind}`);
  }

  /** The served versions of a group, preferred (first declared) first. */
  versionsOf(group: string): string[] | undefined {
    return this.#groups.get(group);
  }

  /** The non-core groups in declaration order. */
  groups(): string[] {
    return [...this.#groups.keys()].filter(group => group !== '');
  }

  resourcesOf(group: string, version: string): SimulatedResource[] {
    return this.resources.filter(
      entry => entry.group === group && entry.version === version,
    );
  }
}
