import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';

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

/**
 * What {@link auditedWrite} needs to run a writing action for the initiator of a task.
 *
 * @internal
 */
export interface AuditedWriteOptions {
  /** The task context, whose initiator the action runs for. */
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> };
  /** Names the initiator in the event and requires a writer. */
  access: ModelKitAccessService;
  /** Records the event. */
  auditor: AuditorService;
  /** The audit event id, such as `modelkit-promote`. */
  eventId: string;
  /** What the initiator is doing, for the refusal of one who may not write. */
  purpose: string;
  /** What the event records from the start, after the initiator (`actor`). */
  meta: JsonObject;
}

/**
 * Runs a writing action for the initiator of a task, inside one audit event ({@link audited})
 * that names the initiator as `actor`. The initiator must be a writer (a user, or a service
 * under `kitstage.authorization.servicePrincipals`); anyone else is refused inside the event,
 * before the action starts. The action gets the event's meta and the initiator's credentials.
 *
 * @internal
 */
export async function auditedWrite<T>(
  options: AuditedWriteOptions,
  action: (meta: JsonObject, credentials: BackstageCredentials) => Promise<T>,
): Promise<T> {
  const { access, purpose } = options;
  const credentials = await options.ctx.getInitiatorCredentials();
  return audited(
    options.auditor,
    options.eventId,
    { actor: access.principalOf(credentials), ...options.meta },
    async meta => {
      access.requireWriter(credentials, purpose);
      return action(meta, credentials);
    },
  );
}
