import {
  findCondition,
  isRecord,
  ObjectView,
  readConditions,
  readList,
  readNumber,
  readPath,
  readString,
  ReasonList,
  viewObject,
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

/** The `Progressing` reason of a Deployment whose new ReplicaSet is fully rolled out. */
const ROLLOUT_COMPLETE = 'NewReplicaSetAvailable';

interface WorkloadInput {
  deployments?: unknown;
  replicaSets?: unknown;
  pods?: unknown;
  services?: unknown;
}

/**
 * Evaluates Deployments, ReplicaSets, Pods and Services. Returns how many objects were read,
 * and how many of them were Deployments or Pods.
 */
export function evaluateWorkloads(
  input: WorkloadInput,
  reasons: ReasonList,
  restartThreshold: number,
): { objects: number; workloads: number } {
  const replicaFailures = new Set<string>();

  const deployments = readList(input.deployments, 'deployments', reasons);
  deployments.forEach((raw, index) => {
    const view = viewObject(
      raw,
      { kind: 'Deployment', apiVersion: 'apps/v1', index, list: 'deployments' },
      reasons,
    );
    evaluateDeployment(view, reasons, replicaFailures);
  });

  const replicaSets = readList(input.replicaSets, 'replicaSets', reasons);
  replicaSets.forEach((raw, index) => {
    const view = viewObject(
      raw,
      { kind: 'ReplicaSet', apiVersion: 'apps/v1', index, list: 'replicaSets' },
      reasons,
      { requireStatus: false },
    );
    // Old ReplicaSets are kept at zero replicas for rollbacks; only live ones matter.
    const replicas = readNumber(view.spec.replicas) ?? 1;
    if (replicas === 0 || !view.status) {
      return;
    }
    const failure = findCondition(
      readConditions(view, reasons),
      'ReplicaFailure',
    );
    if (
      failure?.status === 'True' &&
      !replicaFailures.has(failure.message ?? '')
    ) {
      replicaFailures.add(failure.message ?? '');
      reasons.add(
        'replica-failure',
        withMessage(`${view.label} cannot create pods`, failure.message),
        view.ref,
        failure.reason,
      );
    }
  });

  const pods = readList(input.pods, 'pods', reasons);
  let livePods = 0;
  pods.forEach((raw, index) => {
    // Pods being deleted are the normal tail of every rollout; their last state is noise.
    if (readString(readPath(raw, 'metadata', 'deletionTimestamp'))) {
      return;
    }
    livePods += 1;
    const view = viewObject(
      raw,
      { kind: 'Pod', apiVersion: 'v1', index, list: 'pods' },
      reasons,
    );
    evaluatePod(view, reasons, restartThreshold);
  });

  const services = readList(input.services, 'services', reasons);
  services.forEach((raw, index) => {
    const view = viewObject(
      raw,
      { kind: 'Service', apiVersion: 'v1', index, list: 'services' },
      reasons,
      { requireStatus: false },
    );
    const ingress = readPath(view.status, 'loadBalancer', 'ingress');
    if (
      view.spec.type === 'LoadBalancer' &&
      !(Array.isArray(ingress) && ingress.length > 0)
    ) {
      reasons.add(
        'service-load-balancer-pending',
        `${view.label} is waiting for a load balancer address`,
        view.ref,
      );
    }
  });

  return {
    objects:
      deployments.length + replicaSets.length + pods.length + services.length,
    workloads: deployments.length + livePods,
  };
}

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

function evaluateDeployment(
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
    reasons.add(
      'replica-failure',
      withMessage(`${view.label} cannot create pods`, failure.message),
      view.ref,
      failure.reason,
    );
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

function evaluatePod(
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
