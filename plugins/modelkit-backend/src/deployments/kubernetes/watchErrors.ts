import type { DeploymentClusterError } from '@kitstage/plugin-modelkit-common';
import { ClusterRequestError } from './ClusterRequestError';
import type { WatchEvent } from './KubernetesPluginClient';
import { toClusterError } from './listResource';
import { qualifiedName, ResourceType } from './resources';

/**
 * Ends a watch that stayed silent.
 *
 * @internal
 */
export class StalledError extends Error {
  override readonly name = 'StalledError';
}

/**
 * The cluster forbids watching (RBAC without `watch`): list again every period instead.
 *
 * @internal
 */
export class WatchForbiddenError extends Error {
  override readonly name = 'WatchForbiddenError';
}

/**
 * The cluster expired the resource version: list again.
 *
 * @internal
 */
export class GoneError extends Error {
  override readonly name = 'GoneError';
}

/**
 * What a failed watch request means for the loop: an expired resource version
 * ({@link GoneError}), a watch the role forbids ({@link WatchForbiddenError}), or the error
 * itself.
 *
 * @internal
 */
export function watchRequestError(error: unknown): unknown {
  if (error instanceof ClusterRequestError && error.statusCode === 410) {
    return new GoneError(error.message);
  }
  if (error instanceof ClusterRequestError && error.kind === 'forbidden') {
    return new WatchForbiddenError(error.message);
  }
  return error;
}

/**
 * The error an `ERROR` event of a watch ends it with: {@link GoneError} for `410`, a
 * {@link ClusterRequestError} with the cluster's message otherwise.
 *
 * @internal
 */
export function watchEventError(
  event: WatchEvent,
  cluster: string,
  resource: ResourceType,
): Error {
  const { object } = event;
  const status = object as { code?: unknown; message?: unknown };
  if (status.code === 410) {
    return new GoneError(String(status.message ?? 'Gone'));
  }
  return new ClusterRequestError({
    kind: 'error',
    statusCode: typeof status.code === 'number' ? status.code : undefined,
    message: `Cluster ${cluster} ended the watch of ${qualifiedName(
      resource,
    )}: ${String(status.message ?? JSON.stringify(object).slice(0, 200))}`,
  });
}

/**
 * The error a broken watch is shown with.
 *
 * @internal
 */
export function watchFailure(
  error: unknown,
  cluster: string,
  resource: ResourceType,
  listTimeoutMs: number,
): DeploymentClusterError {
  if (error instanceof GoneError) {
    return {
      kind: 'error',
      statusCode: 410,
      message: `Cluster ${cluster} expired the resource version of ${qualifiedName(
        resource,
      )} again right after a list: ${error.message}`,
    };
  }
  if (error instanceof StalledError) {
    return { kind: 'timeout', message: error.message };
  }
  return toClusterError(error, cluster, listTimeoutMs);
}
