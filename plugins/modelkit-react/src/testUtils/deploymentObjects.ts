import { Entity } from '@backstage/catalog-model';
import type {
  DeploymentCommand,
  HealthReason,
} from '@kitstage/plugin-modelkit-common';

/**
 * Deployment health of the `support-sentiment-api` Component and the
 * `support-sentiment` ModelKit on seven clusters, as the modelkit backend
 * reports it, and a generated fleet of services.
 */

export const OBSERVED = '2025-06-01T12:00:00.000Z';
export const GENERATED = '2025-06-01T12:00:02.000Z';

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

export const modelKitEntity = {
  ref: 'modelkit:default/support-sentiment',
  kind: 'ModelKit',
  namespace: 'default',
  name: 'support-sentiment',
  title: 'Support sentiment (fine-tune)',
  owner: 'group:default/nlp-team',
  system: 'system:default/customer-insights',
};

export const componentSummary = {
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

export function command(title: string, argv: string[]): DeploymentCommand {
  return {
    title,
    tool: argv[0] as DeploymentCommand['tool'],
    argv,
    command: argv.map(quote).join(' '),
  };
}

export function reason(
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

export const kustomization = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'support-sentiment-api',
};

export const gitRepository = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  namespace: 'flux-system',
  name: 'ml-deploy',
  url: 'https://git.example.com/ml/deploy.git',
};

export const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'nlp',
  name: 'support-sentiment-api',
};

export const fluxCommands = [
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

export const inferenceService = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  namespace: 'nlp',
  name: 'support-sentiment-api',
};
