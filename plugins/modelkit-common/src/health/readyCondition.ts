import type { HealthReasonCode } from './DeploymentHealth';
import {
  ObjectView,
  ReadCondition,
  ReasonList,
  withMessage,
} from './objectView';

/**
 * Judges a KServe object by its `Ready` condition, as InferenceServices and
 * LLMInferenceServices report it: missing, `False` (not ready), `Unknown` (being rolled out) or
 * a status KServe never writes.
 *
 * @param missing - the sentence for an object with no `Ready` condition.
 * @param note - appended to the not-ready sentence (the other conditions that are `False`).
 */
export function judgeReadyCondition(
  view: ObjectView,
  reasons: ReasonList,
  ready: ReadCondition | undefined,
  options: {
    notReady: HealthReasonCode;
    pending: HealthReasonCode;
    missing: string;
    note?: string;
  },
): void {
  if (!ready) {
    reasons.add('status-missing', options.missing, view.ref);
  } else if (ready.status === 'False') {
    reasons.add(
      options.notReady,
      `${withMessage(
        `${view.label} is not ready`,
        ready.message ?? ready.reason,
      )}${options.note ?? ''}`,
      view.ref,
      ready.reason,
    );
  } else if (ready.status === 'Unknown') {
    reasons.add(
      options.pending,
      withMessage(
        `${view.label} is being rolled out`,
        ready.message ?? ready.reason,
      ),
      view.ref,
      ready.reason,
    );
  } else if (ready.status !== 'True') {
    reasons.add(
      'status-malformed',
      `${view.label} has a Ready condition with status "${ready.status}"`,
      view.ref,
    );
  }
}
