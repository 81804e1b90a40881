/*
 * KServe LLMInferenceService objects as the API returns them, written from the
 * serving.kserve.io/v1alpha1 types and their lifecycle (a Knative duck status: `Ready` from
 * `WorkloadsReady` and `RouterReady`, which come from `MainWorkloadReady`,
 * `WorkerWorkloadReady`, `PrefillWorkloadReady`, `SchedulerWorkloadReady`, `GatewaysReady`,
 * `HTTPRoutesReady` and `InferencePoolReady`; `PresetsCombined` for the configuration).
 */
import { condition, DIGEST_B, merge } from './objects';

type Json = Record<string, any>;

export const LLM_MODEL_URI = `oci://registry.example.com/kitstage-demo/review-sentiment:v0.3.0@${DIGEST_B}`;

const READY = [
  'HTTPRoutesReady',
  'InferencePoolReady',
  'MainWorkloadReady',
  'PresetsCombined',
  'Ready',
  'RouterReady',
  'SchedulerWorkloadReady',
  'WorkloadsReady',
].map(type => condition(type, 'True', '', ''));

/** A ready LLMInferenceService serving a ModelKit as an OCI model. */
export function llmInferenceService(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'serving.kserve.io/v1alpha1',
      kind: 'LLMInferenceService',
      metadata: {
        name: 'review-sentiment-llm',
        namespace: 'nlp',
        generation: 2,
        labels: { 'backstage.io/kubernetes-id': 'review-sentiment-service' },
      },
      spec: {
        model: { uri: LLM_MODEL_URI, name: 'review-sentiment' },
        replicas: 1,
        router: { route: {}, gateway: {}, scheduler: {} },
        template: {
          containers: [
            {
              name: 'main',
              resources: { limits: { 'nvidia.com/gpu': '1' } },
            },
          ],
        },
      },
      status: {
        observedGeneration: 2,
        url: 'http://review-sentiment-llm.nlp.example.com',
        conditions: READY,
      },
    },
    patch,
  );
}

const UNAVAILABLE = 'Deployment does not have minimum availability.';

/** The main workload is not available: `Ready` is `False` with the same message. */
export function unavailableLLMInferenceService(): Json {
  return llmInferenceService({
    status: {
      conditions: [
        ...READY.filter(
          c =>
            !['MainWorkloadReady', 'WorkloadsReady', 'Ready'].includes(c.type),
        ),
        condition(
          'MainWorkloadReady',
          'False',
          'MinimumReplicasUnavailable',
          UNAVAILABLE,
        ),
        condition(
          'WorkloadsReady',
          'False',
          'MinimumReplicasUnavailable',
          UNAVAILABLE,
        ),
        condition('Ready', 'False', 'MinimumReplicasUnavailable', UNAVAILABLE),
      ],
    },
  });
}

/** LLMInferenceService scenarios for the reason-code test of `evaluateDeploymentHealth`. */
export const LLM_INFERENCE_SERVICE_SCENARIOS = [
  {
    name: 'LLMInferenceService ready',
    input: { llmInferenceServices: [llmInferenceService()] },
    status: 'healthy' as const,
    codes: [],
  },
  {
    name: 'LLMInferenceService main workload unavailable',
    input: { llmInferenceServices: [unavailableLLMInferenceService()] },
    status: 'degraded' as const,
    codes: ['llm-inference-service-not-ready' as const],
  },
  {
    name: 'LLMInferenceService being rolled out',
    input: {
      llmInferenceServices: [
        llmInferenceService({
          status: {
            conditions: [
              condition(
                'Ready',
                'Unknown',
                'Reconciling',
                'Waiting for the main workload',
              ),
            ],
          },
        }),
      ],
    },
    status: 'progressing' as const,
    codes: ['llm-inference-service-pending' as const],
  },
];
