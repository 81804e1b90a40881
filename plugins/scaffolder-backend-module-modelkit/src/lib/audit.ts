import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  auditedOperation,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';

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
 * Runs a writing action for the initiator of a task, inside one audit event
 * (`auditedOperation` of `@kitstage/plugin-modelkit-node`, as every Kitstage operation)
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
  return auditedOperation(
    options.auditor,
    options.eventId,
    { actor: access.principalOf(credentials), ...options.meta },
    async meta => {
      access.requireWriter(credentials, purpose);
      return action(meta, credentials);
    },
  );
}
