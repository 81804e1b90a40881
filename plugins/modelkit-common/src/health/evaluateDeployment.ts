import { addReplicaFailure } from './replicaFailure';
import {
  findCondition,
  ObjectView,
  readConditions,
  readNumber,
  ReasonList,
  withMessage,
} from './objectView';

/** The `Progressing` reason of a Deployment whose new ReplicaSet is fully rolled out. */
const ROLLOUT_COMPLETE = 'NewReplicaSetAvailable';

/** Reads a replica count of the status; undefined (reported) when it has the wrong type. */
function readCount(
  view: ObjectView,
  field: string,
  reasons: ReasonList,
): number | undefined {
  const value = view.status?.[field];
  if (value === undefined) {
    return 0;
  }
  const count = readNumber(value);
  if (count === undefined) {
    reasons.add(
      'status-malformed',
      `${view.label} has a status.${field} of type ${typeof value}`,
      view.ref,
    );
    return undefined;
  }
  return count;
}

/**
 * Evaluates one Deployment: paused, scaled to zero, replica failures, an exceeded progress
 * deadline, a rollout under way and unavailable replicas. The message of a `ReplicaFailure`
 * it reports is added to `replicaFailures`, so its ReplicaSet does not report it again.
 */
export function evaluateDeployment(
  view: ObjectView,
  reasons: ReasonList,
  replicaFailures: Set<string>,
): void {
  let desired = 1;
  let malformed = view.malformed;
  const replicasValue = view.spec.replicas;
  if (replicasValue !== undefined) {
    const replicas = readNumber(replicasValue);
    if (replicas === undefined) {
      malformed = true;
      reasons.add(
        'status-malformed',
        `${view.label} has a spec.replicas of type ${typeof replicasValue}`,
        view.ref,
      );
    } else {
      desired = replicas;
    }
  }
  const paused = view.spec.paused === true;
  if (paused) {
    reasons.add(
      'deployment-paused',
      `${view.label} is paused (spec.paused: true): rollouts wait until it is resumed`,
      view.ref,
    );
  }
  if (desired === 0) {
    reasons.add(
      'deployment-scaled-to-zero',
      `${view.label} is scaled to zero replicas`,
      view.ref,
    );
    return;
  }
  if (!view.status) {
    return;
  }

  const conditions = readConditions(view, reasons);
  const progressing = findCondition(conditions, 'Progressing');
  const available = findCondition(conditions, 'Available');
  const failure = findCondition(conditions, 'ReplicaFailure');
  if (failure?.status === 'True') {
    replicaFailures.add(failure.message ?? '');
    addReplicaFailure(view, failure, reasons);
  }

  const total = readCount(view, 'replicas', reasons);
  const updated = readCount(view, 'updatedReplicas', reasons);
  const availableReplicas = readCount(view, 'availableReplicas', reasons);
  // Replica arithmetic on fields that could not be read would invent a rollout.
  if (
    malformed ||
    total === undefined ||
    updated === undefined ||
    availableReplicas === undefined
  ) {
    return;
  }

  if (
    progressing?.status === 'False' &&
    progressing.reason === 'ProgressDeadlineExceeded'
  ) {
    reasons.add(
      'deployment-progress-deadline-exceeded',
      withMessage(
        `${view.label} exceeded its progress deadline with ${availableReplicas} of ${desired} replicas available`,
        progressing.message,
      ),
      view.ref,
      progressing.reason,
    );
    return;
  }

  const generation = readNumber(view.metadata.generation);
  const observed = readNumber(view.status.observedGeneration);
  const observedCurrent =
    generation === undefined ||
    observed === undefined ||
    observed >= generation;
  const rolloutComplete =
    observedCurrent &&
    updated >= desired &&
    total <= desired &&
    (progressing === undefined || progressing.reason === ROLLOUT_COMPLETE);

  if (!rolloutComplete && !paused) {
    reasons.add(
      'deployment-rollout-in-progress',
      withMessage(
        `${view.label} is rolling out: ${updated} of ${desired} replicas updated, ${availableReplicas} available`,
        progressing?.message,
      ),
      view.ref,
      progressing?.reason,
    );
  } else if (availableReplicas < desired) {
    reasons.add(
      'replicas-unavailable',
      withMessage(
        `${view.label} has ${availableReplicas} of ${desired} replicas available`,
        available?.status === 'False' ? available.message : undefined,
      ),
      view.ref,
      available?.status === 'False' ? available.reason : undefined,
    );
  }
}
