import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ALL_SIMULATED_APIS, ResourceRegistry } from './apiResources';
import { handleRequest, SimulatedCluster } from './handleRequest';
import { KubernetesObject, ObjectStore } from './ObjectStore';
import type {
  KubernetesSimulator,
  KubernetesSimulatorMode,
  KubernetesSimulatorOptions,
  KubernetesSimulatorRequest,
  KubernetesSimulatorTokenGrant,
} from './simulatorTypes';
import { StatusError, statusObject } from './statusErrors';
import { OpenWatch, serveWatch, WatchRequest } from './watchResource';

/** The largest request body read, like the API server's limit on one request. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads a request body as text; rejects a body larger than {@link MAX_BODY_BYTES}. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A recorded body: parsed JSON, or the text when it is not JSON; undefined when empty. */
function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Starts a simulated Kubernetes API server on a loopback port.
 *
 * @remarks
 * It serves `GET`: `/version`, `/healthz`, discovery (`/api`, `/api/v1`, `/apis`,
 * `/apis/<group>`, `/apis/<group>/<version>`), and for every served resource the list
 * (`/api/v1/pods`, `/api/v1/namespaces/<ns>/pods`, `/apis/<group>/<version>/[namespaces/<ns>/]<plural>`)
 * and get (`.../<plural>/<name>`) endpoints. Lists answer `kind: <Kind>List` with
 * `metadata.resourceVersion`, honour `labelSelector` (`=`, `==`, `!=`, `in`, `notin`,
 * `key`, `!key`, `<`, `>`), `fieldSelector` on `metadata.name` and `metadata.namespace`,
 * and `limit` with `continue` tokens (410 `Expired` once the data changed, as after an etcd
 * compaction). As on a real API server, list items of built-in kinds carry no `kind` or
 * `apiVersion`; custom resources do. A list path with `?watch=1` streams changes from
 * `resourceVersion` on (`ADDED`, `MODIFIED`, `DELETED`, `BOOKMARK` with
 * `allowWatchBookmarks`, `ERROR` with 410 once the resource versions expired). `PATCH` of
 * one object with `application/merge-patch+json` applies the JSON merge patch, gives the
 * object a new resource version (and generation, when `spec` changed) and streams it to open
 * watches as `MODIFIED`; each request is recorded with its content type and body, so tests
 * can assert the exact change.
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
  const watches = new Set<OpenWatch>();
  const answerListeners = new Set<
    (request: KubernetesSimulatorRequest) => void
  >();
  const bookmarkIntervalMs = options.bookmarkIntervalMs ?? 1000;
  let mode: KubernetesSimulatorMode = options.mode ?? 'up';
  let latency = options.latencyMs ?? 0;
  let closed = false;
  let port = 0;
  const cluster: SimulatedCluster = {
    registry,
    store,
    tokens,
    anonymous: options.anonymous,
    port,
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
    for (const onAnswer of [...answerListeners]) onAnswer(record);
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
        const body = handleRequest(cluster, req.headers, record);
        if (body instanceof WatchRequest) {
          record.status = 200;
          const watch = serveWatch(res, body, store, bookmarkIntervalMs, () =>
            watches.delete(watch),
          );
          watches.add(watch);
          return;
        }
        respond(res, record, 200, body);
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
    const schedule = () => {
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
    if (record.method === 'GET' || record.method === 'HEAD') {
      schedule();
      return;
    }
    // A request with a body (PATCH) is answered once the body is read and recorded.
    readBody(req).then(
      text => {
        record.contentType = req.headers['content-type'];
        record.body = parseBody(text);
        schedule();
      },
      () => res.destroy(),
    );
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
  cluster.port = port;
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
    get resourceVersion() {
      return store.resourceVersion;
    },
    get openWatches() {
      return watches.size;
    },
    expireResourceVersions() {
      store.compact();
      for (const watch of [...watches]) watch.expire();
    },
    dropWatches() {
      for (const watch of [...watches]) watch.drop();
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
    afterAnswer(onAnswer) {
      answerListeners.add(onAnswer);
      return () => {
        answerListeners.delete(onAnswer);
      };
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
        // Watches that fell silent stay so: their connections are dropped.
        for (const watch of [...watches]) {
          watch.drop();
        }
      }
      if (next === 'hang') {
        for (const watch of watches) {
          watch.pause();
        }
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
