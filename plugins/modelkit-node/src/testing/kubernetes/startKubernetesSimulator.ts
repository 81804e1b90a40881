import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type {
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TestCertificate } from '../tls';
import {
  ALL_SIMULATED_APIS,
  groupVersionOf,
  qualifiedResourceName,
  ResourceRegistry,
  SimulatedApi,
  SimulatedResource,
} from './apiResources';
import { KubernetesObject, ObjectStore } from './ObjectStore';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';

/**
 * How a simulated cluster answers: `up` serves the API, `hang` accepts connections and
 * never answers (for timeout tests), `down` closes the port (connection refused).
 *
 * @public
 */
export type KubernetesSimulatorMode = 'up' | 'hang' | 'down';

/**
 * What a bearer token may do on a {@link KubernetesSimulator}. Discovery is open to every
 * valid token, as the `system:discovery` role grants on real clusters.
 *
 * @public
 */
export interface KubernetesSimulatorTokenGrant {
  /** The user named in 403 messages. Defaults to `system:serviceaccount:backstage:kitstage`. */
  user?: string;
  /** When true, every resource request is forbidden (403). */
  forbidden?: boolean;
  /**
   * Resources this token may not read, named as RBAC names them: `pods`,
   * `deployments.apps`, `kustomizations.kustomize.toolkit.fluxcd.io`.
   */
  forbiddenResources?: string[];
  /**
   * When set, the token may read only in these namespaces (like RoleBindings), so
   * cluster-wide lists are forbidden.
   */
  namespaces?: string[];
}

/**
 * Options for {@link startKubernetesSimulator}.
 *
 * @public
 */
export interface KubernetesSimulatorOptions {
  /** The loopback port; 0 (default) picks a free one. */
  port?: number;
  /** Objects to serve from the start. */
  objects?: readonly KubernetesObject[];
  /**
   * The optional API families installed; others answer 404 like a cluster without their
   * CRDs. Defaults to all of `flux`, `argocd` and `kserve`.
   */
  apis?: readonly SimulatedApi[];
  /** More resource types to serve. */
  resources?: readonly SimulatedResource[];
  /**
   * Accepted bearer tokens. Defaults to one random token with full access, available as
   * {@link KubernetesSimulator.token}.
   */
  tokens?: Record<string, KubernetesSimulatorTokenGrant>;
  /** Serve requests without a token with full access. Defaults to false (401). */
  anonymous?: boolean;
  /** Delay before each answer, in milliseconds. */
  latencyMs?: number;
  /** The mode to start in. Defaults to `up`. */
  mode?: KubernetesSimulatorMode;
  /** Serve HTTPS with this certificate. */
  tls?: TestCertificate;
}

/**
 * One request received by a {@link KubernetesSimulator}.
 *
 * @public
 */
export interface KubernetesSimulatorRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** `list`, `get`, `discovery` (`/api`, `/apis`, group and version documents) or `other`. */
  verb: 'list' | 'get' | 'discovery' | 'other';
  /** The resource as RBAC names it (`pods`, `kustomizations.kustomize.toolkit.fluxcd.io`). */
  resource?: string;
  namespace?: string;
  /** The response status; undefined while unanswered (in `hang` mode, forever). */
  status?: number;
}

/**
 * A filter for {@link KubernetesSimulator.countRequests}; every given field must match.
 *
 * @public
 */
export interface KubernetesSimulatorRequestFilter {
  verb?: KubernetesSimulatorRequest['verb'];
  resource?: string;
  namespace?: string;
  status?: number;
}

/**
 * A loopback HTTP(S) server that speaks the read side of the Kubernetes API: discovery,
 * lists with label and field selectors and pagination, gets, 404 `Status` objects for
 * resources whose CRDs are not installed, bearer-token authentication and authorization.
 *
 * @public
 */
export interface KubernetesSimulator {
  /** The base URL, e.g. `http://127.0.0.1:41234`, to use as a cluster `url`. */
  readonly url: string;
  readonly port: number;
  /** A token with the grant of the first configured token (full access by default). */
  readonly token: string;
  readonly mode: KubernetesSimulatorMode;
  /** Every request received, in order. */
  readonly requests: readonly KubernetesSimulatorRequest[];
  /** Creates or replaces objects; throws naming an object the cluster cannot hold. */
  apply(objects: KubernetesObject | readonly KubernetesObject[]): void;
  /** Deletes an object; returns whether it existed. */
  delete(object: {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
  }): boolean;
  /** Deletes every object. */
  clear(): void;
  /** How many objects are stored. */
  readonly objectCount: number;
  /** Counts received requests that match the filter. */
  countRequests(filter?: KubernetesSimulatorRequestFilter): number;
  /** Forgets the received requests. */
  clearRequests(): void;
  /** Switches between `up`, `hang` and `down`. `down` closes the port; `up` reopens it. */
  setMode(mode: KubernetesSimulatorMode): Promise<void>;
  /** Changes the delay before each answer. */
  setLatency(milliseconds: number): void;
  /** Adds, changes or (with undefined) revokes a token. */
  setToken(
    token: string,
    grant: KubernetesSimulatorTokenGrant | undefined,
  ): void;
  /** Stops the server, drops every connection (also hanging ones) and cancels delays. */
  close(): Promise<void>;
}

const DEFAULT_USER = 'system:serviceaccount:backstage:kitstage';
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

interface StatusBody {
  code: number;
  reason: string;
  message: string;
  details?: Record<string, unknown>;
}

class StatusError extends Error {
  constructor(readonly body: StatusBody) {
    super(body.message);
  }
}

function statusObject(body: StatusBody) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: body.message,
    reason: body.reason,
    details: body.details ?? {},
    code: body.code,
  };
}

const NOT_FOUND: StatusBody = {
  code: 404,
  reason: 'NotFound',
  message: 'the server could not find the requested resource',
};

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(resourceVersion: string, lastKey: string): string {
  return Buffer.from(
    JSON.stringify({
      v: 'meta.k8s.io/v1',
      rv: Number(resourceVersion),
      start: `${lastKey}\u0000`,
    }),
  ).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      parsed?.v !== 'meta.k8s.io/v1' ||
      typeof parsed.rv !== 'number' ||
      typeof parsed.start !== 'string'
    ) {
      throw new Error('unexpected content');
    }
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    throw new StatusError({
      code: 400,
      reason: 'BadRequest',
      message:
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    });
  }
}

/**
 * Starts a simulated Kubernetes API server on a loopback port.
 *
 * @remarks
 * It serves `GET` only: `/version`, `/healthz`, discovery (`/api`, `/api/v1`, `/apis`,
 * `/apis/<group>`, `/apis/<group>/<version>`), and for every served resource the list
 * (`/api/v1/pods`, `/api/v1/namespaces/<ns>/pods`, `/apis/<group>/<version>/[namespaces/<ns>/]<plural>`)
 * and get (`.../<plural>/<name>`) endpoints. Lists answer `kind: <Kind>List` with
 * `metadata.resourceVersion`, honour `labelSelector` (`=`, `==`, `!=`, `in`, `notin`,
 * `key`, `!key`, `<`, `>`), `fieldSelector` on `metadata.name` and `metadata.namespace`,
 * and `limit` with `continue` tokens (410 `Expired` once the data changed, as after an etcd
 * compaction). As on a real API server, list items of built-in kinds carry no `kind` or
 * `apiVersion`; custom resources do.
 *
 * @public
 */
export async function startKubernetesSimulator(
  options: KubernetesSimulatorOptions = {},
): Promise<KubernetesSimulator> {
  const registry = ResourceRegistry.create(
    options.apis ?? ALL_SIMULATED_APIS,
    options.resources,
  );
  const store = new ObjectStore(registry);
  for (const object of options.objects ?? []) {
    store.apply(object);
  }
  const tokens = new Map<string, KubernetesSimulatorTokenGrant>(
    Object.entries(
      options.tokens ?? { [randomBytes(24).toString('base64url')]: {} },
    ),
  );
  const firstToken = [...tokens.keys()][0] ?? '';
  const requests: KubernetesSimulatorRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const hanging = new Set<ServerResponse>();
  let mode: KubernetesSimulatorMode = options.mode ?? 'up';
  let latency = options.latencyMs ?? 0;
  let closed = false;
  let port = 0;

  const authenticate = (
    headers: IncomingHttpHeaders,
  ): KubernetesSimulatorTokenGrant => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
    const grant = match ? tokens.get(match[1]) : undefined;
    if (grant) {
      return grant;
    }
    if (!match && options.anonymous) {
      return {};
    }
    throw new StatusError({
      code: 401,
      reason: 'Unauthorized',
      message: 'Unauthorized',
    });
  };

  const authorize = (
    grant: KubernetesSimulatorTokenGrant,
    verb: 'list' | 'get',
    resource: { group: string; plural: string },
    namespace: string | undefined,
  ) => {
    const name = qualifiedResourceName(resource);
    const forbidden =
      grant.forbidden === true ||
      (grant.forbiddenResources ?? []).includes(name) ||
      (grant.namespaces !== undefined &&
        (namespace === undefined || !grant.namespaces.includes(namespace)));
    if (!forbidden) {
      return;
    }
    const scope =
      namespace === undefined
        ? 'at the cluster scope'
        : `in the namespace "${namespace}"`;
    const details: Record<string, unknown> = { kind: resource.plural };
    if (resource.group) {
      details.group = resource.group;
    }
    throw new StatusError({
      code: 403,
      reason: 'Forbidden',
      message: `${name} is forbidden: User "${
        grant.user ?? DEFAULT_USER
      }" cannot ${verb} resource "${resource.plural}" in API group "${
        resource.group
      }" ${scope}`,
      details,
    });
  };

  const apiGroup = (group: string) => {
    const versions = registry.versionsOf(group)!.map(version => ({
      groupVersion: `${group}/${version}`,
      version,
    }));
    return { name: group, versions, preferredVersion: versions[0] };
  };

  const resourceList = (group: string, version: string) => ({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf({ group, version }),
    resources: registry.resourcesOf(group, version).map(entry => ({
      name: entry.plural,
      singularName: entry.singular,
      namespaced: entry.namespaced,
      kind: entry.kind,
      verbs: ['get', 'list'],
      ...(entry.shortNames ? { shortNames: entry.shortNames } : {}),
      ...(entry.categories ? { categories: entry.categories } : {}),
    })),
  });

  const discovery = (path: string): unknown => {
    if (path === '/api') {
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [
          { clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${port}` },
        ],
      };
    }
    if (path === '/api/v1') {
      return resourceList('', 'v1');
    }
    if (path === '/apis') {
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: registry.groups().map(apiGroup),
      };
    }
    const [group, version, ...rest] = path.slice('/apis/'.length).split('/');
    if (rest.length > 0 || !registry.versionsOf(group)) {
      throw new StatusError(NOT_FOUND);
    }
    if (version === undefined) {
      return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) };
    }
    if (!registry.versionsOf(group)!.includes(version)) {
      throw new StatusError(NOT_FOUND);
    }
    return resourceList(group, version);
  };

  /**
   * Splits a resource path into group, version, plural, namespace and name, whether or not
   * the resource is served; undefined for paths that are not resource paths.
   */
  const routeOf = (path: string) => {
    const segments = path.split('/').filter(Boolean);
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments.length >= 3) {
      group = '';
      version = segments[1];
      rest = segments.slice(2);
    } else if (segments[0] === 'apis' && segments.length >= 4) {
      group = segments[1];
      version = segments[2];
      rest = segments.slice(3);
    } else {
      return undefined;
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    return {
      group,
      version,
      plural: rest[0],
      namespace,
      name: rest[1] as string | undefined,
      extra: rest.length > 2,
    };
  };

  const list = (
    resource: SimulatedResource,
    namespace: string | undefined,
    query: Record<string, string>,
  ) => {
    if (query.watch === 'true' || query.watch === '1') {
      throw new StatusError({
        code: 405,
        reason: 'MethodNotAllowed',
        message: 'watch is not supported by the simulated cluster',
      });
    }
    let labels;
    let fields;
    try {
      labels = parseLabelSelector(query.labelSelector ?? '');
      fields = parseFieldSelector(query.fieldSelector ?? '');
    } catch (error) {
      if (error instanceof SelectorError) {
        throw new StatusError({
          code: 400,
          reason: 'BadRequest',
          message: error.message,
        });
      }
      throw error;
    }
    let limit: number | undefined;
    if (query.limit !== undefined && query.limit !== '0') {
      if (!/^\d+$/.test(query.limit)) {
        throw new StatusError({
          code: 400,
          reason: 'BadRequest',
          message: `invalid limit: ${query.limit}`,
        });
      }
      limit = Number(query.limit);
    }
    const resourceVersion = store.resourceVersion;
    let start = '';
    if (query.continue) {
      const token = decodeContinue(query.continue);
      if (String(token.rv) !== resourceVersion) {
        throw new StatusError({
          code: 410,
          reason: 'Expired',
          message:
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        });
      }
      start = token.start;
    }
    const selected = store
      .list(resource, namespace)
      .filter(
        ({ key, object }) =>
          key >= start &&
          matchesLabels(labels, object.metadata.labels) &&
          matchesFields(fields, object.metadata),
      );
    const page = limit === undefined ? selected : selected.slice(0, limit);
    const metadata: Record<string, unknown> = { resourceVersion };
    if (page.length < selected.length) {
      metadata.continue = encodeContinue(
        resourceVersion,
        page[page.length - 1].key,
      );
      // The API server can count what is left only when no selector filters it.
      if (!query.labelSelector && !query.fieldSelector) {
        metadata.remainingItemCount = selected.length - page.length;
      }
    }
    // Like the API server, built-in kinds are listed without kind and apiVersion per item.
    const builtIn = resource.group === '' || resource.group === 'apps';
    return {
      kind: `${resource.kind}List`,
      apiVersion: groupVersionOf(resource),
      metadata,
      items: page.map(({ object }) => {
        if (!builtIn) {
          return object;
        }
        const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
        return rest;
      }),
    };
  };

  const get = (
    resource: SimulatedResource,
    namespace: string | undefined,
    name: string,
  ) => {
    const object = store.get(resource, namespace, name);
    if (!object) {
      const details: Record<string, unknown> = { name, kind: resource.plural };
      if (resource.group) {
        details.group = resource.group;
      }
      throw new StatusError({
        code: 404,
        reason: 'NotFound',
        message: `${qualifiedResourceName(resource)} "${name}" not found`,
        details,
      });
    }
    return object;
  };

  const handle = (req: IncomingMessage, record: KubernetesSimulatorRequest) => {
    const { path } = record;
    if (path === '/version') {
      return VERSION_INFO;
    }
    if (['/healthz', '/livez', '/readyz'].includes(path)) {
      return 'ok';
    }
    if (record.method !== 'GET') {
      throw new StatusError({
        code: 405,
        reason: 'MethodNotAllowed',
        message: `the simulated cluster serves GET only, not ${record.method}`,
      });
    }
    const grant = authenticate(req.headers);
    const route = routeOf(path);
    if (!route) {
      if (
        path === '/api' ||
        path === '/api/v1' ||
        path === '/apis' ||
        path.startsWith('/apis/')
      ) {
        record.verb = 'discovery';
        return discovery(path.replace(/\/+$/, ''));
      }
      throw new StatusError(NOT_FOUND);
    }
    const { group, version, plural, namespace, name } = route;
    record.verb = name === undefined ? 'list' : 'get';
    record.resource = qualifiedResourceName({ group, plural });
    if (namespace !== undefined) {
      record.namespace = namespace;
    }
    // As on a real API server, authorization runs before routing: a forbidden token gets
    // 403 even for a resource whose CRD is not installed.
    authorize(grant, record.verb, { group, plural }, namespace);
    const resource = registry.versionsOf(group)?.includes(version)
      ? registry.byPath(group, version, plural)
      : undefined;
    if (!resource || route.extra || (namespace && !resource.namespaced)) {
      throw new StatusError(NOT_FOUND);
    }
    return name === undefined
      ? list(resource, namespace, record.query)
      : get(resource, namespace, name);
  };

  const respond = (
    res: ServerResponse,
    record: KubernetesSimulatorRequest,
    status: number,
    body: unknown,
  ) => {
    record.status = status;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type':
        typeof body === 'string'
          ? 'text/plain; charset=utf-8'
          : 'application/json',
      'cache-control': 'no-cache, private',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const record: KubernetesSimulatorRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      verb: 'other',
    };
    requests.push(record);
    if (mode === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const answer = () => {
      try {
        respond(res, record, 200, handle(req, record));
      } catch (error) {
        if (error instanceof StatusError) {
          respond(res, record, error.body.code, statusObject(error.body));
        } else {
          respond(
            res,
            record,
            500,
            statusObject({
              code: 500,
              reason: 'InternalError',
              message: `Internal error occurred: ${String(error)}`,
            }),
          );
        }
      }
    };
    if (latency > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, latency);
      timers.add(timer);
    } else {
      answer();
    }
  };

  const server: Server = options.tls
    ? https.createServer(
        { cert: options.tls.cert, key: options.tls.key },
        listener,
      )
    : http.createServer(listener);
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (requestedPort: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(requestedPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const stopListening = () =>
    new Promise<void>(resolve => {
      for (const timer of timers) {
        clearTimeout(timer);
      }
      timers.clear();
      hanging.clear();
      if (!server.listening) {
        for (const socket of sockets) {
          socket.destroy();
        }
        resolve();
        return;
      }
      server.close(() => resolve());
      for (const socket of sockets) {
        socket.destroy();
      }
    });

  port = await listen(options.port ?? 0);
  if (mode === 'down') {
    await stopListening();
  }
  const scheme = options.tls ? 'https' : 'http';

  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    token: firstToken,
    get mode() {
      return mode;
    },
    requests,
    apply(objects) {
      for (const object of Array.isArray(objects) ? objects : [objects]) {
        store.apply(object as KubernetesObject);
      }
    },
    delete(object) {
      return store.delete(
        object.apiVersion,
        object.kind,
        object.metadata.namespace,
        object.metadata.name,
      );
    },
    clear() {
      store.clear();
    },
    get objectCount() {
      return store.size;
    },
    countRequests(filter = {}) {
      return requests.filter(
        request =>
          (filter.verb === undefined || request.verb === filter.verb) &&
          (filter.resource === undefined ||
            request.resource === filter.resource) &&
          (filter.namespace === undefined ||
            request.namespace === filter.namespace) &&
          (filter.status === undefined || request.status === filter.status),
      ).length;
    },
    clearRequests() {
      requests.length = 0;
    },
    async setMode(next) {
      if (closed) {
        throw new Error('The simulated cluster is closed');
      }
      if (next === mode) {
        return;
      }
      if (next === 'down') {
        mode = next;
        await stopListening();
        return;
      }
      if (mode === 'down') {
        await listen(port);
      }
      if (mode === 'hang') {
        for (const res of hanging) {
          res.destroy();
        }
        hanging.clear();
      }
      mode = next;
    },
    setLatency(milliseconds) {
      latency = Math.max(0, milliseconds);
    },
    setToken(token, grant) {
      if (grant) {
        tokens.set(token, grant);
      } else {
        tokens.delete(token);
      }
    },
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      await stopListening();
    },
  };
}
