import type {
  DeploymentClusterError,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { ClusterRequestError } from './ClusterRequestError';
import type { WatchEvent } from './KubernetesPluginClient';
import { ListContext, listResource, toClusterError } from './listResource';
import {
  apiVersionOf,
  listPath,
  qualifiedName,
  ResourceType,
} from './resources';

/**
 * What one list-then-watch loop needs.
 *
 * @internal
 */
export interface ResourceWatchOptions {
  context: ListContext;
  resource: ResourceType;
  /** The versions the cluster serves, preferred first. */
  versions: readonly string[];
  /** How long one complete list may take (`kitstage.deployments.clusterTimeout`). */
  listTimeoutMs: number;
  /** How long the watch may stay silent or take to open before it counts as broken. */
  stallTimeoutMs: number;
  /**
   * How long to wait before listing again when the first list failed (`cacheTtl`: a cluster
   * that refuses is asked once per period, as without watches).
   */
  retryUnlistedMs: number;
  /** Runs each list; limits how many lists of a cluster run at once. */
  limitList<T>(list: () => Promise<T>): Promise<T>;
  /**
   * Called after the objects changed, with the changed objects (before and after the change);
   * and with none when only the state of the watch changed.
   */
  onChange(changed: KubernetesObjectLike[]): void;
  now?: () => number;
}

/** Ends a watch that stayed silent. */
class StalledError extends Error {
  override readonly name = 'StalledError';
}

/** The cluster forbids watching (RBAC without `watch`): list again every period instead. */
class WatchForbiddenError extends Error {
  override readonly name = 'WatchForbiddenError';
}

/** The cluster expired the resource version: list again. */
class GoneError extends Error {
  override readonly name = 'GoneError';
}

const MAX_BACKOFF_MS = 30_000;
const MIN_BACKOFF_MS = 500;

function keyOf(object: KubernetesObjectLike): string {
  const { namespace, name } = object.metadata ?? {};
  return `${namespace ?? ''}/${name ?? ''}`;
}

function resourceVersionOf(object: unknown): string | undefined {
  const version = (object as { metadata?: { resourceVersion?: unknown } })
    ?.metadata?.resourceVersion;
  return typeof version === 'string' && version ? version : undefined;
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * The objects of one resource type on one cluster, kept current: LIST (in pages) for the
 * objects and their resource version, then WATCH from that version (with bookmarks),
 * applying each `ADDED`, `MODIFIED` and `DELETED` event. A watch the cluster ends is opened
 * again from the last resource version seen; an expired resource version (`410 Gone`, as an
 * answer or as an `ERROR` event) is listed again; a failure, or a watch silent for
 * `stallTimeoutMs`, is retried with exponential back-off (0.5 s to 30 s, with jitter), and the
 * objects are kept, marked broken since the last contact, until the watch is open again. A
 * first list that failed is tried again after `retryUnlistedMs`.
 *
 * @internal
 */
export class ResourceWatch {
  readonly #options: ResourceWatchOptions;
  readonly #now: () => number;
  readonly #stopper = new AbortController();
  #objects = new Map<string, KubernetesObjectLike>();
  #version?: string;
  #resourceVersion?: string;
  #listed = false;
  #running = false;
  #lastContact = 0;
  #brokenSince?: number;
  #error?: DeploymentClusterError;
  /** Failures since the watch was last open, for the back-off. */
  #failures = 0;
  /** Expired resource versions since the last event of an open watch. */
  #goneInARow = 0;
  /** Why the resource is listed every period instead of watched. */
  #notice?: DeploymentClusterError;
  #firstAttempt: Promise<void>;
  #settleFirstAttempt!: () => void;

  constructor(options: ResourceWatchOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#firstAttempt = new Promise(resolve => {
      this.#settleFirstAttempt = resolve;
    });
  }

  get resource(): ResourceType {
    return this.#options.resource;
  }

  /** Whether the objects were listed once; they are kept from then on. */
  get listed(): boolean {
    return this.#listed;
  }

  /** The last failure; cleared once the watch is open again. */
  get error(): DeploymentClusterError | undefined {
    return this.#error;
  }

  /**
   * Set when the cluster forbids watching the resource type, which is then listed again every
   * `retryUnlistedMs`.
   */
  get notice(): DeploymentClusterError | undefined {
    return this.#notice;
  }

  /** When the objects were last known current, while the watch is broken. */
  get brokenSince(): number | undefined {
    return this.#brokenSince;
  }

  /** Settles once the first list succeeded or failed. */
  get firstAttempt(): Promise<void> {
    return this.#firstAttempt;
  }

  /** The objects, in no particular order. */
  objects(): KubernetesObjectLike[] {
    return [...this.#objects.values()];
  }

  /** Starts the loop; it runs until {@link ResourceWatch.stop}. */
  start(): void {
    if (this.#running || this.#stopper.signal.aborted) return;
    this.#running = true;
    this.#run().finally(() => {
      this.#running = false;
      this.#settleFirstAttempt();
    });
  }

  /** Ends the loop and any request in flight. */
  stop(): void {
    this.#stopper.abort(new Error('The watch was stopped'));
  }

  async #run(): Promise<void> {
    const { signal } = this.#stopper;
    while (!signal.aborted) {
      try {
        if (this.#resourceVersion === undefined) {
          await this.#list();
          this.#settleFirstAttempt();
          if (!this.#version) return; // No version is served: nothing to watch.
        }
        if (this.#notice) {
          // Listed, not watched: list again after the period.
          this.#open();
          await sleep(this.#options.retryUnlistedMs, signal);
          this.#resourceVersion = undefined;
          continue;
        }
        await this.#watch();
      } catch (error) {
        this.#settleFirstAttempt();
        if (signal.aborted) return;
        if (error instanceof WatchForbiddenError) {
          const { context, resource, retryUnlistedMs } = this.#options;
          this.#notice = {
            kind: 'forbidden',
            message: `${error.message}; ${qualifiedName(
              resource,
            )} is listed again every ${formatDuration(
              retryUnlistedMs,
            )} instead (kitstage.deployments.cacheTtl) until the role of cluster ${
              context.cluster.name
            } allows watch`,
          };
          this.#options.onChange([]);
          continue;
        }
        if (error instanceof GoneError) {
          this.#resourceVersion = undefined;
          // List again at once, unless the version expired again right after a list.
          if (++this.#goneInARow < 2) continue;
        }
        this.#failures += 1;
        this.#fail(error);
        if (!this.#listed) {
          await sleep(this.#options.retryUnlistedMs, signal);
          continue;
        }
        const base = Math.min(
          MAX_BACKOFF_MS,
          MIN_BACKOFF_MS * 2 ** (this.#failures - 1),
        );
        await sleep(base / 2 + (Math.random() * base) / 2, signal);
      }
    }
  }

  async #list(): Promise<void> {
    const { context, resource, versions, listTimeoutMs } = this.#options;
    const signal = AbortSignal.any([
      AbortSignal.timeout(listTimeoutMs),
      this.#stopper.signal,
    ]);
    const listed = await this.#options.limitList(() =>
      listResource(context, resource, versions, signal),
    );
    const next = new Map<string, KubernetesObjectLike>();
    const changed: KubernetesObjectLike[] = [];
    for (const object of listed.items) {
      const key = keyOf(object);
      const before = this.#objects.get(key);
      if (
        !before ||
        resourceVersionOf(before) !== resourceVersionOf(object) ||
        !resourceVersionOf(object)
      ) {
        changed.push(...(before ? [before] : []), object);
      }
      next.set(key, object);
    }
    for (const [key, before] of this.#objects) {
      if (!next.has(key)) changed.push(before);
    }
    this.#objects = next;
    this.#version = listed.version;
    this.#resourceVersion = listed.resourceVersion ?? '';
    this.#listed = true;
    this.#lastContact = this.#now();
    this.#options.onChange(changed);
  }

  async #watch(): Promise<void> {
    const { context, resource, stallTimeoutMs } = this.#options;
    const stall = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const touch = () => {
      this.#lastContact = this.#now();
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          stall.abort(
            new StalledError(
              `The watch of ${qualifiedName(resource)} on cluster ${
                context.cluster.name
              } stayed silent for ${formatDuration(
                stallTimeoutMs,
              )} (kitstage.deployments.watchStallTimeout)`,
            ),
          ),
        stallTimeoutMs,
      );
      timer.unref?.();
    };
    touch();
    const query: Record<string, string> = {
      allowWatchBookmarks: 'true',
      // The cluster ends the watch after this; it is opened again from where it was.
      timeoutSeconds: String(240 + Math.floor(Math.random() * 120)),
    };
    if (this.#resourceVersion) query.resourceVersion = this.#resourceVersion;
    try {
      await context.client.watch(
        context.cluster.name,
        listPath(resource, this.#version!),
        {
          what: `watch ${qualifiedName(resource)}`,
          query,
          signal: AbortSignal.any([stall.signal, this.#stopper.signal]),
          onOpen: () => {
            touch();
            this.#failures = 0;
            this.#open();
          },
          onEvent: event => {
            touch();
            this.#apply(event);
            this.#goneInARow = 0;
          },
        },
      );
    } catch (error) {
      if (error instanceof ClusterRequestError && error.statusCode === 410) {
        throw new GoneError(error.message);
      }
      if (error instanceof ClusterRequestError && error.kind === 'forbidden') {
        throw new WatchForbiddenError(error.message);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #open() {
    if (this.#brokenSince !== undefined || this.#error) {
      this.#brokenSince = undefined;
      this.#error = undefined;
      this.#options.onChange([]);
    }
  }

  #apply(event: WatchEvent) {
    const { object } = event;
    if (event.type === 'ERROR') {
      const status = object as { code?: unknown; message?: unknown };
      if (status.code === 410) {
        throw new GoneError(String(status.message ?? 'Gone'));
      }
      throw new ClusterRequestError({
        kind: 'error',
        statusCode: typeof status.code === 'number' ? status.code : undefined,
        message: `Cluster ${
          this.#options.context.cluster.name
        } ended the watch of ${qualifiedName(this.#options.resource)}: ${String(
          status.message ?? JSON.stringify(object).slice(0, 200),
        )}`,
      });
    }
    const resourceVersion = resourceVersionOf(object);
    if (event.type === 'BOOKMARK') {
      if (resourceVersion) this.#resourceVersion = resourceVersion;
      return;
    }
    const { resource } = this.#options;
    const current: KubernetesObjectLike = {
      apiVersion: apiVersionOf(resource, this.#version!),
      kind: resource.kind,
      ...(object as Partial<KubernetesObjectLike>),
    };
    const key = keyOf(current);
    const before = this.#objects.get(key);
    if (event.type === 'DELETED') {
      this.#objects.delete(key);
    } else {
      this.#objects.set(key, current);
    }
    if (resourceVersion) this.#resourceVersion = resourceVersion;
    this.#options.onChange(before ? [before, current] : [current]);
  }

  #fail(error: unknown) {
    const { context, listTimeoutMs } = this.#options;
    if (error instanceof GoneError) {
      this.#error = {
        kind: 'error',
        statusCode: 410,
        message: `Cluster ${
          context.cluster.name
        } expired the resource version of ${qualifiedName(
          this.#options.resource,
        )} again right after a list: ${error.message}`,
      };
    } else if (error instanceof StalledError) {
      this.#error = { kind: 'timeout', message: error.message };
    } else {
      this.#error = toClusterError(error, context.cluster.name, listTimeoutMs);
    }
    if (this.#listed && this.#brokenSince === undefined) {
      this.#brokenSince = this.#lastContact;
    }
    this.#options.onChange([]);
  }
}

/** Waits, or less when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
