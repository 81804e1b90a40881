import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { DeploymentCluster } from '@kitstage/plugin-modelkit-common';
import { ClusterRequestError, classifyResponse } from './ClusterRequestError';

/** The header naming the target cluster of a proxy request (Kubernetes plugin). */
const CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';

/**
 * Reads clusters through the HTTP API of Backstage's Kubernetes backend plugin, with
 * Kitstage's own service credentials: `GET /clusters` for the configured clusters and
 * `/proxy/<path>` for Kubernetes API requests. The Kubernetes plugin picks the cluster from
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
    const { baseUrl, headers } = await this.#prepare();
    const query = new URLSearchParams(options.query ?? {}).toString();
    const url = `${baseUrl}/proxy${path}${query ? `?${query}` : ''}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        headers: { ...headers, [CLUSTER_HEADER]: cluster },
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
