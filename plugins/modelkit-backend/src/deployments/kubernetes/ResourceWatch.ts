import type {
  DeploymentClusterError,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import type { WatchEvent } from './KubernetesPluginClient';
import { ListContext, listResource } from './listResource';
import {
  apiVersionOf,
  listPath,
  qualifiedName,
  ResourceType,
} from './resources';
import { resourceVersionOf, WatchedObjects } from './WatchedObjects';
import {
  GoneError,
  StalledError,
  watchEventError,
  watchFailure,
  WatchForbiddenError,
  watchRequestError,
} from './watchErrors';
import { backoffDelayMs, formatDuration, sleep } from './watchRetry';

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
  /**
   * How long one complete list may take once it started (`kitstage.deployments.clusterTimeout`).
   */
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
  readonly #objects = new WatchedObjects();
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
    return this.#objects.values();
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
        await sleep(backoffDelayMs(this.#failures), signal);
      }
    }
  }

  async #list(): Promise<void> {
    const { context, resource, versions, listTimeoutMs } = this.#options;
    // The time limit starts with the list, not while it waits for one of the cluster's list
    // slots: on a large cluster the last resource types would otherwise time out in the
    // queue, be listed again a period later, and make every service of the cluster matched
    // anew.
    const listed = await this.#options.limitList(() =>
      listResource(
        context,
        resource,
        versions,
        AbortSignal.any([
          AbortSignal.timeout(listTimeoutMs),
          this.#stopper.signal,
        ]),
      ),
    );
    const changed = this.#objects.replace(listed.items);
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
      throw watchRequestError(error);
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
    const { context, resource } = this.#options;
    const { object } = event;
    if (event.type === 'ERROR') {
      throw watchEventError(event, context.cluster.name, resource);
    }
    const resourceVersion = resourceVersionOf(object);
    if (event.type === 'BOOKMARK') {
      if (resourceVersion) this.#resourceVersion = resourceVersion;
      return;
    }
    const changed = this.#objects.apply(event.type, {
      apiVersion: apiVersionOf(resource, this.#version!),
      kind: resource.kind,
      ...(object as Partial<KubernetesObjectLike>),
    });
    if (resourceVersion) this.#resourceVersion = resourceVersion;
    this.#options.onChange(changed);
  }

  #fail(error: unknown) {
    const { context, resource, listTimeoutMs } = this.#options;
    this.#error = watchFailure(
      error,
      context.cluster.name,
      resource,
      listTimeoutMs,
    );
    if (this.#listed && this.#brokenSince === undefined) {
      this.#brokenSince = this.#lastContact;
    }
    this.#options.onChange([]);
  }
}
