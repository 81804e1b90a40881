import { DeploymentHealthInput } from './DeploymentHealthInput';
import { evaluateDeploymentHealth } from './evaluateDeploymentHealth';
import {
  abortedRollout,
  analysisRun,
  CANARY_HASH,
  failedAnalysisRun,
  healthyRollout,
  pausedRollout,
  rollout,
  STABLE_HASH,
} from './__fixtures__/rollouts';

const evaluate = (input: Record<string, unknown>) =>
  evaluateDeploymentHealth(input as DeploymentHealthInput);

const ROLLOUT_REF = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  namespace: 'risk',
  name: 'fraud-scoring',
};

describe('Argo Rollouts health', () => {
  it('is healthy when the update completed', () => {
    expect(evaluate({ rollouts: [healthyRollout()] })).toEqual({
      status: 'healthy',
      reasons: [],
    });
  });

  it('names the canary step, the weight routed and both pod hashes', () => {
    const { reasons } = evaluate({
      rollouts: [rollout()],
      analysisRuns: [analysisRun()],
    });
    expect(reasons).toEqual([
      {
        code: 'rollout-canary',
        severity: 'info',
        impact: 'progressing',
        message: `Rollout risk/fraud-scoring is in a canary update at step 2 of 4 (an analysis): 20 % of traffic to the canary (pod hash ${CANARY_HASH}), 80 % to the stable version (pod hash ${STABLE_HASH}) (status.canary.weights)`,
        object: ROLLOUT_REF,
      },
      {
        code: 'analysis-run-running',
        severity: 'info',
        impact: 'progressing',
        message: `AnalysisRun risk/fraud-scoring-${CANARY_HASH}-4-1 is running`,
        object: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'AnalysisRun',
          namespace: 'risk',
          name: `fraud-scoring-${CANARY_HASH}-4-1`,
        },
        controllerReason: 'Running',
      },
    ]);
  });

  it('reads the weight from the steps when no traffic router reports weights', () => {
    const { reasons } = evaluate({
      rollouts: [
        rollout({ status: { currentStepIndex: 3, canary: { weights: null } } }),
      ],
    });
    expect(reasons[0].message).toBe(
      `Rollout risk/fraud-scoring is in a canary update at step 4 of 4 (a pause of 10m): 50 % of traffic to the canary (pod hash ${CANARY_HASH}), 50 % to the stable version (pod hash ${STABLE_HASH}) (spec.strategy.canary.steps[].setWeight)`,
    );
  });

  it('reports an aborted update with the controller message and the failed metric', () => {
    const { status, reasons } = evaluate({
      rollouts: [abortedRollout()],
      analysisRuns: [failedAnalysisRun()],
    });
    expect(status).toBe('degraded');
    expect(reasons.map(r => [r.code, r.message])).toEqual([
      [
        'rollout-aborted',
        'Rollout risk/fraud-scoring: the update was aborted (status.abort) and the stable version serves: RolloutAborted: Rollout aborted update to revision 4: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
      ],
      [
        'analysis-run-failed',
        `AnalysisRun risk/fraud-scoring-${CANARY_HASH}-4-1 ended Failed (status.phase): Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0); metric success-rate Failed`,
      ],
    ]);
  });

  it('says why a Rollout is paused', () => {
    expect(evaluate({ rollouts: [pausedRollout()] }).reasons[0]).toMatchObject({
      code: 'rollout-paused',
      message:
        'Rollout risk/fraud-scoring is paused by the controller (status.pauseConditions: CanaryPauseStep since 2025-06-01T12:00:00Z)',
      controllerReason: 'CanaryPauseStep',
    });
    expect(
      evaluate({
        rollouts: [healthyRollout()].map(r => ({
          ...r,
          spec: { ...r.spec, paused: true },
        })),
      }).reasons.map(r => [r.code, r.message]),
    ).toEqual([
      ['rollout-paused', 'Rollout risk/fraud-scoring is paused (spec.paused)'],
    ]);
  });

  it('reports a progress deadline exceeded from the Progressing condition', () => {
    const { reasons } = evaluate({
      rollouts: [
        rollout({
          status: {
            phase: null,
            currentPodHash: STABLE_HASH,
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message:
                  'ReplicaSet "fraud-scoring-6b8f9c7d5" has timed out progressing.',
              },
            ],
          },
        }),
      ],
    });
    expect(reasons).toEqual([
      expect.objectContaining({
        code: 'rollout-degraded',
        message:
          'Rollout risk/fraud-scoring stopped progressing (Progressing condition): ReplicaSet "fraud-scoring-6b8f9c7d5" has timed out progressing.',
        controllerReason: 'ProgressDeadlineExceeded',
      }),
    ]);
  });

  it('leaves out AnalysisRuns of an earlier update, and judges runs of Rollouts not given', () => {
    const old = failedAnalysisRun({
      metadata: {
        name: 'fraud-scoring-4f3e2d1c0-3-1',
        labels: { 'rollouts-pod-template-hash': '4f3e2d1c0' },
      },
    });
    expect(
      evaluate({ rollouts: [healthyRollout()], analysisRuns: [old] }),
    ).toEqual({ status: 'healthy', reasons: [] });
    expect(evaluate({ analysisRuns: [old] }).status).toBe('degraded');
  });

  it('reads the string observedGeneration of Argo Rollouts', () => {
    const behind = healthyRollout();
    behind.status.observedGeneration = '3';
    expect(evaluate({ rollouts: [behind] }).reasons).toEqual([
      expect.objectContaining({
        code: 'status-not-current',
        message:
          'Rollout risk/fraud-scoring is at generation 4 but its controller last reported on generation 3: the status is not yet current',
      }),
    ]);
    const odd = healthyRollout();
    odd.status.observedGeneration = 'four';
    expect(evaluate({ rollouts: [odd] }).reasons[0].code).toBe(
      'status-malformed',
    );
  });

  it('never crashes on partial Rollouts and AnalysisRuns', () => {
    const partial = [
      {},
      { kind: 'Rollout' },
      { metadata: { name: 'r' }, status: {} },
      {
        metadata: { name: 'r' },
        spec: { strategy: {} },
        status: { phase: 'Progressing' },
      },
      {
        spec: { strategy: { canary: { steps: 'x' } } },
        status: { currentStepIndex: 0, currentPodHash: 'a' },
      },
      {
        spec: { strategy: { canary: { steps: [null, { pause: 1 }] } } },
        status: {
          currentStepIndex: 1,
          currentPodHash: 'a',
          stableRS: 'b',
          pauseConditions: [null],
          canary: { weights: 'x' },
        },
      },
      { status: { phase: 'Exploded', abort: 'yes' } },
    ];
    for (const entry of partial) {
      const result = evaluate({
        rollouts: [entry],
        analysisRuns: [
          entry,
          { status: { metricResults: 'x' } },
          { status: { phase: 'Odd' } },
        ],
      });
      expect(result.status).not.toBe('healthy');
      for (const reason of result.reasons) {
        expect(reason.message).toMatch(/^(Rollout|AnalysisRun) /);
      }
    }
    expect(
      evaluate({ rollouts: [{ metadata: { name: 'r' } }] }).reasons,
    ).toEqual([
      expect.objectContaining({
        code: 'status-missing',
        message:
          'Rollout r has no status yet: its controller has not reported on it',
      }),
    ]);
  });
});
