import { Entity } from '@backstage/catalog-model';
import type {
  ComponentDeploymentCard,
  ComponentDeploymentsResponse,
  DeploymentCommand,
  DeploymentHealthStatus,
  FleetCell,
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
  FleetServiceRow,
  HealthReason,
  ModelKitDeploymentsApi,
  ModelKitDeploymentsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  rollUpHealth,
  worstHealthStatus,
} from '@kitstage/plugin-modelkit-common';
import { digests, repository } from './modelkitApi';

/**
 * Deployment health of the `support-sentiment-api` Component and the
 * `support-sentiment` ModelKit on seven clusters, as the modelkit backend
 * reports it, and a generated fleet of services.
 */

const OBSERVED = '2025-06-01T12:00:00.000Z';
const GENERATED = '2025-06-01T12:00:02.000Z';

/**
 * The Git revision that Flux applied on the clusters of the fixtures.
 *
 * @public
 */
export const commitApplied =
  'main@sha1:5f0e2c1d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d';
/**
 * A newer Git revision that Flux fetched and failed to apply.
 *
 * @public
 */
export const commitFetched =
  'main@sha1:9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
/**
 * The Git commit that Argo CD synced on the cluster it manages.
 *
 * @public
 */
export const argoCommit = '3d1f0e9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e';

/**
 * The Component that serves the `support-sentiment` ModelKit.
 *
 * @public
 */
export const servingComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'support-sentiment-api',
    namespace: 'default',
    title: 'Support sentiment API',
    annotations: {
      'backstage.io/kubernetes-id': 'support-sentiment-api',
    },
  },
  spec: {
    type: 'service',
    owner: 'group:nlp-team',
    lifecycle: 'production',
    system: 'customer-insights',
    dependsOn: ['modelkit:support-sentiment'],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/nlp-team' },
    { type: 'partOf', targetRef: 'system:default/customer-insights' },
    { type: 'dependsOn', targetRef: 'modelkit:default/support-sentiment' },
  ],
};

/**
 * A Component that depends on a ModelKit but names no workloads.
 *
 * @public
 */
export const unannotatedServingComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'review-sentiment-batch', namespace: 'default' },
  spec: { type: 'service', owner: 'group:nlp-team', lifecycle: 'production' },
  relations: [
    { type: 'dependsOn', targetRef: 'modelkit:default/review-sentiment' },
  ],
};

/**
 * A Component found by a label selector rather than a kubernetes-id.
 *
 * @public
 */
export const labelSelectedComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-scoring',
    annotations: {
      'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/name=fraud',
    },
  },
  spec: { type: 'service', owner: 'group:risk-team', lifecycle: 'production' },
};

const modelKitEntity = {
  ref: 'modelkit:default/support-sentiment',
  kind: 'ModelKit',
  namespace: 'default',
  name: 'support-sentiment',
  title: 'Support sentiment (fine-tune)',
  owner: 'group:default/nlp-team',
  system: 'system:default/customer-insights',
};

const componentSummary = {
  ref: 'component:default/support-sentiment-api',
  kind: 'Component',
  namespace: 'default',
  name: 'support-sentiment-api',
  title: 'Support sentiment API',
  owner: 'group:default/nlp-team',
  system: 'system:default/customer-insights',
};

function quote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg)
    ? arg
    : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function command(title: string, argv: string[]): DeploymentCommand {
  return {
    title,
    tool: argv[0] as DeploymentCommand['tool'],
    argv,
    command: argv.map(quote).join(' '),
  };
}

function reason(
  code: HealthReason['code'],
  severity: HealthReason['severity'],
  impact: HealthReason['impact'],
  message: string,
  object?: HealthReason['object'],
  controllerReason?: string,
): HealthReason {
  return {
    code,
    severity,
    impact,
    message,
    ...(object ? { object } : {}),
    ...(controllerReason ? { controllerReason } : {}),
  };
}

const kustomization = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'support-sentiment-api',
};

const gitRepository = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  namespace: 'flux-system',
  name: 'ml-deploy',
  url: 'https://git.example.com/ml/deploy.git',
};

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'nlp',
  name: 'support-sentiment-api',
};

const fluxCommands = [
  command('Kustomization status', [
    'flux',
    'get',
    'kustomizations',
    'support-sentiment-api',
    '--namespace',
    'flux-system',
  ]),
  command('Workloads', [
    'kubectl',
    'get',
    'deployments,pods',
    '--namespace',
    'nlp',
    '--selector',
    'backstage.io/kubernetes-id=support-sentiment-api',
  ]),
];

/**
 * Healthy: reconciled by Flux, three of three replicas ready.
 *
 * @public
 */
export const healthyCard: ComponentDeploymentCard = {
  cluster: {
    name: 'prod-eu',
    title: 'Production EU',
    dashboardUrl: 'https://k8s.example.com/prod-eu',
  },
  status: 'healthy',
  reasons: [],
  warnings: [],
  observedAt: OBSERVED,
  deliveries: [
    {
      controller: 'flux',
      object: kustomization,
      suspended: false,
      ready: {
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: `Applied revision: ${commitApplied}`,
      },
      appliedRevision: commitApplied,
      source: {
        ...gitRepository,
        revision: commitApplied,
        ready: { status: 'True', reason: 'Succeeded' },
        suspended: false,
      },
    },
  ],
  workloads: [
    {
      object: deployment,
      replicas: { desired: 3, ready: 3, available: 3, updated: 3 },
      pods: { total: 3, ready: 3, crashLooping: 0, restarts: 0 },
      images: ['ghcr.io/kitstage/kserve-kit-runtime:1.4.0'],
    },
  ],
  modelKits: [
    {
      reference: `${repository}@${digests.v120}`,
      repository,
      digest: digests.v120,
      pinnedByDigest: true,
      digestFrom: 'reference',
      entity: modelKitEntity,
      policy: {
        status: 'passed',
        lifecycle: 'production',
        message:
          'Signed by the release pipeline and evaluated on the holdout set.',
      },
      foundIn: [
        {
          object: deployment,
          via: 'kit-unpack',
          field: 'spec.template.spec.initContainers[0].command',
        },
      ],
      pods: 3,
    },
  ],
  commands: fluxCommands,
};

/**
 * The message of the failed Kustomization of {@link degradedCard}.
 *
 * @public
 */
export const fluxFailureMessage =
  'Kustomization flux-system/support-sentiment-api is not ready: Deployment/nlp/support-sentiment-api dry-run failed: spec.template.spec.containers[0].resources.limits.memory: Invalid value: "4Gx"';

/**
 * Degraded: the Kustomization failed, pods crash-loop, policy failed.
 *
 * @public
 */
export const degradedCard: ComponentDeploymentCard = {
  cluster: { name: 'prod-us', title: 'Production US' },
  status: 'degraded',
  reasons: [
    reason(
      'flux-not-ready',
      'error',
      'degraded',
      fluxFailureMessage,
      kustomization,
      'ReconciliationFailed',
    ),
    reason(
      'pod-crash-looping',
      'error',
      'degraded',
      'Pod nlp/support-sentiment-api-7c9d-2xk4q: container server is crash-looping (restarted 14 times)',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: 'nlp',
        name: 'support-sentiment-api-7c9d-2xk4q',
      },
      'CrashLoopBackOff',
    ),
    reason(
      'modelkit-mutable-tag',
      'warning',
      'none',
      `Deployment nlp/support-sentiment-api runs ${repository}:v1.1.0 by a tag, which can move`,
      deployment,
    ),
  ],
  warnings: [],
  observedAt: OBSERVED,
  deliveries: [
    {
      controller: 'flux',
      object: kustomization,
      suspended: false,
      ready: {
        status: 'False',
        reason: 'ReconciliationFailed',
        message: fluxFailureMessage,
      },
      appliedRevision: commitApplied,
      attemptedRevision: commitFetched,
      source: {
        ...gitRepository,
        revision: commitFetched,
        ready: { status: 'True', reason: 'Succeeded' },
        verified: { status: 'True', reason: 'Succeeded' },
        suspended: false,
      },
    },
  ],
  workloads: [
    {
      object: deployment,
      replicas: { desired: 3, ready: 1, available: 1, updated: 3 },
      pods: { total: 3, ready: 1, crashLooping: 2, restarts: 14 },
      images: ['ghcr.io/kitstage/kserve-kit-runtime:1.4.0'],
    },
  ],
  modelKits: [
    {
      reference: `${repository}:v1.1.0`,
      repository,
      tag: 'v1.1.0',
      digest: digests.v110,
      pinnedByDigest: false,
      digestFrom: 'registry',
      entity: modelKitEntity,
      policy: {
        status: 'failed',
        lifecycle: 'production',
        message:
          'Rule evaluation-passed failed: no evaluation attestation with accuracy >= 0.9.',
      },
      foundIn: [
        {
          object: deployment,
          via: 'env',
          field: 'spec.template.spec.containers[0].env[MODELKIT_REF]',
        },
      ],
      pods: 3,
    },
  ],
  commands: fluxCommands,
};

const inferenceService = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  namespace: 'nlp',
  name: 'support-sentiment-api',
};

/**
 * Progressing: an Argo CD Application out of sync and a KServe canary at 10 %.
 *
 * @public
 */
export const progressingCard: ComponentDeploymentCard = {
  cluster: { name: 'staging', title: 'Staging' },
  status: 'progressing',
  reasons: [
    reason(
      'argocd-out-of-sync',
      'warning',
      'progressing',
      'Application argocd/support-sentiment-api is OutOfSync with main',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'support-sentiment-api',
      },
      'OutOfSync',
    ),
    reason(
      'inference-service-canary',
      'info',
      'progressing',
      'InferenceService nlp/support-sentiment-api sends 10 % of traffic to its latest revision',
      inferenceService,
    ),
  ],
  warnings: [
    {
      kind: 'forbidden',
      resource: 'replicasets.apps',
      message:
        'replicasets.apps is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "replicasets"',
      statusCode: 403,
    },
  ],
  observedAt: OBSERVED,
  deliveries: [
    {
      controller: 'argocd',
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'support-sentiment-api',
      },
      suspended: false,
      appliedRevision: argoCommit,
      syncStatus: 'OutOfSync',
      healthStatus: 'Progressing',
      repoURL: 'https://git.example.com/ml/deploy.git',
      path: 'apps/support-sentiment-api/staging',
    },
  ],
  workloads: [
    {
      object: inferenceService,
      pods: { total: 2, ready: 2, crashLooping: 0, restarts: 0 },
      images: [],
      url: 'https://support-sentiment-api.nlp.staging.example.com',
      traffic: [
        {
          revision: 'support-sentiment-api-predictor-00002',
          percent: 10,
          latest: true,
        },
        {
          revision: 'support-sentiment-api-predictor-00001',
          percent: 90,
          latest: false,
        },
      ],
    },
  ],
  modelKits: [
    {
      reference: `${repository}@${digests.v120}`,
      repository,
      digest: digests.v120,
      pinnedByDigest: true,
      digestFrom: 'reference',
      entity: modelKitEntity,
      policy: {
        status: 'missing',
        lifecycle: 'staging',
        message: 'No attestation of type evaluation was found.',
      },
      foundIn: [
        {
          object: inferenceService,
          via: 'kit-uri',
          field: 'spec.predictor.model.storageUri',
        },
      ],
      pods: 1,
      trafficPercent: 10,
    },
  ],
  commands: [
    command('Application status', [
      'kubectl',
      'get',
      'applications.argoproj.io',
      'support-sentiment-api',
      '--namespace',
      'argocd',
      '--output',
      'jsonpath={.status.sync.status} {.status.health.status}',
    ]),
  ],
};

/**
 * Suspended, on a simulated cluster.
 *
 * @public
 */
export const suspendedCard: ComponentDeploymentCard = {
  cluster: { name: 'edge-sim', title: 'Edge (simulated)' },
  status: 'suspended',
  reasons: [
    reason(
      'flux-suspended',
      'warning',
      'suspended',
      'Kustomization flux-system/support-sentiment-api is suspended',
      kustomization,
    ),
  ],
  warnings: [],
  observedAt: OBSERVED,
  deliveries: [
    {
      controller: 'flux',
      object: kustomization,
      suspended: true,
      ready: { status: 'True', reason: 'ReconciliationSucceeded' },
      appliedRevision: commitApplied,
    },
  ],
  workloads: [],
  modelKits: [],
  commands: [
    command('Resume', [
      'flux',
      'resume',
      'kustomization',
      'support-sentiment-api',
      '--namespace',
      'flux-system',
    ]),
  ],
};

/**
 * Nothing of the service on this cluster.
 *
 * @public
 */
export const notDeployedCard: ComponentDeploymentCard = {
  cluster: { name: 'dev', title: 'Development' },
  status: 'not-deployed',
  reasons: [],
  warnings: [],
  observedAt: OBSERVED,
  deliveries: [],
  workloads: [],
  modelKits: [],
  commands: [],
};

/**
 * A cluster that did not answer in time.
 *
 * @public
 */
export const timeoutCard: ComponentDeploymentCard = {
  cluster: { name: 'prod-ap', title: 'Production AP' },
  status: 'unknown',
  reasons: [],
  error: {
    kind: 'timeout',
    message:
      'Cluster prod-ap did not answer within 10 s (GET /apis/apps/v1/deployments)',
  },
  warnings: [],
  deliveries: [],
  workloads: [],
  modelKits: [],
  commands: [],
};

/**
 * A cluster whose RBAC denies reading.
 *
 * @public
 */
export const forbiddenCard: ComponentDeploymentCard = {
  cluster: { name: 'prod-sa', title: 'Production SA' },
  status: 'unknown',
  reasons: [],
  error: {
    kind: 'forbidden',
    message:
      'Cluster prod-sa answered 403: deployments.apps is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "deployments"',
    statusCode: 403,
  },
  warnings: [],
  deliveries: [],
  workloads: [],
  modelKits: [],
  commands: [],
};

/**
 * Every cluster card of the serving Component, one per cluster.
 *
 * @public
 */
export const componentCards = [
  healthyCard,
  degradedCard,
  progressingCard,
  suspendedCard,
  notDeployedCard,
  timeoutCard,
  forbiddenCard,
];

function rollUpCards(cards: ComponentDeploymentCard[]) {
  return rollUpHealth(
    cards.map(c => ({ key: c.cluster.name, status: c.status })),
  );
}

/**
 * The deployments response of the serving Component, over the given cluster cards.
 *
 * @public
 */
export function componentDeployments(
  cards: ComponentDeploymentCard[] = componentCards,
): ComponentDeploymentsResponse {
  return {
    entity: componentSummary,
    selector: { kubernetesId: 'support-sentiment-api' },
    rollup: rollUpCards(cards),
    clusters: cards,
    generatedAt: GENERATED,
  };
}

/**
 * Why the `nightly` tag the fixtures deploy could not be resolved.
 *
 * @public
 */
export const nightlyResolveError =
  'Tag nightly was not found in registry.example.com:5000/kitstage-demo/support-sentiment';

/**
 * Where each version of the `support-sentiment` ModelKit runs, over the cluster cards.
 *
 * @public
 */
export function modelKitDeployments(): ModelKitDeploymentsResponse {
  const clusterOf = (card: ComponentDeploymentCard) => card.cluster;
  return {
    entity: { ...modelKitEntity, repository },
    versions: [
      {
        digest: digests.v120,
        tags: ['v1.2.0', 'latest'],
        references: [`${repository}@${digests.v120}`],
        policy: { status: 'passed', lifecycle: 'production' },
        deployments: [
          {
            cluster: clusterOf(healthyCard),
            component: componentSummary,
            kubernetesId: 'support-sentiment-api',
            workload: deployment,
            status: 'healthy',
            pods: 3,
            pinnedByDigest: true,
          },
          {
            cluster: clusterOf(progressingCard),
            component: componentSummary,
            kubernetesId: 'support-sentiment-api',
            workload: inferenceService,
            status: 'progressing',
            pods: 1,
            trafficPercent: 10,
            pinnedByDigest: true,
          },
        ],
      },
      {
        digest: digests.v110,
        tags: ['v1.1.0'],
        references: [`${repository}:v1.1.0`],
        policy: {
          status: 'failed',
          lifecycle: 'production',
          message:
            'Rule evaluation-passed failed: no evaluation attestation with accuracy >= 0.9.',
        },
        deployments: [
          {
            cluster: clusterOf(degradedCard),
            component: componentSummary,
            kubernetesId: 'support-sentiment-api',
            workload: deployment,
            status: 'degraded',
            pods: 3,
            pinnedByDigest: false,
          },
        ],
      },
      {
        tags: ['nightly'],
        references: [`${repository}:nightly`],
        resolveError: nightlyResolveError,
        deployments: [
          {
            cluster: clusterOf(suspendedCard),
            kubernetesId: 'sentiment-shadow',
            workload: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              namespace: 'lab',
              name: 'sentiment-shadow',
            },
            pods: 1,
            pinnedByDigest: false,
          },
        ],
      },
    ],
    clusters: componentCards.map(card => ({
      ...card.cluster,
      ...(card.observedAt ? { observedAt: card.observedAt } : {}),
      ...(card.error ? { error: card.error } : {}),
      warnings: card.warnings,
      apis: card.error
        ? { flux: false, argoCd: false, kserve: false }
        : { flux: true, argoCd: true, kserve: true },
    })),
    generatedAt: GENERATED,
  };
}

/**
 * The clusters of the generated fleet.
 *
 * @public
 */
export const fleetClusters = [
  { name: 'prod-eu', title: 'Production EU' },
  { name: 'prod-us', title: 'Production US' },
  { name: 'lab', title: 'Lab (simulated)' },
];

const OWNERS = [
  'group:default/nlp-team',
  'group:default/risk-team',
  'group:default/vision-team',
];
const SYSTEMS = ['system:default/customer-insights', 'system:default/fraud'];
const CELL_CYCLE: DeploymentHealthStatus[] = [
  'healthy',
  'healthy',
  'healthy',
  'progressing',
  'healthy',
  'degraded',
  'healthy',
  'suspended',
  'not-deployed',
  'healthy',
  'healthy',
];

function topReasonOf(
  status: DeploymentHealthStatus,
  service: string,
  cluster: string,
): HealthReason | undefined {
  switch (status) {
    case 'degraded':
      return reason(
        'pod-crash-looping',
        'error',
        'degraded',
        `Pod ml/${service}-0 on ${cluster}: container server is crash-looping`,
        { kind: 'Pod', namespace: 'ml', name: `${service}-0` },
        'CrashLoopBackOff',
      );
    case 'progressing':
      return reason(
        'flux-reconciling',
        'info',
        'progressing',
        `Kustomization flux-system/${service} is reconciling`,
      );
    case 'suspended':
      return reason(
        'flux-suspended',
        'warning',
        'suspended',
        `Kustomization flux-system/${service} is suspended`,
      );
    default:
      return undefined;
  }
}

/** A degraded cell has three reasons; progressing and suspended ones one. */
function reasonCountOf(status: DeploymentHealthStatus): number {
  if (status === 'degraded') {
    return 3;
  }
  return status === 'progressing' || status === 'suspended' ? 1 : 0;
}

function fleetCell(
  service: number,
  cluster: number,
  clusterError: boolean,
): FleetCell {
  const name = fleetClusters[cluster].name;
  if (clusterError) {
    return {
      cluster: name,
      status: 'unknown',
      reasonCount: 0,
      modelKits: [],
      clusterError: true,
    };
  }
  const status = CELL_CYCLE[(service * 3 + cluster * 7) % CELL_CYCLE.length];
  const serviceName = fleetServiceName(service);
  const topReason = topReasonOf(status, serviceName, name);
  return {
    cluster: name,
    status,
    ...(topReason ? { topReason } : {}),
    reasonCount: reasonCountOf(status),
    modelKits:
      status === 'not-deployed'
        ? []
        : [
            {
              repository: `registry.example.com/models/${serviceName}`,
              tag: `v1.${service % 4}.0`,
              digest: `sha256:${String(service).padStart(4, '0').repeat(16)}`,
              pinnedByDigest: service % 5 !== 0,
              policy: status === 'degraded' ? 'failed' : 'passed',
            },
          ],
  };
}

/**
 * The name of the generated service with this index, sorted like the backend sorts.
 *
 * @public
 */
export function fleetServiceName(index: number): string {
  return `svc-${String(index).padStart(3, '0')}`;
}

/**
 * Generated fleet rows: owners and systems cycle, the cells follow a fixed
 * pattern, and the cluster in `unreachableCluster` (if any) could not be read.
 *
 * @public
 */
export function fleetServices(
  count: number,
  options: { unreachableCluster?: string; invalidSelector?: number } = {},
): FleetServiceRow[] {
  return Array.from({ length: count }, (_, index) => {
    const name = fleetServiceName(index);
    if (index === options.invalidSelector) {
      return invalidSelectorRow(index);
    }
    const cells = fleetClusters.map((cluster, c) =>
      fleetCell(index, c, cluster.name === options.unreachableCluster),
    );
    return {
      entity: {
        ref: `component:default/${name}`,
        kind: 'Component',
        namespace: 'default',
        name,
        owner: OWNERS[index % OWNERS.length],
        system: SYSTEMS[index % SYSTEMS.length],
      },
      status: worstHealthStatus(cells.map(c => c.status)),
      cells,
    };
  });
}

/**
 * Why the backend could not read the label selector of one fleet service.
 *
 * @public
 */
export const invalidSelectorMessage =
  'The annotation backstage.io/kubernetes-label-selector of component:default/svc-002 is not a valid label selector: app in (a,';

/** A service whose label selector the backend could not parse. */
function invalidSelectorRow(index: number): FleetServiceRow {
  const name = fleetServiceName(index);
  return {
    entity: {
      ref: `component:default/${name}`,
      kind: 'Component',
      namespace: 'default',
      name,
      owner: OWNERS[index % OWNERS.length],
      system: SYSTEMS[index % SYSTEMS.length],
    },
    status: 'unknown',
    cells: fleetClusters.map(cluster => ({
      cluster: cluster.name,
      status: 'unknown' as const,
      reasonCount: 0,
      modelKits: [],
    })),
    selectorError: invalidSelectorMessage,
  };
}

function emptyCounts(): Record<DeploymentHealthStatus, number> {
  return Object.fromEntries(
    DEPLOYMENT_HEALTH_PRECEDENCE.map(s => [s, 0]),
  ) as Record<DeploymentHealthStatus, number>;
}

function matches(
  ref: string | undefined,
  wanted: string[] | undefined,
  kind: string,
) {
  if (!wanted?.length) {
    return true;
  }
  return wanted.some(
    w => ref === w || ref === `${kind}:default/${w}` || ref === `${kind}:${w}`,
  );
}

/**
 * The fleet response the backend would give for some rows and filters: the
 * owner and system filters first, then counts, then the status filter.
 *
 * @public
 */
export function fleetResponse(
  rows: FleetServiceRow[],
  query: FleetDeploymentsQuery = {},
  options: { unreachableCluster?: string } = {},
): FleetDeploymentsResponse {
  const scoped = rows.filter(
    row =>
      matches(row.entity.owner, query.owner, 'group') &&
      matches(row.entity.system, query.system, 'system'),
  );
  const services = emptyCounts();
  const cells = emptyCounts();
  for (const row of scoped) {
    services[row.status] += 1;
    for (const cell of row.cells) cells[cell.status] += 1;
  }
  const shown = query.status?.length
    ? scoped.filter(row => query.status!.includes(row.status))
    : scoped;
  return {
    clusters: fleetClusters.map((cluster, c) => ({
      ...cluster,
      warnings: [],
      apis: { flux: true, argoCd: false, kserve: true },
      ...(cluster.name === options.unreachableCluster
        ? {
            error: {
              kind: 'unreachable' as const,
              message: `Cluster ${cluster.name} could not be reached: connect ECONNREFUSED 10.0.3.4:6443`,
            },
          }
        : { observedAt: OBSERVED }),
      rollup: rollUpHealth(
        shown.map(row => ({
          key: row.entity.ref,
          status: row.cells[c].status,
        })),
      ),
    })),
    services: shown,
    counts: { services, cells },
    total: scoped.length,
    facets: {
      owners: [...new Set(rows.map(r => r.entity.owner!))].sort(),
      systems: [...new Set(rows.map(r => r.entity.system!))].sort(),
    },
    generatedAt: GENERATED,
  };
}

/**
 * A deployments API serving the fixtures above.
 *
 * @public
 */
export class FixtureModelKitDeploymentsApi implements ModelKitDeploymentsApi {
  readonly #cards: ComponentDeploymentCard[];
  readonly #fleet: FleetServiceRow[];
  readonly #unreachableCluster?: string;

  /**
   * Serves `cards` (all of {@link componentCards} by default) and a fleet of
   * `fleetSize` services (12 by default), with one cluster unreachable or one
   * service's selector invalid when asked.
   */
  constructor(
    options: {
      cards?: ComponentDeploymentCard[];
      fleetSize?: number;
      unreachableCluster?: string;
      invalidSelector?: number;
    } = {},
  ) {
    this.#cards = options.cards ?? componentCards;
    this.#unreachableCluster = options.unreachableCluster;
    this.#fleet = fleetServices(options.fleetSize ?? 12, {
      unreachableCluster: options.unreachableCluster,
      invalidSelector: options.invalidSelector,
    });
  }

  /** The deployments of the serving Component over the cluster cards. */
  async getComponentDeployments(
    _entity: ModelKitEntityName,
  ): Promise<ComponentDeploymentsResponse> {
    return componentDeployments(this.#cards);
  }

  /** Where each version of the `support-sentiment` ModelKit runs. */
  async getModelKitDeployments(
    _entity: ModelKitEntityName,
  ): Promise<ModelKitDeploymentsResponse> {
    return modelKitDeployments();
  }

  /** One page of the generated fleet, filtered as the query asks. */
  async getFleetDeployments(
    query?: FleetDeploymentsQuery,
  ): Promise<FleetDeploymentsResponse> {
    return fleetResponse(this.#fleet, query, {
      unreachableCluster: this.#unreachableCluster,
    });
  }
}
