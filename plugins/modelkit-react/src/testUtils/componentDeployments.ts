import type {
  ComponentDeploymentCard,
  ComponentDeploymentsResponse,
  ModelKitDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import { rollUpHealth } from '@kitstage/plugin-modelkit-common';
import {
  componentSummary,
  deployment,
  GENERATED,
  inferenceService,
  modelKitEntity,
} from './deploymentObjects';
import {
  degradedCard,
  healthyCard,
  notDeployedCard,
  progressingCard,
  suspendedCard,
} from './clusterCards';
import { digests, repository } from './modelKitVersions';

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
