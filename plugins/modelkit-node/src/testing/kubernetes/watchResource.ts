import type { ServerResponse } from 'node:http';
import { groupVersionOf, SimulatedResource } from './apiResources';
import { KubernetesObject, ObjectStore, StoreEvent } from './ObjectStore';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';
import { StatusBody, StatusError, statusObject } from './statusErrors';

/**
 * A parsed watch request (`?watch=1`): what to stream and from which resource version.
 *
 * @internal
 */
export class WatchRequest {
  constructor(
    readonly resource: SimulatedResource,
    readonly namespace: string | undefined,
    readonly matches: (object: KubernetesObject) => boolean,
    /** Stream changes after this revision; undefined sends every object as `ADDED` first. */
    readonly from: number | undefined,
    readonly bookmarks: boolean,
    readonly timeoutSeconds: number | undefined,
  ) {}
}

/**
 * Whether a list query asks for a watch.
 *
 * @internal
 */
export function isWatchQuery(query: Record<string, string>): boolean {
  return query.watch === 'true' || query.watch === '1';
}

function badRequest(message: string): StatusError {
  return new StatusError({ code: 400, reason: 'BadRequest', message });
}

/**
 * Parses a watch request, or throws the `Status` the API server answers: 400 for a bad
 * selector, resource version or timeout, 410 `Expired` for a resource version older than the
 * store's history.
 *
 * @internal
 */
export function parseWatchRequest(
  store: ObjectStore,
  resource: SimulatedResource,
  namespace: string | undefined,
  query: Record<string, string>,
): WatchRequest {
  let labels: ReturnType<typeof parseLabelSelector>;
  let fields: ReturnType<typeof parseFieldSelector>;
  try {
    labels = parseLabelSelector(query.labelSelector ?? '');
    fields = parseFieldSelector(query.fieldSelector ?? '');
  } catch (error) {
    if (error instanceof SelectorError) {
      throw badRequest(error.message);
    }
    throw error;
  }
  let from: number | undefined;
  const version = query.resourceVersion;
  if (version !== undefined && version !== '' && version !== '0') {
    if (!/^\d+$/.test(version)) {
      throw badRequest(`invalid resource version: ${version}`);
    }
    from = Number(version);
    if (from < store.compactedRevision) {
      throw new StatusError(tooOld(from, store.compactedRevision));
    }
  }
  let timeoutSeconds: number | undefined;
  if (query.timeoutSeconds !== undefined) {
    if (!/^\d+$/.test(query.timeoutSeconds)) {
      throw badRequest(`invalid timeoutSeconds: ${query.timeoutSeconds}`);
    }
    timeoutSeconds = Number(query.timeoutSeconds) || undefined;
  }
  return new WatchRequest(
    resource,
    namespace,
    object =>
      (namespace === undefined || object.metadata.namespace === namespace) &&
      matchesLabels(labels, object.metadata.labels) &&
      matchesFields(fields, object.metadata),
    from,
    query.allowWatchBookmarks === 'true' || query.allowWatchBookmarks === '1',
    timeoutSeconds,
  );
}

/** The 410 the API server answers a watch from a compacted resource version with. */
function tooOld(from: number, oldest: number): StatusBody {
  return {
    code: 410,
    reason: 'Expired',
    message: `too old resource version: ${from} (${oldest})`,
  };
}

/**
 * One open watch stream of a simulated cluster, controlled by its tests.
 *
 * @internal
 */
export interface OpenWatch {
  /** Stops sending anything (events, bookmarks) while the connection stays open. */
  pause(): void;
  /** Sends an `ERROR` event with a 410 `Status` and ends the stream. */
  expire(): void;
  /** Destroys the connection without ending the stream, like a dropped connection. */
  drop(): void;
}

/**
 * Streams a watch as the API server does: one JSON event per line, the missed changes first
 * (or every object as `ADDED` for a watch without resource version), then each change as it
 * happens, a `BOOKMARK` with the current resource version every `bookmarkIntervalMs` when
 * the client allows bookmarks, and the end of the stream after `timeoutSeconds`.
 *
 * @internal
 */
export function serveWatch(
  res: ServerResponse,
  request: WatchRequest,
  store: ObjectStore,
  bookmarkIntervalMs: number,
  onClose: () => void,
): OpenWatch {
  const { resource } = request;
  let paused = false;
  res.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  // The client learns the watch is open before the first event.
  res.flushHeaders();
  const send = (type: string, object: unknown) => {
    if (!paused && !res.writableEnded && !res.destroyed) {
      res.write(`${JSON.stringify({ type, object })}\n`);
    }
  };
  const ofResource = (event: StoreEvent) =>
    event.resource === resource && request.matches(event.object);
  const backlog =
    request.from === undefined
      ? store
          .list(resource, request.namespace)
          .filter(({ object }) => request.matches(object))
          .map(({ object }) => ({ type: 'ADDED', object }))
      : (store.changesSince(request.from) ?? []).filter(ofResource);
  for (const event of backlog) {
    send(event.type, event.object);
  }
  const unsubscribe = store.subscribe(event => {
    if (ofResource(event)) send(event.type, event.object);
  });
  const timers: NodeJS.Timeout[] = [];
  if (request.bookmarks) {
    timers.push(
      setInterval(
        () =>
          send('BOOKMARK', {
            kind: resource.kind,
            apiVersion: groupVersionOf(resource),
            metadata: { resourceVersion: store.resourceVersion },
          }),
        bookmarkIntervalMs,
      ),
    );
  }
  if (request.timeoutSeconds) {
    timers.push(
      setTimeout(() => res.end(), request.timeoutSeconds * 1000).unref(),
    );
  }
  res.on('close', () => {
    unsubscribe();
    timers.forEach(timer => clearTimeout(timer));
    onClose();
  });
  return {
    pause() {
      paused = true;
    },
    expire() {
      const from = request.from ?? store.compactedRevision;
      send('ERROR', statusObject(tooOld(from, store.compactedRevision)));
      res.end();
    },
    drop() {
      res.destroy();
    },
  };
}
