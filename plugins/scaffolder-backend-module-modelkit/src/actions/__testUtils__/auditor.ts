import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/**
 * One audit event an action recorded, with how it ended.
 *
 * @internal
 */
export interface RecordedAuditEvent {
  eventId: string;
  severityLevel?: string;
  meta: JsonObject;
  outcome?: 'success' | 'fail';
  error?: string;
}

/**
 * An auditor service that keeps every event in memory: the metadata given when the event
 * was created merged with that given when it ended.
 *
 * @internal
 */
export function recordingAuditor(): {
  auditor: AuditorService;
  events: RecordedAuditEvent[];
} {
  const events: RecordedAuditEvent[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const event: RecordedAuditEvent = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        meta: { ...(options.meta ?? {}) },
      };
      events.push(event);
      return {
        async success(end) {
          event.outcome = 'success';
          Object.assign(event.meta, end?.meta ?? {});
        },
        async fail(end) {
          event.outcome = 'fail';
          event.error = end.error.message;
          Object.assign(event.meta, end.meta ?? {});
        },
      };
    },
  };
  return { auditor, events };
}
