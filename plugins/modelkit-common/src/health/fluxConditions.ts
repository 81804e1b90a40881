import {
  ObjectView,
  ReadCondition,
  ReasonList,
  withMessage,
} from './objectView';

/** Flux's generic condition reasons (fluxcd/pkg `apis/meta`) that mean work is under way. */
const PROGRESSING_REASONS = new Set(['Progressing', 'ProgressingWithRetry']);

/** Whether `spec.suspend` is true; reports a suspended object and a mistyped value. */
export function isSuspended(view: ObjectView, reasons: ReasonList): boolean {
  const suspend = view.spec.suspend;
  if (suspend === undefined || suspend === false) {
    return false;
  }
  if (suspend === true) {
    reasons.add(
      'flux-suspended',
      `${view.label} is suspended (spec.suspend: true): Flux does not reconcile it, and its status is frozen`,
      view.ref,
    );
    return true;
  }
  reasons.add(
    'status-malformed',
    `${view.label} has spec.suspend of type ${typeof suspend}`,
    view.ref,
  );
  return false;
}

/** What a Flux object stalled or reconciling is said to be, after its name. */
const STATES = {
  'flux-stalled': 'is stalled',
  'flux-reconciling': 'is reconciling',
} as const;

/**
 * Reports a Flux object that is stalled (its `Stalled` condition is true) or reconciling,
 * quoting `message` and keeping the controller's `reason`.
 */
export function addFluxState(
  view: ObjectView,
  reasons: ReasonList,
  code: keyof typeof STATES,
  message: string | undefined,
  reason: string | undefined,
): void {
  reasons.add(
    code,
    withMessage(`${view.label} ${STATES[code]}`, message),
    view.ref,
    reason,
  );
}

/**
 * Reports a `Ready` condition that is `False` for a reason that means work is under way
 * (`Progressing`, `ProgressingWithRetry`) as reconciling. Returns whether it did.
 */
export function addProgressing(
  view: ObjectView,
  reasons: ReasonList,
  ready: ReadCondition,
): boolean {
  if (!ready.reason || !PROGRESSING_REASONS.has(ready.reason)) {
    return false;
  }
  addFluxState(view, reasons, 'flux-reconciling', ready.message, ready.reason);
  return true;
}

/** Reports a Flux object without a `Ready` condition: Flux has not reported on it yet. */
export function addNoReadyCondition(
  view: ObjectView,
  reasons: ReasonList,
): void {
  reasons.add(
    'status-missing',
    `${view.label} has no Ready condition: Flux has not reported on it yet`,
    view.ref,
  );
}
