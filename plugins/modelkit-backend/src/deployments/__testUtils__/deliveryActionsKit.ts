import { AuditorService } from '@backstage/backend-plugin-api';
import { mockServices, ServiceMock } from '@backstage/backend-test-utils';
import { DEMO_REGISTRY } from '../__fixtures__/catalog';
import { DELIVERY_ACTION_EVENT } from '../operate/DeliveryActionsService';

/** The owner of the Components the delivery action tests act for. */
export const OWNER = 'user:default/alice';

/** The simulated cluster the delivery action tests act on. */
export const CLUSTER = 'prod-eu';

/** The ModelKit a test service runs: its own repository in the demo registry. */
export const modelKit = (service: string) => ({
  repository: `${DEMO_REGISTRY}/${service}-model`,
  tag: 'v1.0.0',
});

/** The actions route of a Component in the default namespace. */
export const actionsOf = (name: string) =>
  `/api/modelkit/deployments/components/default/${name}/actions`;

/**
 * A merge patch as sent, without the preconditions the backend adds to it: the
 * `metadata.uid` and `metadata.resourceVersion` of the object as read just before.
 */
export function withoutPreconditions(body: unknown): unknown {
  const { metadata, ...rest } = body as { metadata?: Record<string, unknown> };
  if (!metadata) return rest;
  const { uid: _uid, resourceVersion: _resourceVersion, ...others } = metadata;
  return Object.keys(others).length > 0 ? { metadata: others, ...rest } : rest;
}

/** One delivery action event as the mock auditor was given it, with how it ended. */
export interface AuditRecord {
  meta: Record<string, unknown>;
  outcome: 'success' | 'fail' | 'open';
  error?: string;
}

/**
 * Backstage's mock auditor, whose events end with promises as the real auditor's do: the
 * catalog, which audits its own requests, awaits them.
 */
export function recordingAuditor(): ServiceMock<AuditorService> {
  return mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    })),
  });
}

function outcomeOf(success: unknown, fail: unknown): AuditRecord['outcome'] {
  if (success) return 'success';
  return fail ? 'fail' : 'open';
}

/** The delivery action events the mock auditor was given, with how each ended. */
export async function deliveryEvents(
  auditor: ServiceMock<AuditorService>,
): Promise<AuditRecord[]> {
  const mock = auditor.createEvent as jest.Mock;
  const records: AuditRecord[] = [];
  for (const [index, [options]] of mock.mock.calls.entries()) {
    if (options.eventId !== DELIVERY_ACTION_EVENT) continue;
    const event = await mock.mock.results[index].value;
    const success = event.success.mock.calls[0]?.[0];
    const fail = event.fail.mock.calls[0]?.[0];
    records.push({
      meta: { ...options.meta, ...(success ?? fail)?.meta },
      outcome: outcomeOf(success, fail),
      error: fail?.error?.message,
    });
  }
  return records;
}
