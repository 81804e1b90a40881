import type { ComponentDeploymentCard } from '@kitstage/plugin-modelkit-common';
import {
  argoCommit,
  command,
  commitApplied,
  commitFetched,
  deployment,
  fluxCommands,
  gitRepository,
  inferenceService,
  kustomization,
  modelKitEntity,
  OBSERVED,
  reason,
} from './deploymentObjects';
import { digests, repository } from './modelKitVersions';

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
