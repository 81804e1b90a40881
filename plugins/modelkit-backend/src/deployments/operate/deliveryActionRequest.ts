import {
  DELIVERY_ACTIONS_BY_KIND,
  DeliveryActionName,
} from '@kitstage/plugin-modelkit-common';
import { z } from 'zod';

/** A Kubernetes object name or namespace (DNS subdomain). */
const kubernetesName = z
  .string()
  .max(253, 'is longer than 253 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    'must be a Kubernetes name (lower-case letters, digits, "-" and ".")',
  );

const deliveryKinds = () =>
  Object.keys(DELIVERY_ACTIONS_BY_KIND) as [string, ...string[]];
const deliveryActionNames = () =>
  [...new Set(Object.values(DELIVERY_ACTIONS_BY_KIND).flat())] as [
    DeliveryActionName,
    ...DeliveryActionName[],
  ];

/**
 * The body of `POST /deployments/components/:namespace/:name/actions`
 * (`DeliveryActionRequest`), checked field by field.
 *
 * @internal
 */
export const deliveryActionBody = z.strictObject({
  cluster: z
    .string()
    .min(1, 'must not be empty')
    .max(253, 'is longer than 253 characters'),
  kind: z.enum(deliveryKinds(), {
    error: `must be one of ${deliveryKinds().join(', ')}`,
  }),
  namespace: kubernetesName,
  name: kubernetesName,
  action: z.enum(deliveryActionNames(), {
    error: `must be one of ${deliveryActionNames().join(', ')}`,
  }),
});

/** A field of a body not yet checked, as the audit record may name it: a short string. */
function auditable(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value.slice(0, 253) : undefined;
}

/**
 * What the audit record of an action names before its body is checked: the cluster, object
 * and action as given, cut short, so that a request refused for its body is recorded too.
 *
 * @internal
 */
export function auditedTarget(body: unknown): {
  cluster?: string;
  object?: string;
  action?: string;
} {
  const kind = auditable(body, 'kind');
  const namespace = auditable(body, 'namespace');
  const name = auditable(body, 'name');
  return {
    cluster: auditable(body, 'cluster'),
    object:
      kind || namespace || name
        ? `${kind ?? '?'} ${namespace ?? '?'}/${name ?? '?'}`
        : undefined,
    action: auditable(body, 'action'),
  };
}
