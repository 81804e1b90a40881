import {
  findCondition,
  isRecord,
  ObjectView,
  readConditions,
  readNumber,
  readPath,
  readString,
  ReasonList,
  withMessage,
} from './objectView';

/** Waiting reasons of the kubelet that mean a container cannot get its image. */
const IMAGE_PULL_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
]);

/** Waiting reasons of the kubelet that mean a container cannot be created or started. */
const CONTAINER_ERROR_REASONS = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PostStartHookError',
]);

/**
 * Evaluates one live Pod: failed, unschedulable, and each container and init container
 * (crash-looping, image pull failures, start errors, frequent restarts).
 */
export function evaluatePod(
  view: ObjectView,
  reasons: ReasonList,
  restartThreshold: number,
): void {
  if (!view.status) {
    return;
  }
  const phase = readString(view.status.phase);
  if (phase === 'Succeeded') {
    return;
  }
  if (phase === 'Failed') {
    reasons.add(
      'pod-failed',
      withMessage(
        `${view.label} failed`,
        readString(view.status.message) ?? readString(view.status.reason),
      ),
      view.ref,
      readString(view.status.reason),
    );
    return;
  }

  const scheduled = findCondition(
    readConditions(view, reasons),
    'PodScheduled',
  );
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    reasons.add(
      'pod-unschedulable',
      withMessage(`${view.label} cannot be scheduled`, scheduled.message),
      view.ref,
      scheduled.reason,
    );
  }

  for (const [field, label] of [
    ['initContainerStatuses', 'init container'],
    ['containerStatuses', 'container'],
  ] as const) {
    const statuses = view.status[field];
    if (statuses === undefined) {
      continue;
    }
    if (!Array.isArray(statuses)) {
      reasons.add(
        'status-malformed',
        `${view.label} has a status.${field} of type ${typeof statuses}`,
        view.ref,
      );
      continue;
    }
    for (const container of statuses.filter(isRecord)) {
      evaluateContainer(view, container, label, reasons, restartThreshold);
    }
  }
}

/** Evaluates one entry of a pod's container statuses. */
function evaluateContainer(
  view: ObjectView,
  container: Record<string, unknown>,
  label: string,
  reasons: ReasonList,
  restartThreshold: number,
): void {
  const name = readString(container.name) ?? '(unnamed)';
  const restarts = readNumber(container.restartCount) ?? 0;
  const waitingReason = readString(
    readPath(container, 'state', 'waiting', 'reason'),
  );
  const waitingMessage = readString(
    readPath(container, 'state', 'waiting', 'message'),
  );
  const subject = `${view.label}: ${label} ${name}`;

  if (waitingReason === 'CrashLoopBackOff') {
    const exitCode = readNumber(
      readPath(container, 'lastState', 'terminated', 'exitCode'),
    );
    const exitReason = readString(
      readPath(container, 'lastState', 'terminated', 'reason'),
    );
    const exitMessage = readString(
      readPath(container, 'lastState', 'terminated', 'message'),
    );
    let sentence = `${subject} is crash-looping after ${restarts} restart${
      restarts === 1 ? '' : 's'
    }`;
    if (exitCode !== undefined) {
      sentence += ` (last exit code ${exitCode}${
        exitReason ? `, ${exitReason}` : ''
      })`;
    }
    reasons.add(
      'pod-crash-looping',
      withMessage(sentence, exitMessage),
      view.ref,
      waitingReason,
    );
  } else if (waitingReason && IMAGE_PULL_REASONS.has(waitingReason)) {
    reasons.add(
      'pod-image-pull-failed',
      withMessage(`${subject} cannot pull its image`, waitingMessage),
      view.ref,
      waitingReason,
    );
  } else if (waitingReason && CONTAINER_ERROR_REASONS.has(waitingReason)) {
    reasons.add(
      'pod-container-error',
      withMessage(`${subject} cannot start`, waitingMessage),
      view.ref,
      waitingReason,
    );
  } else if (restarts >= restartThreshold) {
    reasons.add(
      'pod-restarting',
      `${subject} has restarted ${restarts} times`,
      view.ref,
    );
  }
}
