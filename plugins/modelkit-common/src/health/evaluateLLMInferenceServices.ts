import {
  findCondition,
  ObjectView,
  readConditions,
  ReasonList,
  viewEachObject,
} from './objectView';
import { judgeReadyCondition } from './readyCondition';

const LLM_ISVC_API_VERSION = 'serving.kserve.io/v1alpha1';

/**
 * Evaluates KServe LLMInferenceServices by their `Ready` condition, naming the conditions
 * that are `False` (`WorkloadsReady`, `RouterReady`, `MainWorkloadReady`, `PresetsCombined`
 * and the others KServe reports). Returns how many were read.
 */
export function evaluateLLMInferenceServices(
  services: unknown,
  reasons: ReasonList,
): number {
  return viewEachObject(
    services,
    {
      kind: 'LLMInferenceService',
      apiVersion: LLM_ISVC_API_VERSION,
      list: 'llmInferenceServices',
    },
    reasons,
    view => {
      if (view.status) evaluateService(view, reasons);
    },
  ).length;
}

function evaluateService(view: ObjectView, reasons: ReasonList): void {
  const conditions = readConditions(view, reasons);
  const ready = findCondition(conditions, 'Ready');
  const failing = conditions
    .filter(c => c.type !== 'Ready' && c.status === 'False')
    .map(c => c.type);
  const failingNote =
    failing.length > 0 ? ` (False: ${failing.join(', ')})` : '';
  judgeReadyCondition(view, reasons, ready, {
    notReady: 'llm-inference-service-not-ready',
    pending: 'llm-inference-service-pending',
    missing: `${view.label} has no Ready condition in status.conditions: KServe has not reported on it yet${failingNote}`,
    note: failingNote,
  });
}
