import { DeploymentHealthInput } from './DeploymentHealthInput';
import { evaluateDeploymentHealth } from './evaluateDeploymentHealth';
import { application, deployment } from './__fixtures__/objects';
import { ARGOCD_RESOURCE_SCENARIOS } from './__fixtures__/argoCdResources';

const evaluate = (input: Record<string, unknown>) =>
  evaluateDeploymentHealth(input as DeploymentHealthInput);

describe('Argo CD judged from what it reports', () => {
  it('never takes an Application without status.health as healthy', () => {
    const result = evaluate(ARGOCD_RESOURCE_SCENARIOS[0].input);
    expect(result.status).toBe('unknown');
    expect(result.reasons[0].message).toBe(
      'Application argocd/review-sentiment-service reports no status.health: Argo CD has not assessed its health, so it is not taken as healthy',
    );
  });

  it('names each resource status.resources reports Degraded, Missing or OutOfSync', () => {
    const result = evaluate(ARGOCD_RESOURCE_SCENARIOS[1].input);
    expect(result.reasons.map(r => r.message)).toEqual([
      'Application argocd/review-sentiment-service lists degraded resources in status.resources: Deployment nlp/review-sentiment-service: Deployment "review-sentiment-service" exceeded its progress deadline',
      'Application argocd/review-sentiment-service lists resources missing from the cluster in status.resources: Service nlp/review-sentiment-service',
      'Application argocd/review-sentiment-service lists out-of-sync resources in status.resources: Service nlp/review-sentiment-service',
    ]);
  });

  it('does not repeat what the Application reports itself', () => {
    const result = evaluate({
      applications: [
        application({
          status: {
            sync: { status: 'OutOfSync' },
            health: { status: 'Degraded' },
            resources: [
              {
                kind: 'Deployment',
                namespace: 'nlp',
                name: 'api',
                status: 'OutOfSync',
                health: { status: 'Degraded' },
              },
            ],
          },
        }),
      ],
      deployments: [deployment()],
    });
    expect(result.reasons.map(r => r.code)).toEqual([
      'argocd-degraded',
      'argocd-out-of-sync',
    ]);
  });

  it('names the revisions of a multi-source Application', () => {
    const result = evaluate({
      applications: [
        application({
          spec: {
            source: null,
            sources: [
              {
                repoURL: 'https://charts.example.com',
                chart: 'api',
                targetRevision: '1.4.0',
              },
              {
                repoURL: 'https://git.example.com/nlp/values.git',
                ref: 'values',
              },
            ],
            syncPolicy: { automated: null },
          },
          status: {
            sync: {
              status: 'OutOfSync',
              revision: null,
              revisions: ['1.4.0', 'abc123'],
            },
            resources: [],
          },
        }),
      ],
      deployments: [deployment()],
    });
    expect(result.reasons[0].message).toBe(
      'Application argocd/review-sentiment-service is out of sync with revision 1.4.0, abc123 (automated sync is off: someone has to sync it)',
    );
  });
});
