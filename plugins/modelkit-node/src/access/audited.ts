import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/** Errors that mean the action was refused (permission, configuration, input), not failed. */
const REFUSALS = new Set([
  'AuthenticationError',
  'ConflictError',
  'InputError',
  'NotAllowedError',
  'NotFoundError',
]);

/**
 * Runs a writing action inside one audit event of the auditor service, the way every
 * Kitstage operation is recorded. The event is created with `meta` before anything happens;
 * the action adds what it learns to the same object, and the event ends as a success with
 * the action's `meta`, or as a failure with the error and `outcome: refused` (a permission,
 * configuration, conflict or input refusal) or `outcome: failed` (anything else).
 *
 * @public
 */
export async function auditedOperation<T>(
  auditor: AuditorService,
  eventId: string,
  meta: JsonObject,
  action: (meta: JsonObject) => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    meta: { ...meta },
  });
  let result: T;
  try {
    result = await action(meta);
  } catch (error) {
    meta.outcome = REFUSALS.has((error as Error).name) ? 'refused' : 'failed';
    await event.fail({ error: error as Error, meta });
    throw error;
  }
  if (meta.outcome === undefined) meta.outcome = 'succeeded';
  await event.success({ meta });
  return result;
}
