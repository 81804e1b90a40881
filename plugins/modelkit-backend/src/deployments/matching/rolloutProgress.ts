import type {
  DeploymentWorkload,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { isRecord, readNumber, readPath, readString } from './objects';

/** The label Argo Rollouts puts on the ReplicaSets and Pods of a Rollout. @internal */
export const ROLLOUT_POD_HASH_LABEL = 'rollouts-pod-template-hash';

/** The last `setWeight` of the canary steps up to and including `index`. */
function weightAt(steps: unknown[], index: number): number | undefined {
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    const weight = readNumber(readPath(steps[i], 'setWeight'));
    if (weight !== undefined) return weight;
  }
  return undefined;
}

/**
 * An Argo Rollout's update: strategy, phase, pause and abort, the canary step under way and
 * the weight the canary gets (the traffic router's `status.canary.weights` when reported,
 * else the last `setWeight` step reached; 0 when no canary is under way).
 *
 * @internal
 */
export function rolloutProgress(
  rollout: KubernetesObjectLike,
): NonNullable<DeploymentWorkload['rollout']> {
  const spec = rollout.spec;
  const status = rollout.status;
  const canarySpec = readPath(spec, 'strategy', 'canary');
  const steps = readPath(canarySpec, 'steps');
  const index = readNumber(readPath(status, 'currentStepIndex'));
  const canaryHash = readString(readPath(status, 'currentPodHash'));
  const stableHash = readString(readPath(status, 'stableRS'));
  const pauses = readPath(status, 'pauseConditions');
  const aborted = readPath(status, 'abort') === true;
  let strategy: NonNullable<DeploymentWorkload['rollout']>['strategy'] =
    'unknown';
  if (isRecord(canarySpec)) strategy = 'canary';
  else if (isRecord(readPath(spec, 'strategy', 'blueGreen')))
    strategy = 'blueGreen';
  const progress: NonNullable<DeploymentWorkload['rollout']> = {
    strategy,
    paused:
      readPath(spec, 'paused') === true ||
      (Array.isArray(pauses) && pauses.length > 0),
    aborted,
  };
  const phase = readString(readPath(status, 'phase'));
  if (phase) progress.phase = phase;
  if (canaryHash) progress.canaryHash = canaryHash;
  if (stableHash) progress.stableHash = stableHash;
  if (Array.isArray(steps)) {
    progress.stepCount = steps.length;
    if (index !== undefined) progress.currentStepIndex = index;
  }
  if (strategy === 'canary') {
    const inProgress =
      !aborted &&
      canaryHash !== undefined &&
      canaryHash !== stableHash &&
      Array.isArray(steps) &&
      index !== undefined &&
      index < steps.length;
    const routed = readNumber(
      readPath(status, 'canary', 'weights', 'canary', 'weight'),
    );
    progress.canaryWeight = inProgress
      ? routed ?? weightAt(steps as unknown[], index!) ?? 0
      : 0;
  }
  return progress;
}
