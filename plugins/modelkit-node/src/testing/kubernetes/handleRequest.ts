import type { IncomingHttpHeaders } from 'node:http';
import {
  qualifiedResourceName,
  ResourceRegistry,
  SimulatedResource,
} from './apiResources';
import { discoveryDocument } from './discovery';
import { listResource } from './listResource';
import { ObjectStore } from './ObjectStore';
import { getResource, resourceRouteOf } from './resourceRoutes';
import { authenticate, authorize } from './simulatorAccess';
import type {
  KubernetesSimulatorRequest,
  KubernetesSimulatorTokenGrant,
} from './simulatorTypes';
import { NOT_FOUND, StatusError } from './statusErrors';
import { isWatchQuery, parseWatchRequest, WatchRequest } from './watchResource';

const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/**
 * What a simulated cluster answers from: the resources it serves, its objects, the accepted
 * tokens and the port it listens on.
 *
 * @internal
 */
export interface SimulatedCluster {
  /** The resource types served. */
  registry: ResourceRegistry;
  /** The objects served. */
  store: ObjectStore;
  /** The accepted bearer tokens and their grants. */
  tokens: ReadonlyMap<string, KubernetesSimulatorTokenGrant>;
  /** Whether requests without a token get full access. */
  anonymous?: boolean;
  /** The loopback port, named in discovery documents. */
  port: number;
}

/** The one patch type the simulator applies (as custom resources accept it). */
const MERGE_PATCH = 'application/merge-patch+json';

/**
 * Routes one request of a simulated cluster and returns the body of its 200 answer:
 * `/version` and the health endpoints without authentication, then, for `GET` with an
 * accepted token, discovery documents, lists and gets, and for `PATCH` of one object with
 * `application/merge-patch+json` (the body already read into `record.body`) the patched
 * object; a watch (`?watch=1` on a list path) returns its parsed {@link WatchRequest} for the
 * server to stream. Fills in the request's verb, resource and namespace on `record` as it
 * learns them; throws a {@link StatusError} for every refusal.
 *
 * @internal
 */
export function handleRequest(
  cluster: SimulatedCluster,
  headers: IncomingHttpHeaders,
  record: KubernetesSimulatorRequest,
): unknown | WatchRequest {
  const { path } = record;
  if (path === '/version') {
    return VERSION_INFO;
  }
  if (['/healthz', '/livez', '/readyz'].includes(path)) {
    return 'ok';
  }
  if (record.method !== 'GET' && record.method !== 'PATCH') {
    throw new StatusError({
      code: 405,
      reason: 'MethodNotAllowed',
      message: `the simulated cluster serves GET and PATCH only, not ${record.method}`,
    });
  }
  const grant = authenticate(cluster.tokens, cluster.anonymous, headers);
  const route = resourceRouteOf(path);
  if (record.method === 'PATCH' && route?.name === undefined) {
    throw new StatusError({
      code: 405,
      reason: 'MethodNotAllowed',
      message: `the simulated cluster patches one object only, not ${path}`,
    });
  }
  if (!route) {
    if (
      path === '/api' ||
      path === '/api/v1' ||
      path === '/apis' ||
      path.startsWith('/apis/')
    ) {
      record.verb = 'discovery';
      return discoveryDocument(
        cluster.registry,
        path.replace(/\/+$/, ''),
        cluster.port,
      );
    }
    throw new StatusError(NOT_FOUND);
  }
  const { group, version, plural, namespace, name } = route;
  if (name !== undefined) {
    record.verb = record.method === 'PATCH' ? 'patch' : 'get';
  } else {
    record.verb = isWatchQuery(record.query) ? 'watch' : 'list';
  }
  record.resource = qualifiedResourceName({ group, plural });
  if (namespace !== undefined) {
    record.namespace = namespace;
  }
  // As on a real API server, authorization runs before routing: a forbidden token gets
  // 403 even for a resource whose CRD is not installed.
  // The grant's forbiddenVerbs may name `patch`; the helper compares the verb as given.
  authorize(
    grant,
    record.verb as 'get' | 'list' | 'watch',
    { group, plural },
    namespace,
  );
  const resource = cluster.registry.versionsOf(group)?.includes(version)
    ? cluster.registry.byPath(group, version, plural)
    : undefined;
  if (!resource || route.extra || (namespace && !resource.namespaced)) {
    throw new StatusError(NOT_FOUND);
  }
  if (record.verb === 'patch') {
    return patchResource(cluster, resource, namespace, name!, record);
  }
  if (record.verb === 'watch') {
    return parseWatchRequest(cluster.store, resource, namespace, record.query);
  }
  return name === undefined
    ? listResource(cluster.store, resource, namespace, record.query)
    : getResource(cluster.store, resource, namespace, name);
}

/** Applies the merge patch of a `PATCH` request to one object and returns the object. */
function patchResource(
  cluster: SimulatedCluster,
  resource: SimulatedResource,
  namespace: string | undefined,
  name: string,
  record: KubernetesSimulatorRequest,
) {
  const type = record.contentType?.split(';')[0].trim().toLowerCase();
  if (type !== MERGE_PATCH) {
    throw new StatusError({
      code: 415,
      reason: 'UnsupportedMediaType',
      message: `the body of the request was in an unknown format - accepted media types include: ${MERGE_PATCH} (got ${
        type ?? 'none'
      })`,
    });
  }
  const patch = record.body;
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new StatusError({
      code: 400,
      reason: 'BadRequest',
      message: 'the merge patch must be a JSON object',
    });
  }
  // 404 naming the object when it does not exist, as a get answers.
  const current = getResource(cluster.store, resource, namespace, name);
  // A uid in the patch is a precondition: the API server refuses to change an object's uid,
  // so a patch meant for an object since deleted and created again under its name fails.
  const uid = (patch as { metadata?: { uid?: unknown } }).metadata?.uid;
  if (uid !== undefined && uid !== current.metadata.uid) {
    throw new StatusError({
      code: 422,
      reason: 'Invalid',
      message: `${qualifiedResourceName(
        resource,
      )} "${name}" is invalid: metadata.uid: Invalid value: ${JSON.stringify(
        uid,
      )}: field is immutable`,
      details: { name, kind: resource.plural, group: resource.group },
    });
  }
  // A resource version in the patch is a precondition too: the API server answers 409
  // Conflict when the object has changed since that version was read.
  const version = (patch as { metadata?: { resourceVersion?: unknown } })
    .metadata?.resourceVersion;
  if (version !== undefined && version !== current.metadata.resourceVersion) {
    throw new StatusError({
      code: 409,
      reason: 'Conflict',
      message: `Operation cannot be fulfilled on ${qualifiedResourceName(
        resource,
      )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      details: { name, kind: resource.plural, group: resource.group },
    });
  }
  return cluster.store.patch(
    resource,
    namespace,
    name,
    patch as Record<string, unknown>,
  );
}
