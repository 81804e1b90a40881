import { DeploymentHealthInput } from './DeploymentHealthInput';
import { evaluateDeploymentHealth } from './evaluateDeploymentHealth';
import {
  llmInferenceService,
  unavailableLLMInferenceService,
} from './__fixtures__/llmInferenceServices';

const evaluate = (input: Record<string, unknown>) =>
  evaluateDeploymentHealth(input as DeploymentHealthInput);

describe('KServe LLMInferenceService health', () => {
  it('is healthy when Ready, in v1alpha1 and v1alpha2', () => {
    expect(evaluate({ llmInferenceServices: [llmInferenceService()] })).toEqual(
      {
        status: 'healthy',
        reasons: [],
      },
    );
    expect(
      evaluate({
        llmInferenceServices: [
          llmInferenceService({ apiVersion: 'serving.kserve.io/v1alpha2' }),
        ],
      }).status,
    ).toBe('healthy');
  });

  it("quotes KServe's Ready message and names the conditions that are False", () => {
    expect(
      evaluate({ llmInferenceServices: [unavailableLLMInferenceService()] })
        .reasons,
    ).toEqual([
      {
        code: 'llm-inference-service-not-ready',
        severity: 'error',
        impact: 'degraded',
        message:
          'LLMInferenceService nlp/review-sentiment-llm is not ready: Deployment does not have minimum availability. (False: MainWorkloadReady, WorkloadsReady)',
        object: {
          apiVersion: 'serving.kserve.io/v1alpha1',
          kind: 'LLMInferenceService',
          namespace: 'nlp',
          name: 'review-sentiment-llm',
        },
        controllerReason: 'MinimumReplicasUnavailable',
      },
    ]);
  });

  it('counts as a workload under a GitOps object', () => {
    const { reasons } = evaluate({
      applications: [
        {
          metadata: { name: 'llm', namespace: 'argocd' },
          status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } },
        },
      ],
      llmInferenceServices: [llmInferenceService()],
    });
    expect(reasons).toEqual([]);
  });

  it('never crashes on partial objects', () => {
    for (const entry of [
      {},
      { status: {} },
      { status: { conditions: 'x' } },
      { status: { conditions: [{ type: 'Ready', status: 'Maybe' }] } },
      { spec: 'x', status: { conditions: [null] } },
    ]) {
      const result = evaluate({ llmInferenceServices: [entry] });
      expect(result.status).toBe('unknown');
      expect(result.reasons[0].message).toMatch(/^LLMInferenceService /);
    }
    expect(
      evaluate({
        llmInferenceServices: [{ metadata: { name: 'x' }, status: {} }],
      }).reasons[0].message,
    ).toBe(
      'LLMInferenceService x has no Ready condition in status.conditions: KServe has not reported on it yet',
    );
  });
});
