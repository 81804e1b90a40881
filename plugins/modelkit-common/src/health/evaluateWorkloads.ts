import { evaluateDeployment } from './evaluateDeployment';
import { evaluatePod } from './evaluatePod';
import { addReplicaFailure } from './replicaFailure';
import {
  findCondition,
  ObjectView,
  readConditions,
  readNumber,
  readPath,
  readString,
  ReasonList,
  viewEachObject,
} from './objectView';

/** The workload lists of the health input. */
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

  const deployments = viewEachObject(
    input.deployments,
    { kind: 'Deployment', apiVersion: 'apps/v1', list: 'deployments' },
    reasons,
    view => evaluateDeployment(view, reasons, replicaFailures),
  );

  const replicaSets = viewEachObject(
    input.replicaSets,
    { kind: 'ReplicaSet', apiVersion: 'apps/v1', list: 'replicaSets' },
    reasons,
    view => evaluateReplicaSet(view, reasons, replicaFailures),
    { requireStatus: false },
  );

  let livePods = 0;
  const pods = viewEachObject(
    input.pods,
    { kind: 'Pod', apiVersion: 'v1', list: 'pods' },
    reasons,
    view => {
      livePods += 1;
      evaluatePod(view, reasons, restartThreshold);
    },
    // Pods being deleted are the normal tail of every rollout; their last state is noise.
    {
      skip: raw =>
        readString(readPath(raw, 'metadata', 'deletionTimestamp')) !==
        undefined,
    },
  );

  const services = viewEachObject(
    input.services,
    { kind: 'Service', apiVersion: 'v1', list: 'services' },
    reasons,
    view => evaluateService(view, reasons),
    { requireStatus: false },
  );

  return {
    objects:
      deployments.length + replicaSets.length + pods.length + services.length,
    workloads: deployments.length + livePods,
  };
}

/**
 * Reports the `ReplicaFailure` of a live ReplicaSet, unless its Deployment already reported
 * the same message.
 */
function evaluateReplicaSet(
  view: ObjectView,
  reasons: ReasonList,
  replicaFailures: Set<string>,
): void {
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
    addReplicaFailure(view, failure, reasons);
  }
}

/** Reports a `LoadBalancer` Service that has no ingress address yet. */
function evaluateService(view: ObjectView, reasons: ReasonList): void {
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
}
