import {
  findCondition,
  isRecord,
  JsonRecord,
  ObjectView,
  readConditions,
  readNumber,
  readPath,
  readString,
  ReasonList,
  viewEachObject,
  withMessage,
} from './objectView';

const ROLLOUTS_API_VERSION = 'argoproj.io/v1alpha1';
const POD_HASH_LABEL = 'rollouts-pod-template-hash';
const KNOWN_PHASES = new Set(['Healthy', 'Progressing', 'Paused', 'Degraded']);

/** What the AnalysisRuns of a Rollout are judged against: its current update. */
interface CurrentUpdate {
  /** `status.currentPodHash`. */
  podHash?: string;
  /** The AnalysisRuns the Rollout's status names. */
  runs: Set<string>;
}

/**
 * Argo Rollouts writes `status.observedGeneration` as a string; the common check in
 * `viewObject` reads numbers, so a numeric string is read as the number it spells.
 */
function withNumericGeneration(raw: unknown): unknown {
  if (!isRecord(raw) || !isRecord(raw.status)) return raw;
  const observed = raw.status.observedGeneration;
  if (typeof observed !== 'string' || !/^\d{1,15}$/.test(observed)) return raw;
  return {
    ...raw,
    status: { ...raw.status, observedGeneration: Number(observed) },
  };
}

/** The share of traffic the canary gets at a step: the last `setWeight` up to it. */
function weightAt(steps: unknown[], index: number): number | undefined {
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    const weight = readNumber(readPath(steps[i], 'setWeight'));
    if (weight !== undefined) return weight;
  }
  return undefined;
}

function describeStep(step: unknown): string {
  if (!isRecord(step)) return '';
  if (step.setWeight !== undefined) return ` (setWeight ${step.setWeight})`;
  if (isRecord(step.pause)) {
    const duration = step.pause.duration;
    return duration === undefined
      ? ' (a pause until promoted)'
      : ` (a pause of ${duration})`;
  }
  if (step.analysis !== undefined) return ' (an analysis)';
  const kind = Object.keys(step)[0];
  return kind ? ` (${kind})` : '';
}

/**
 * Reports a canary update under way: the step, and the weight the canary gets, from the
 * traffic router's weights (`status.canary.weights`) when set, else from the steps.
 */
function evaluateCanary(view: ObjectView, reasons: ReasonList): boolean {
  const steps = readPath(view.spec, 'strategy', 'canary', 'steps');
  const index = readNumber(view.status?.currentStepIndex);
  const canaryHash = readString(view.status?.currentPodHash);
  const stableHash = readString(view.status?.stableRS);
  if (
    !Array.isArray(steps) ||
    steps.length === 0 ||
    index === undefined ||
    index >= steps.length ||
    !canaryHash ||
    canaryHash === stableHash
  ) {
    return false;
  }
  const routed = readNumber(
    readPath(view.status, 'canary', 'weights', 'canary', 'weight'),
  );
  const stepWeight = weightAt(steps, index);
  const weight = routed ?? stepWeight ?? 0;
  const from =
    routed !== undefined
      ? 'status.canary.weights'
      : 'spec.strategy.canary.steps[].setWeight';
  reasons.add(
    'rollout-canary',
    `${view.label} is in a canary update at step ${index + 1} of ${
      steps.length
    }${describeStep(
      steps[index],
    )}: ${weight} % of traffic to the canary (pod hash ${canaryHash}), ${
      100 - weight
    } % to the stable version${
      stableHash ? ` (pod hash ${stableHash})` : ''
    } (${from})`,
    view.ref,
  );
  return true;
}

/** Reports a pause by hand (`spec.paused`) or by the controller (`status.pauseConditions`). */
function evaluatePause(view: ObjectView, reasons: ReasonList): boolean {
  if (view.spec.paused === true) {
    reasons.add(
      'rollout-paused',
      `${view.label} is paused (spec.paused)`,
      view.ref,
    );
    return true;
  }
  const conditions = view.status?.pauseConditions;
  if (Array.isArray(conditions) && conditions.length > 0) {
    const why = conditions.map(entry => {
      const reason = readString(readPath(entry, 'reason')) ?? 'unknown reason';
      const since = readString(readPath(entry, 'startTime'));
      return since ? `${reason} since ${since}` : reason;
    });
    reasons.add(
      'rollout-paused',
      `${
        view.label
      } is paused by the controller (status.pauseConditions: ${why.join(
        ', ',
      )})`,
      view.ref,
      readString(readPath(conditions[0], 'reason')),
    );
    return true;
  }
  return false;
}

/** Reads phase, abort, pause, conditions and canary progress of a Rollout with a status. */
function evaluateRollout(view: ObjectView, reasons: ReasonList): void {
  const status = view.status!;
  const conditions = readConditions(view, reasons);
  const phase = readString(status.phase);
  const message = readString(status.message);
  const paused = evaluatePause(view, reasons);

  if (status.abort === true) {
    reasons.add(
      'rollout-aborted',
      withMessage(
        `${view.label}: the update was aborted (status.abort) and the stable version serves`,
        message,
      ),
      view.ref,
      'RolloutAborted',
    );
  } else {
    const invalid = findCondition(conditions, 'InvalidSpec');
    const progressing = findCondition(conditions, 'Progressing');
    if (phase === 'Degraded') {
      reasons.add(
        'rollout-degraded',
        withMessage(`${view.label} is degraded (status.phase)`, message),
        view.ref,
        progressing?.reason,
      );
    } else if (invalid?.status === 'True') {
      reasons.add(
        'rollout-degraded',
        withMessage(
          `${view.label} has an invalid spec (InvalidSpec condition)`,
          invalid.message,
        ),
        view.ref,
        invalid.reason,
      );
    } else if (progressing?.status === 'False') {
      reasons.add(
        'rollout-degraded',
        withMessage(
          `${view.label} stopped progressing (Progressing condition)`,
          progressing.message ?? progressing.reason,
        ),
        view.ref,
        progressing.reason,
      );
    }
  }

  const canary = status.abort !== true && evaluateCanary(view, reasons);
  if (phase === 'Progressing' && !canary) {
    reasons.add(
      'rollout-progressing',
      withMessage(`${view.label} is progressing (status.phase)`, message),
      view.ref,
    );
  } else if (phase === 'Paused' && !paused) {
    reasons.add(
      'rollout-paused',
      withMessage(`${view.label} is paused (status.phase)`, message),
      view.ref,
    );
  } else if (phase && !KNOWN_PHASES.has(phase)) {
    reasons.add(
      'status-malformed',
      `${view.label} has an unknown status.phase "${phase}"`,
      view.ref,
    );
  }
}

/** The AnalysisRun names a Rollout's status gives for its current update. */
function namedRuns(status: JsonRecord | undefined): Set<string> {
  const names = new Set<string>();
  for (const path of [
    ['canary', 'currentStepAnalysisRunStatus'],
    ['canary', 'currentBackgroundAnalysisRunStatus'],
    ['blueGreen', 'prePromotionAnalysisRunStatus'],
    ['blueGreen', 'postPromotionAnalysisRunStatus'],
  ]) {
    const name = readString(readPath(status, ...path, 'name'));
    if (name) names.add(name);
  }
  return names;
}

/**
 * Whether an AnalysisRun is left out: it is owned by a Rollout of the input and belongs to
 * an earlier update (a failed run of a version rolled back long ago).
 */
function isPastRun(
  raw: JsonRecord,
  updates: Map<string, CurrentUpdate>,
): boolean {
  const owners = readPath(raw, 'metadata', 'ownerReferences');
  const owner = Array.isArray(owners)
    ? owners.find(o => readString(readPath(o, 'kind')) === 'Rollout')
    : undefined;
  const namespace = readString(readPath(raw, 'metadata', 'namespace')) ?? '';
  const update = updates.get(
    `${namespace}/${readString(readPath(owner, 'name')) ?? ''}`,
  );
  if (!owner || !update) return false;
  const name = readString(readPath(raw, 'metadata', 'name'));
  const hash = readString(readPath(raw, 'metadata', 'labels', POD_HASH_LABEL));
  return !(
    (name && update.runs.has(name)) ||
    (hash !== undefined && hash === update.podHash)
  );
}

/** Names the metrics of a run that did not succeed. */
function failedMetrics(status: JsonRecord): string | undefined {
  const results = status.metricResults;
  if (!Array.isArray(results)) return undefined;
  const failed = results
    .filter(r =>
      ['Failed', 'Error', 'Inconclusive'].includes(
        readString(readPath(r, 'phase')) ?? '',
      ),
    )
    .map(r =>
      withMessage(
        `metric ${readString(readPath(r, 'name')) ?? '(unnamed)'} ${readString(
          readPath(r, 'phase'),
        )}`,
        readString(readPath(r, 'message')),
      ),
    );
  return failed.length > 0 ? failed.join('; ') : undefined;
}

function evaluateAnalysisRun(view: ObjectView, reasons: ReasonList): void {
  const status = view.status!;
  const phase = readString(status.phase);
  const details = [readString(status.message), failedMetrics(status)]
    .filter(Boolean)
    .join('; ');
  if (phase === 'Failed' || phase === 'Error') {
    reasons.add(
      'analysis-run-failed',
      withMessage(
        `${view.label} ended ${phase} (status.phase)`,
        details || undefined,
      ),
      view.ref,
      phase,
    );
  } else if (phase === 'Inconclusive') {
    reasons.add(
      'analysis-run-inconclusive',
      withMessage(
        `${view.label} is inconclusive (status.phase): someone has to promote or abort the update`,
        details || undefined,
      ),
      view.ref,
      phase,
    );
  } else if (!phase || phase === 'Pending' || phase === 'Running') {
    reasons.add(
      'analysis-run-running',
      `${view.label} is ${phase ? phase.toLowerCase() : 'starting'}`,
      view.ref,
      phase,
    );
  } else if (phase !== 'Successful') {
    reasons.add(
      'status-malformed',
      `${view.label} has an unknown status.phase "${phase}"`,
      view.ref,
    );
  }
}

/**
 * Evaluates Argo Rollouts and their AnalysisRuns: pause, abort, degradation, progress and the
 * canary step and weight of each Rollout, and the outcome of the AnalysisRuns of the current
 * update. Returns how many Rollouts and judged AnalysisRuns were read.
 */
export function evaluateArgoRollouts(
  rollouts: unknown,
  analysisRuns: unknown,
  reasons: ReasonList,
): { rollouts: number; analysisRuns: number } {
  const updates = new Map<string, CurrentUpdate>();
  const list = Array.isArray(rollouts)
    ? rollouts.map(withNumericGeneration)
    : rollouts;
  const read = viewEachObject(
    list,
    { kind: 'Rollout', apiVersion: ROLLOUTS_API_VERSION, list: 'rollouts' },
    reasons,
    view => {
      updates.set(`${view.ref.namespace ?? ''}/${view.ref.name}`, {
        podHash: readString(view.status?.currentPodHash),
        runs: namedRuns(view.status),
      });
      if (view.status) evaluateRollout(view, reasons);
    },
  ).length;

  let judged = 0;
  viewEachObject(
    analysisRuns,
    {
      kind: 'AnalysisRun',
      apiVersion: ROLLOUTS_API_VERSION,
      list: 'analysisRuns',
    },
    reasons,
    view => {
      judged += 1;
      if (view.status) evaluateAnalysisRun(view, reasons);
    },
    { skip: raw => isPastRun(raw, updates) },
  );
  return { rollouts: read, analysisRuns: judged };
}
