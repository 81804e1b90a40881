import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { DeploymentCluster } from '@kitstage/plugin-modelkit-common';
import { ClusterRequestError, classifyResponse } from './ClusterRequestError';

/**
 * One event of a Kubernetes watch stream.
 *
 * @internal
 */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  /** The object; a `Status` for `ERROR`; only `metadata.resourceVersion` for `BOOKMARK`. */
  object: Record<string, unknown>;
}

const WATCH_EVENT_TYPES = new Set([
  'ADDED',
  'MODIFIED',
  'DELETED',
  'BOOKMARK',
  'ERROR',
]);

/** The header naming the target cluster of a proxy request (Kubernetes plugin). */
const CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';

/**
 * Reads clusters, and patches the delivery objects Kitstage operates, through the HTTP API of
 * Backstage's Kubernetes backend plugin, with Kitstage's own service credentials: `GET
 * /clusters` for the configured clusters and `/proxy/<path>` for Kubernetes API requests. The Kubernetes plugin picks the cluster from
 * the `Backstage-Kubernetes-Cluster` header and adds the cluster credentials configured
 * under `kubernetes.clusterLocatorMethods`, which never leave it.
 *
 * @internal
 */
export class KubernetesPluginClient {
  readonly #auth: AuthService;
  readonly #discovery: DiscoveryService;

  constructor(options: { auth: AuthService; discovery: DiscoveryService }) {
    this.#auth = options.auth;
    this.#discovery = options.discovery;
  }

  /**
   * The clusters the Kubernetes plugin knows, in its order, without auth metadata.
   *
   * @throws ServiceUnavailableError when the Kubernetes plugin cannot be asked.
   */
  async listClusters(signal?: AbortSignal): Promise<DeploymentCluster[]> {
    const { baseUrl, headers } = await this.#prepare();
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/clusters`, { headers, signal });
    } catch (error) {
      throw new ServiceUnavailableError(
        `The Kubernetes plugin could not be reached at ${baseUrl}/clusters`,
        error,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new ServiceUnavailableError(
        response.status === 404
          ? `The Kubernetes plugin has no cluster list at ${baseUrl}/clusters: is @backstage/plugin-kubernetes-backend installed and configured under kubernetes?`
          : `The Kubernetes plugin answered HTTP ${
              response.status
            } for its cluster list: ${text.slice(0, 300)}`,
      );
    }
    const items = (parseJson(text) as { items?: unknown })?.items;
    if (!Array.isArray(items)) {
      throw new ServiceUnavailableError(
        'The Kubernetes plugin answered its cluster list without an items array',
      );
    }
    return items.flatMap(item => {
      const name = typeof item?.name === 'string' ? item.name : undefined;
      if (!name) {
        return [];
      }
      const cluster: DeploymentCluster = { name };
      if (typeof item.title === 'string' && item.title) {
        cluster.title = item.title;
      }
      if (typeof item.dashboardUrl === 'string' && item.dashboardUrl) {
        cluster.dashboardUrl = item.dashboardUrl;
      }
      return [cluster];
    });
  }

  /**
   * GETs a Kubernetes API path on a cluster and returns the parsed JSON.
   *
   * @param what - What the request does, for error messages (`list pods`).
   * @throws ClusterRequestError classified by kind; aborts with the signal's reason.
   */
  async get(
    cluster: string,
    path: string,
    options: {
      what: string;
      query?: Record<string, string>;
      signal?: AbortSignal;
    },
  ): Promise<unknown> {
    const query = new URLSearchParams(options.query ?? {}).toString();
    return this.#send(cluster, `${path}${query ? `?${query}` : ''}`, options);
  }

  /**
   * Sends a JSON merge patch (`application/merge-patch+json`) of one object to a cluster and
   * returns the object as the cluster answers it. The Kubernetes plugin adds the cluster
   * credentials it is configured with.
   *
   * @param what - What the request does, for error messages (`suspend Kustomization x`).
   * @throws ClusterRequestError classified by kind; aborts with the signal's reason.
   */
  async patch(
    cluster: string,
    path: string,
    patch: Record<string, unknown>,
    options: { what: string; signal?: AbortSignal },
  ): Promise<unknown> {
    return this.#send(cluster, path, {
      ...options,
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify(patch),
    });
  }

  /** Sends one request through the proxy and returns the JSON answer of a success. */
  async #send(
    cluster: string,
    pathAndQuery: string,
    options: {
      what: string;
      signal?: AbortSignal;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
    },
  ): Promise<unknown> {
    const { baseUrl, headers } = await this.#prepare();
    const url = `${baseUrl}/proxy${pathAndQuery}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: options.method ?? 'GET',
        headers: { ...headers, ...options.headers, [CLUSTER_HEADER]: cluster },
        body: options.body,
        signal: options.signal,
      });
      text = await response.text();
    } catch (error) {
      if (options.signal?.aborted) {
        throw options.signal.reason;
      }
      throw new ClusterRequestError({
        kind: 'error',
        message: `The Kubernetes plugin could not be reached to ${
          options.what
        } on cluster ${cluster}: ${(error as Error).message}`,
        cause: error,
      });
    }
    const body = parseJson(text);
    if (!response.ok) {
      throw classifyResponse({
        cluster,
        what: options.what,
        statusCode: response.status,
        body,
        text,
      });
    }
    if (body === undefined) {
      throw new ClusterRequestError({
        kind: 'error',
        statusCode: response.status,
        message: `Cluster ${cluster} answered ${options.what} with something other than JSON`,
      });
    }
    return body;
  }

  /**
   * Watches a Kubernetes API list path on a cluster (`watch=1` is added to the query): calls
   * `onOpen` once the cluster accepted the watch, then `onEvent` for each event of the stream,
   * in order. Resolves when the cluster ends the stream.
   *
   * @throws ClusterRequestError classified like a GET when the watch is refused (410 for an
   *   expired resource version), or when the stream breaks or carries something other than
   *   events; whatever `onEvent` throws, which ends the watch; aborts with the signal's reason.
   */
  async watch(
    cluster: string,
    path: string,
    options: {
      what: string;
      query: Record<string, string>;
      signal: AbortSignal;
      onOpen(): void;
      onEvent(event: WatchEvent): void;
    },
  ): Promise<void> {
    const { baseUrl, headers } = await this.#prepare();
    const query = new URLSearchParams({ ...options.query, watch: '1' });
    const url = `${baseUrl}/proxy${path}?${query}`;
    const broken = (error: unknown, opened: boolean) => {
      if (options.signal.aborted) {
        return options.signal.reason;
      }
      return new ClusterRequestError({
        kind: 'error',
        message: opened
          ? `The stream of the watch to ${
              options.what
            } on cluster ${cluster} broke: ${(error as Error).message}`
          : `The Kubernetes plugin could not be reached to ${
              options.what
            } on cluster ${cluster}: ${(error as Error).message}`,
        cause: error,
      });
    };
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          ...headers,
          [CLUSTER_HEADER]: cluster,
          // A compressed answer is held back by the backend's compression middleware until
          // enough of it has come: the events of a watch would arrive late, or never.
          'Accept-Encoding': 'identity',
        },
        signal: options.signal,
      });
    } catch (error) {
      throw broken(error, false);
    }
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      throw classifyResponse({
        cluster,
        what: options.what,
        statusCode: response.status,
        body: parseJson(text),
        text,
      });
    }
    options.onOpen();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw broken(error, true);
        }
        if (chunk.done) {
          return;
        }
        buffered += decoder.decode(chunk.value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) {
            options.onEvent(parseWatchEvent(line, cluster, options.what));
          }
          newline = buffered.indexOf('\n');
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  async #prepare() {
    const [baseUrl, { token }] = await Promise.all([
      this.#discovery.getBaseUrl('kubernetes'),
      this.#auth.getPluginRequestToken({
        onBehalfOf: await this.#auth.getOwnServiceCredentials(),
        targetPluginId: 'kubernetes',
      }),
    ]);
    return {
      baseUrl,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
      } as Record<string, string>,
    };
  }
}

function parseWatchEvent(
  line: string,
  cluster: string,
  what: string,
): WatchEvent {
  const event = parseJson(line) as
    | { type?: unknown; object?: unknown }
    | undefined;
  if (
    typeof event?.type !== 'string' ||
    !WATCH_EVENT_TYPES.has(event.type) ||
    typeof event.object !== 'object' ||
    event.object === null
  ) {
    throw new ClusterRequestError({
      kind: 'error',
      message: `Cluster ${cluster} answered the watch to ${what} with something other than watch events: ${line.slice(
        0,
        200,
      )}`,
    });
  }
  return event as WatchEvent;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
