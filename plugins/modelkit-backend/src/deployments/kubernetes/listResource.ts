import type {
  DeploymentClusterError,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { ClusterRequestError } from './ClusterRequestError';
import { KubernetesPluginClient } from './KubernetesPluginClient';
import {
  apiVersionOf,
  listPath,
  qualifiedName,
  RESOURCE_TYPES,
  ResourceType,
} from './resources';

/**
 * How lists of one cluster are read.
 *
 * @internal
 */
export interface ListContext {
  client: KubernetesPluginClient;
  cluster: { name: string };
  pageSize: number;
  maxPages: number;
}

/**
 * A complete list of one resource type: its objects (each with `kind` and `apiVersion`),
 * the API version it was read in and the list's resource version, from which a watch
 * continues. `version` is undefined when the cluster serves none of the versions.
 *
 * @internal
 */
export interface ListedResource {
  items: KubernetesObjectLike[];
  version?: string;
  resourceVersion?: string;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** @internal */
export function isTimeout(error: unknown): boolean {
  return (
    (error instanceof Error || error instanceof DOMException) &&
    error.name === 'TimeoutError'
  );
}

/**
 * What a view says about a failed request to a cluster: a timeout (of the signal) names
 * `kitstage.deployments.clusterTimeout`, a classified request error keeps its kind.
 *
 * @internal
 */
export function toClusterError(
  error: unknown,
  cluster: string,
  timeoutMs: number,
  signal?: AbortSignal,
): DeploymentClusterError {
  if (isTimeout(error) || signal?.aborted) {
    return {
      kind: 'timeout',
      message: `Cluster ${cluster} did not answer within ${formatSeconds(
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
    message: `Cluster ${cluster} could not be read: ${String(
      (error as Error)?.message ?? error,
    )}`,
  };
}

/**
 * Group name → served versions, from an `APIGroupList`.
 *
 * @internal
 */
export function servedGroupVersions(body: unknown): Map<string, Set<string>> {
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
 * The resource types a cluster serves, each with the versions to try, preferred first: core
 * types always, the others in the versions `/apis` lists.
 *
 * @internal
 */
export function readableResources(
  served: Map<string, Set<string>>,
): Array<{ resource: ResourceType; versions: readonly string[] }> {
  return RESOURCE_TYPES.flatMap(resource => {
    if (resource.family === 'core') {
      return [{ resource, versions: resource.versions }];
    }
    const versions = resource.versions.filter(v =>
      served.get(resource.group)?.has(v),
    );
    return versions.length > 0 ? [{ resource, versions }] : [];
  });
}

/**
 * Lists every object of a resource type across namespaces, following `continue` tokens.
 * Tries the versions in order of preference when one is not found (a CRD version that
 * exists for some kinds of a group only). Returns an empty list when no version exists.
 *
 * @internal
 */
export async function listResource(
  context: ListContext,
  resource: ResourceType,
  versions: readonly string[],
  signal: AbortSignal,
): Promise<ListedResource> {
  for (const version of versions) {
    try {
      return await listVersion(context, resource, version, signal);
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
  return { items: [] };
}

async function listVersion(
  context: ListContext,
  resource: ResourceType,
  version: string,
  signal: AbortSignal,
): Promise<ListedResource> {
  const { client, cluster, pageSize, maxPages } = context;
  const path = listPath(resource, version);
  const what = `list ${qualifiedName(resource)}`;
  const apiVersion = apiVersionOf(resource, version);
  // A continue token expires when the data changes (410 Expired): start over once.
  for (let attempt = 0; ; attempt++) {
    const items: KubernetesObjectLike[] = [];
    let token: string | undefined;
    let resourceVersion: string | undefined;
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
        })) as {
          items?: unknown;
          metadata?: { continue?: unknown; resourceVersion?: unknown };
        };
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
        // Every page of one list is read at the resource version of its first page.
        if (typeof list.metadata?.resourceVersion === 'string') {
          resourceVersion ??= list.metadata.resourceVersion;
        }
        token =
          typeof list.metadata?.continue === 'string' && list.metadata.continue
            ? list.metadata.continue
            : undefined;
      } while (token);
      return { items, version, resourceVersion };
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
