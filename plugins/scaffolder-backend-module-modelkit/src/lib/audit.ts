import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

const REFUSALS = new Set([
  'AuthenticationError',
  'ConflictError',
  'InputError',
  'NotAllowedError',
  'NotFoundError',
]);

/**
 * Runs a writing action inside one audit event of the auditor service. The event is created
 * with `meta` before anything happens; the action adds what it learns to the same object
 * (digest, remote, commit, …), and the event ends as a success with `outcome` set by the
 * action, or as a failure with the error and `outcome: refused` (a permission, gate or input
 * refusal) or `outcome: failed` (anything else).
 *
 * @internal
 */
export async function audited<T>(
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
  await event.success({ meta });
  return result;
}
