/*
 * Argo Rollouts objects as the API returns them, written from the Rollout and AnalysisRun
 * types of argoproj.io/v1alpha1 (RolloutStatus: phase, message, abort, pauseConditions,
 * currentStepIndex, currentPodHash, stableRS, canary.weights, canary.currentStepAnalysisRunStatus;
 * AnalysisRunStatus: phase, message, metricResults). `status.observedGeneration` is a string
 * in Argo Rollouts.
 */
import { condition, merge } from './objects';

type Json = Record<string, any>;

const NAMESPACE = 'risk';
const NAME = 'fraud-scoring';
const T = '2025-06-01T12:00:00Z';
export const STABLE_HASH = '5d4c8b9f7';
export const CANARY_HASH = '6b8f9c7d5';
export const ROLLOUT_UID = '2b1f3c4d-0000-4000-8000-00000000a001';
const RUN = `${NAME}-${CANARY_HASH}-4-1`;

export const CANARY_STEPS = [
  { setWeight: 20 },
  { analysis: { templates: [{ templateName: 'success-rate' }] } },
  { setWeight: 50 },
  { pause: { duration: '10m' } },
];

/** A canary Rollout at step 2 of 4 (an analysis), 20 % routed to the canary. */
export function rollout(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: {
        name: NAME,
        namespace: NAMESPACE,
        generation: 4,
        uid: ROLLOUT_UID,
        labels: { 'backstage.io/kubernetes-id': NAME },
      },
      spec: {
        replicas: 5,
        selector: { matchLabels: { app: NAME } },
        template: {
          metadata: { labels: { app: NAME } },
          spec: {
            containers: [
              {
                name: 'api',
                image: 'registry.example.com/risk/fraud-scoring:1.9.0',
              },
            ],
          },
        },
        strategy: {
          canary: {
            canaryService: `${NAME}-canary`,
            stableService: `${NAME}-stable`,
            trafficRouting: { nginx: { stableIngress: NAME } },
            steps: CANARY_STEPS,
          },
        },
      },
      status: {
        observedGeneration: '4',
        phase: 'Progressing',
        message: 'more replicas need to be updated',
        currentPodHash: CANARY_HASH,
        stableRS: STABLE_HASH,
        currentStepIndex: 1,
        currentStepHash: '7c9d8f6b5',
        replicas: 6,
        updatedReplicas: 1,
        readyReplicas: 6,
        availableReplicas: 6,
        canary: {
          currentStepAnalysisRunStatus: { name: RUN, status: 'Running' },
          weights: {
            canary: {
              weight: 20,
              podTemplateHash: CANARY_HASH,
              serviceName: `${NAME}-canary`,
            },
            stable: {
              weight: 80,
              podTemplateHash: STABLE_HASH,
              serviceName: `${NAME}-stable`,
            },
          },
        },
        conditions: [
          condition(
            'Available',
            'True',
            'AvailableReason',
            'Rollout has minimum availability',
          ),
          condition(
            'Progressing',
            'True',
            'ReplicaSetUpdated',
            `ReplicaSet "${NAME}-${CANARY_HASH}" is progressing.`,
          ),
          condition('Completed', 'False', 'RolloutCompleted', ''),
        ],
      },
    },
    patch,
  );
}

/** A Rollout whose update completed: the canary became stable. */
export function healthyRollout(): Json {
  return rollout({
    status: {
      phase: 'Healthy',
      message: '',
      currentPodHash: STABLE_HASH,
      currentStepIndex: CANARY_STEPS.length,
      canary: {
        currentStepAnalysisRunStatus: null,
        weights: {
          canary: { weight: 0, podTemplateHash: STABLE_HASH },
          stable: { weight: 100, podTemplateHash: STABLE_HASH },
        },
      },
    },
  });
}

/** The AnalysisRun the canary step runs. */
export function analysisRun(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: {
        name: RUN,
        namespace: NAMESPACE,
        labels: {
          'rollouts-pod-template-hash': CANARY_HASH,
          'rollout-type': 'Step',
          'step-index': '1',
        },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Rollout',
            name: NAME,
            uid: ROLLOUT_UID,
            controller: true,
          },
        ],
      },
      spec: {
        metrics: [
          {
            name: 'success-rate',
            interval: '1m',
            successCondition: 'result[0] >= 0.95',
            failureLimit: 0,
          },
        ],
      },
      status: {
        phase: 'Running',
        startedAt: T,
        metricResults: [
          { name: 'success-rate', phase: 'Running', count: 2, successful: 2 },
        ],
      },
    },
    patch,
  );
}

const FAILED_METRIC =
  'Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)';

/** An AnalysisRun whose metric failed. */
export function failedAnalysisRun(patch: Json = {}): Json {
  return merge(
    analysisRun({
      status: {
        phase: 'Failed',
        message: FAILED_METRIC,
        metricResults: [
          {
            name: 'success-rate',
            phase: 'Failed',
            count: 3,
            successful: 2,
            failed: 1,
          },
        ],
      },
    }),
    patch,
  );
}

/** A Rollout aborted by its failed analysis: the stable version serves. */
export function abortedRollout(): Json {
  return rollout({
    status: {
      abort: true,
      abortedAt: T,
      phase: 'Degraded',
      message: `RolloutAborted: Rollout aborted update to revision 4: ${FAILED_METRIC}`,
      currentStepIndex: 0,
      canary: {
        currentStepAnalysisRunStatus: {
          name: RUN,
          status: 'Failed',
          message: FAILED_METRIC,
        },
        weights: {
          canary: { weight: 0, podTemplateHash: CANARY_HASH },
          stable: { weight: 100, podTemplateHash: STABLE_HASH },
        },
      },
      conditions: [
        condition(
          'Progressing',
          'False',
          'RolloutAborted',
          `Rollout aborted update to revision 4: ${FAILED_METRIC}`,
        ),
      ],
    },
  });
}

/** A canary waiting at its pause step. */
export function pausedRollout(): Json {
  return rollout({
    status: {
      phase: 'Paused',
      message: 'CanaryPauseStep',
      controllerPause: true,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: T }],
      currentStepIndex: 3,
      canary: {
        currentStepAnalysisRunStatus: null,
        weights: {
          canary: { weight: 50, podTemplateHash: CANARY_HASH },
          stable: { weight: 50, podTemplateHash: STABLE_HASH },
        },
      },
    },
  });
}

/** Argo Rollouts scenarios for the reason-code test of `evaluateDeploymentHealth`. */
export const ROLLOUT_SCENARIOS = [
  {
    name: 'Rollout canary at 20 % with its analysis running',
    input: { rollouts: [rollout()], analysisRuns: [analysisRun()] },
    status: 'progressing' as const,
    codes: ['rollout-canary' as const, 'analysis-run-running' as const],
  },
  {
    name: 'Rollout aborted by a failed analysis',
    input: {
      rollouts: [abortedRollout()],
      analysisRuns: [failedAnalysisRun()],
    },
    status: 'degraded' as const,
    codes: ['rollout-aborted' as const, 'analysis-run-failed' as const],
  },
  {
    name: 'Rollout paused at a canary pause step',
    input: { rollouts: [pausedRollout()] },
    status: 'suspended' as const,
    codes: ['rollout-paused' as const, 'rollout-canary' as const],
  },
  {
    name: 'Rollout progressing without a canary',
    input: {
      rollouts: [
        rollout({
          spec: { strategy: { canary: null, blueGreen: {} } },
          status: { canary: null },
        }),
      ],
    },
    status: 'progressing' as const,
    codes: ['rollout-progressing' as const],
  },
  {
    name: 'Rollout with an invalid spec',
    input: {
      rollouts: [
        rollout({
          status: {
            phase: 'Degraded',
            message:
              'InvalidSpec: The Rollout "fraud-scoring" is invalid: spec.strategy.canary.steps[0].setWeight: Invalid value: 120: must be between 0 and 100',
            conditions: [
              condition(
                'InvalidSpec',
                'True',
                'InvalidSpec',
                'spec.strategy.canary.steps[0].setWeight: must be between 0 and 100',
              ),
            ],
          },
        }),
      ],
    },
    status: 'degraded' as const,
    codes: ['rollout-degraded' as const, 'rollout-canary' as const],
  },
  {
    name: 'AnalysisRun inconclusive pauses the Rollout',
    input: {
      rollouts: [
        rollout({
          status: {
            phase: 'Paused',
            pauseConditions: [{ reason: 'InconclusiveAnalysisRun', startTime: T }],
          },
        }),
      ],
      analysisRuns: [
        analysisRun({
          status: {
            phase: 'Inconclusive',
            metricResults: [{ name: 'success-rate', phase: 'Inconclusive' }],
          },
        }),
      ],
    },
    status: 'suspended' as const,
    codes: [
      'rollout-paused' as const,
      'analysis-run-inconclusive' as const,
      'rollout-canary' as const,
    ],
  },
];
