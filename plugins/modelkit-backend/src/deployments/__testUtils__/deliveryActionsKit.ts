import { DEMO_REGISTRY } from '../__fixtures__/catalog';

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
