import {
  ObjectView,
  ReadCondition,
  ReasonList,
  withMessage,
} from './objectView';

/**
 * Reports the `ReplicaFailure` condition of a Deployment or ReplicaSet: it cannot create pods
 * (quota, admission...).
 */
export function addReplicaFailure(
  view: ObjectView,
  failure: ReadCondition,
  reasons: ReasonList,
): void {
  reasons.add(
    'replica-failure',
    withMessage(`${view.label} cannot create pods`, failure.message),
    view.ref,
    failure.reason,
  );
}
