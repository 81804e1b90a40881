import {
  findCondition,
  isRecord,
  ObjectView,
  readConditions,
  readNumber,
  readPath,
  readString,
  ReasonList,
  viewEachObject,
  withMessage,
} from './objectView';
import { judgeReadyCondition } from './readyCondition';

const KSERVE_API_VERSION = 'serving.kserve.io/v1beta1';

/** `status.modelStatus` values that mean the predictor's model did not load. */
const FAILED_TRANSITIONS = new Set(['BlockedByFailedLoad', 'InvalidSpec']);

/**
 * Evaluates KServe InferenceServices: readiness, predictor readiness, model loading, canary
 * traffic and the stopped state. Returns how many InferenceServices were read.
 */
export function evaluateKServe(
  inferenceServices: unknown,
  reasons: ReasonList,
): number {
  return viewEachObject(
    inferenceServices,
    {
      kind: 'InferenceService',
      apiVersion: KSERVE_API_VERSION,
      list: 'inferenceServices',
    },
    reasons,
    view => {
      if (view.status) {
        evaluateInferenceService(view, reasons);
      }
    },
  ).length;
}

/** Reads the conditions, model status and traffic of an InferenceService that has a status. */
function evaluateInferenceService(view: ObjectView, reasons: ReasonList) {
  const conditions = readConditions(view, reasons);
  const ready = findCondition(conditions, 'Ready');
  const predictor = findCondition(conditions, 'PredictorReady');
  const stopped = findCondition(conditions, 'Stopped');

  if (stopped?.status === 'True') {
    reasons.add(
      'inference-service-stopped',
      withMessage(`${view.label} is stopped`, stopped.message),
      view.ref,
      stopped.reason,
    );
    return;
  }

  judgeReadyCondition(view, reasons, ready, {
    notReady: 'inference-service-not-ready',
    pending: 'inference-service-pending',
    missing: `${view.label} has no Ready condition: KServe has not reported on it yet`,
  });
  if (predictor?.status === 'False') {
    reasons.add(
      'inference-service-predictor-not-ready',
      withMessage(
        `${view.label}: the predictor is not ready`,
        predictor.message ?? predictor.reason,
      ),
      view.ref,
      predictor.reason,
    );
  }

  const transition = readString(
    readPath(view.status, 'modelStatus', 'transitionStatus'),
  );
  const activeState = readString(
    readPath(view.status, 'modelStatus', 'states', 'activeModelState'),
  );
  if (
    (transition && FAILED_TRANSITIONS.has(transition)) ||
    activeState === 'FailedToLoad'
  ) {
    const failure = readPath(view.status, 'modelStatus', 'lastFailureInfo');
    reasons.add(
      'inference-service-model-load-failed',
      withMessage(
        `${view.label}: the model failed to load`,
        readString(readPath(failure, 'message')),
      ),
      view.ref,
      readString(readPath(failure, 'reason')) ?? transition ?? activeState,
    );
  }

  evaluateTraffic(view, reasons);
}

/**
 * Reports a canary when the predictor's observed traffic is split between revisions. The
 * split is read from `status.components.predictor.traffic` (what Knative routes), not from
 * `spec.predictor.canaryTrafficPercent` (what was asked).
 */
function evaluateTraffic(view: ObjectView, reasons: ReasonList) {
  const traffic = readPath(view.status, 'components', 'predictor', 'traffic');
  if (!Array.isArray(traffic)) {
    return;
  }
  const targets = traffic
    .filter(isRecord)
    .map(target => ({
      revision: readString(target.revisionName) ?? '(unnamed revision)',
      percent: readNumber(target.percent) ?? 0,
      latest: target.latestRevision === true,
    }))
    .filter(target => target.percent > 0);
  if (targets.length < 2) {
    return;
  }
  const latest = targets.find(target => target.latest);
  const others = targets.filter(target => target !== latest);
  const declared = readNumber(
    readPath(view.spec, 'predictor', 'canaryTrafficPercent'),
  );
  const parts = others.map(
    target => `${target.percent} % to ${target.revision}`,
  );
  const message = latest
    ? `${view.label} is in a canary rollout: ${
        latest.percent
      } % of traffic goes to the latest revision ${
        latest.revision
      }, ${parts.join(', ')}`
    : `${view.label} splits traffic: ${parts.join(', ')}`;
  reasons.add(
    'inference-service-canary',
    declared !== undefined
      ? `${message} (canaryTrafficPercent: ${declared})`
      : message,
    view.ref,
  );
}
