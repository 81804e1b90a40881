import type {
  DeploymentCluster,
  DeploymentClusterError,
  DeploymentClusterState,
  DeploymentClusterWarning,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { mapConcurrently } from '../concurrency';
import { ClusterRequestError } from './ClusterRequestError';
import { KubernetesPluginClient } from './KubernetesPluginClient';
import {
  apiVersionOf,
  listPath,
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

function emptyObjects(): Record<ResourceId, KubernetesObjectLike[]> {
  return Object.fromEntries(
    RESOURCE_TYPES.map(r => [r.id, [] as KubernetesObjectLike[]]),
  ) as Record<ResourceId, KubernetesObjectLike[]>;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function isTimeout(error: unknown): boolean {
  return (
    (error instanceof Error || error instanceof DOMException) &&
    error.name === 'TimeoutError'
  );
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
  const toClusterError = (error: unknown): DeploymentClusterError => {
    if (isTimeout(error) || signal.aborted) {
      return {
        kind: 'timeout',
        message: `Cluster ${cluster.name} did not answer within ${formatSeconds(
          timeoutMs,
        )} (kitstage.deployments.clusterTimeout)`,
      };
    }
    if (error instanceof ClusterRequestError) {
      return {
        kind: error.kind,
        message: error.message,
        ...(error.statusCode ? { statusCode: error.statusCode } : {}),
      };
    }
    return {
      kind: 'error',
      message: `Cluster ${cluster.name} could not be read: ${String(
        (error as Error)?.message ?? error,
      )}`,
    };
  };

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

  const readable = RESOURCE_TYPES.filter(
    resource =>
      resource.family === 'core' ||
      resource.versions.some(v => served.get(resource.group)?.has(v)),
  );
  for (const resource of readable) {
    if (resource.family !== 'core') {
      apis[resource.family] = true;
    }
  }

  const outcomes = await mapConcurrently(
    readable,
    options.requestConcurrency,
    async resource => {
      try {
        objects[resource.id] = await listResource(
          options,
          resource,
          resource.family === 'core'
            ? resource.versions
            : resource.versions.filter(v => served.get(resource.group)?.has(v)),
          signal,
        );
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

/** Group name → served versions, from an `APIGroupList`. */
function servedGroupVersions(body: unknown): Map<string, Set<string>> {
  const served = new Map<string, Set<string>>();
  const groups = (body as { groups?: unknown })?.groups;
  if (!Array.isArray(groups)) {
    throw new ClusterRequestError({
      kind: 'error',
      message: 'The API server answered /apis without a list of groups',
    });
  }
  for (const group of groups) {
    if (typeof group?.name !== 'string' || !Array.isArray(group.versions)) {
      continue;
    }
    served.set(
      group.name,
      new Set(
        group.versions
          .map((v: { version?: unknown }) => v?.version)
          .filter((v: unknown): v is string => typeof v === 'string'),
      ),
    );
  }
  return served;
}

/**
 * Lists every object of a resource type across namespaces, following `continue` tokens.
 * Tries the served versions in order of preference when one is not found (a CRD version that
 * exists for some kinds of a group only). Returns an empty list when no version exists.
 */
async function listResource(
  options: ReadClusterOptions,
  resource: ResourceType,
  versions: readonly string[],
  signal: AbortSignal,
): Promise<KubernetesObjectLike[]> {
  for (const version of versions) {
    try {
      return await listVersion(options, resource, version, signal);
    } catch (error) {
      if (
        error instanceof ClusterRequestError &&
        error.statusCode === 404 &&
        error.kind === 'error'
      ) {
        continue;
      }
      throw error;
    }
  }
  return [];
}

async function listVersion(
  options: ReadClusterOptions,
  resource: ResourceType,
  version: string,
  signal: AbortSignal,
): Promise<KubernetesObjectLike[]> {
  const { client, cluster, pageSize, maxPages } = options;
  const path = listPath(resource, version);
  const what = `list ${qualifiedName(resource)}`;
  const apiVersion = apiVersionOf(resource, version);
  // A continue token expires when the data changes (410 Expired): start over once.
  for (let attempt = 0; ; attempt++) {
    const items: KubernetesObjectLike[] = [];
    let token: string | undefined;
    let pages = 0;
    try {
      do {
        if (++pages > maxPages) {
          throw new ClusterRequestError({
            kind: 'error',
            message: `Cluster ${cluster.name} has more than ${
              maxPages * pageSize
            } ${qualifiedName(
              resource,
            )}; raise kitstage.deployments.maxListPages to read them all`,
          });
        }
        const query: Record<string, string> = { limit: String(pageSize) };
        if (token) {
          query.continue = token;
        }
        const list = (await client.get(cluster.name, path, {
          what,
          query,
          signal,
        })) as { items?: unknown; metadata?: { continue?: unknown } };
        if (!Array.isArray(list?.items)) {
          throw new ClusterRequestError({
            kind: 'error',
            message: `Cluster ${cluster.name} answered ${what} without an items array`,
          });
        }
        for (const item of list.items) {
          if (typeof item === 'object' && item !== null) {
            // Lists of built-in kinds leave out kind and apiVersion per item.
            items.push({ apiVersion, kind: resource.kind, ...item });
          }
        }
        token =
          typeof list.metadata?.continue === 'string' && list.metadata.continue
            ? list.metadata.continue
            : undefined;
      } while (token);
      return items;
    } catch (error) {
      if (
        attempt === 0 &&
        error instanceof ClusterRequestError &&
        error.statusCode === 410
      ) {
        continue;
      }
      throw error;
    }
  }
}
