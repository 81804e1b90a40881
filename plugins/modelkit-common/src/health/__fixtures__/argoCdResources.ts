/*
 * Argo CD Applications whose own sync and health disagree with what `status.resources`
 * reports of each resource, and Applications without `status.health` (Argo CD v1alpha1).
 */
import { application, deployment } from './objects';

const resource = (patch: Record<string, unknown>) => ({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  namespace: 'nlp',
  name: 'review-sentiment-service',
  status: 'Synced',
  health: { status: 'Healthy' },
  ...patch,
});

/** Argo CD scenarios for the reason-code test of `evaluateDeploymentHealth`. */
export const ARGOCD_RESOURCE_SCENARIOS = [
  {
    name: 'Application without status.health',
    input: {
      applications: [application({ status: { health: null } })],
      deployments: [deployment()],
    },
    status: 'unknown' as const,
    codes: ['argocd-health-unreported' as const],
  },
  {
    name: 'Application Healthy and Synced, but a resource is Degraded, Missing and OutOfSync',
    input: {
      applications: [
        application({
          status: {
            resources: [
              resource({
                health: {
                  status: 'Degraded',
                  message: 'Deployment "review-sentiment-service" exceeded its progress deadline',
                },
              }),
              resource({
                kind: 'Service',
                group: '',
                health: { status: 'Missing' },
                status: 'OutOfSync',
              }),
            ],
          },
        }),
      ],
      deployments: [deployment()],
    },
    status: 'degraded' as const,
    codes: [
      'argocd-resource-degraded' as const,
      'argocd-resource-missing' as const,
      'argocd-resource-out-of-sync' as const,
    ],
  },
];
