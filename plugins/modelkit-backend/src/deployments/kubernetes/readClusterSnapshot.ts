import type {
  DeploymentCluster,
  DeploymentClusterError,
  DeploymentClusterState,
  DeploymentClusterWarning,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { mapConcurrently } from '../concurrency';
import { KubernetesPluginClient } from './KubernetesPluginClient';
import {
  isTimeout,
  listResource,
  readableResources,
  servedGroupVersions,
  toClusterError as clusterErrorOf,
} from './listResource';
import {
  qualifiedName,
  RESOURCE_TYPES,
  ResourceId,
  ResourceType,
} from './resources';

/**
 * Everything read from one cluster at one moment: every object of every resource type Kitstage
 * reads, across all namespaces.
 *
 * @internal
 */
export interface ClusterSnapshot extends DeploymentClusterState {
  objects: Record<ResourceId, KubernetesObjectLike[]>;
}

/** @internal */
export interface ReadClusterOptions {
  client: KubernetesPluginClient;
  cluster: DeploymentCluster;
  timeoutMs: number;
  requestConcurrency: number;
  pageSize: number;
  maxPages: number;
  now?: () => Date;
}

/** @internal */
export function emptyObjects(): Record<ResourceId, KubernetesObjectLike[]> {
  return Object.fromEntries(
    RESOURCE_TYPES.map(r => [r.id, [] as KubernetesObjectLike[]]),
  ) as Record<ResourceId, KubernetesObjectLike[]>;
}

/**
 * Reads one cluster: one discovery request (`/apis`, to learn which Flux, Argo CD and KServe
 * versions are served) and one list per served resource type, across all namespaces, in
 * pages of `pageSize`. The number of requests depends on the resource types and the number of
 * objects, never on the number of services.
 *
 * Never rejects: a cluster that cannot be read at all gives a snapshot with `error`; a
 * resource type that cannot be listed (RBAC) gives a warning and an empty list. The whole
 * read is bounded by `timeoutMs`.
 *
 * @internal
 */
export async function readClusterSnapshot(
  options: ReadClusterOptions,
): Promise<ClusterSnapshot> {
  const { client, cluster, timeoutMs } = options;
  const now = options.now ?? (() => new Date());
  const signal = AbortSignal.timeout(timeoutMs);
  const objects = emptyObjects();
  const apis = { flux: false, argoCd: false, kserve: false };
  const failed = (error: DeploymentClusterError): ClusterSnapshot => ({
    ...cluster,
    error,
    warnings: [],
    apis: { flux: false, argoCd: false, kserve: false },
    objects: emptyObjects(),
  });
  const toClusterError = (error: unknown): DeploymentClusterError =>
    clusterErrorOf(error, cluster.name, timeoutMs, signal);

  let served: Map<string, Set<string>>;
  try {
    served = servedGroupVersions(
      await client.get(cluster.name, '/apis', {
        what: 'list its API groups',
        signal,
      }),
    );
  } catch (error) {
    return failed(toClusterError(error));
  }

  const readable = readableResources(served);
  for (const { resource } of readable) {
    if (resource.family !== 'core') {
      apis[resource.family] = true;
    }
  }

  const outcomes = await mapConcurrently(
    readable,
    options.requestConcurrency,
    async ({ resource, versions }) => {
      try {
        objects[resource.id] = (
          await listResource(options, resource, versions, signal)
        ).items;
        return undefined;
      } catch (error) {
        return { resource, error };
      }
    },
  );
  const failures = outcomes.filter(
    (o): o is { resource: ResourceType; error: unknown } => o !== undefined,
  );
  // The deadline is for the cluster: a list cut short leaves the snapshot incomplete.
  const timedOut = failures.find(f => isTimeout(f.error) || signal.aborted);
  if (timedOut) {
    return failed(toClusterError(timedOut.error));
  }
  if (failures.length > 0 && failures.length === readable.length) {
    return failed(toClusterError(failures[0].error));
  }
  const warnings: DeploymentClusterWarning[] = failures.map(
    ({ resource, error }) => ({
      resource: qualifiedName(resource),
      ...toClusterError(error),
    }),
  );
  return {
    ...cluster,
    observedAt: now().toISOString(),
    warnings,
    apis,
    objects,
  };
}
