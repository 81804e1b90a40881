import { ResponseError } from '@backstage/errors';
import {
  ComponentLineageResponse,
  MAX_POLICY_STATUS_DIGESTS,
  ModelKitAttestationsResponse,
  ModelKitLineageResponse,
  ModelKitModelCardResponse,
  ModelKitDiff,
  ModelKitLatestPolicyStatusResponse,
  ModelKitPolicyStatusResponse,
  ModelKitVersion,
  ModelKitVersionsResponse,
} from './types';

/**
 * The parts of Backstage's discovery API that the client needs.
 *
 * @public
 */
export interface ModelKitClientDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * The parts of Backstage's fetch API that the client needs (it adds the user's token).
 *
 * @public
 */
export interface ModelKitClientFetch {
  fetch: typeof fetch;
}

/**
 * Addresses a ModelKit entity.
 *
 * @public
 */
export interface ModelKitEntityName {
  namespace: string;
  name: string;
}

/**
 * The Kitstage backend API as the frontend uses it.
 *
 * @public
 */
export interface ModelKitApi {
  listVersions(
    entity: ModelKitEntityName,
    options?: { cursor?: string; limit?: number },
  ): Promise<ModelKitVersionsResponse>;
  getVersion(
    entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitVersion>;
  diff(
    entity: ModelKitEntityName,
    from: string,
    to: string,
  ): Promise<ModelKitDiff>;
  /**
   * Every attestation and signature of one version (a tag or digest) with its verification
   * state, and the policy of the ModelKit's lifecycle evaluated on them.
   */
  getAttestations(
    entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitAttestationsResponse>;
  /**
   * The policy status of several versions by manifest digest, in the order given (duplicates
   * once). Requests go in batches of {@link MAX_POLICY_STATUS_DIGESTS}.
   */
  getPolicyStatus(
    entity: ModelKitEntityName,
    digests: readonly string[],
  ): Promise<ModelKitPolicyStatusResponse>;
  /** The newest version and its policy status, for the entity header. */
  getLatestPolicyStatus(
    entity: ModelKitEntityName,
  ): Promise<ModelKitLatestPolicyStatusResponse>;
  /**
   * The lineage graph of a ModelKit as of one version (a tag or digest; the newest version when
   * none is given), from its data and base models to the Components and clusters that run it.
   */
  getLineage(
    entity: ModelKitEntityName,
    options?: { version?: string; maxDepth?: number },
  ): Promise<ModelKitLineageResponse>;
  /** The lineage graph of a Component: the ModelKits it serves, their lineage and its clusters. */
  getComponentLineage(
    entity: ModelKitEntityName,
    options?: { maxDepth?: number },
  ): Promise<ComponentLineageResponse>;
  /**
   * The model card of one version (a tag or digest): Markdown from its docs layer, or the
   * Kitfile descriptions.
   */
  getModelCard(
    entity: ModelKitEntityName,
    version: string,
  ): Promise<ModelKitModelCardResponse>;
}

/**
 * Typed HTTP client for the `modelkit` backend plugin.
 *
 * @public
 */
export class ModelKitClient implements ModelKitApi {
  readonly #discoveryApi: ModelKitClientDiscovery;
  readonly #fetchApi: ModelKitClientFetch;

  constructor(options: {
    discoveryApi: ModelKitClientDiscovery;
    fetchApi: ModelKitClientFetch;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /** {@inheritdoc ModelKitApi.listVersions} */
  async listVersions(
    entity: ModelKitEntityName,
    options?: { cursor?: string; limit?: number },
  ): Promise<ModelKitVersionsResponse> {
    const query = new URLSearchParams();
    if (options?.cursor) query.set('cursor', options.cursor);
    if (options?.limit) query.set('limit', String(options.limit));
    return this.#get(`${this.#entityPath(entity)}/versions`, query);
  }

  /** {@inheritdoc ModelKitApi.getVersion} */
  async getVersion(
    entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitVersion> {
    return this.#get(
      `${this.#entityPath(entity)}/versions/${encodeURIComponent(reference)}`,
    );
  }

  /** {@inheritdoc ModelKitApi.diff} */
  async diff(
    entity: ModelKitEntityName,
    from: string,
    to: string,
  ): Promise<ModelKitDiff> {
    return this.#get(
      `${this.#entityPath(entity)}/diff`,
      new URLSearchParams({ from, to }),
    );
  }

  /** {@inheritdoc ModelKitApi.getAttestations} */
  async getAttestations(
    entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitAttestationsResponse> {
    return this.#get(
      `${this.#entityPath(entity)}/versions/${encodeURIComponent(
        reference,
      )}/attestations`,
    );
  }

  /** {@inheritdoc ModelKitApi.getPolicyStatus} */
  async getPolicyStatus(
    entity: ModelKitEntityName,
    digests: readonly string[],
  ): Promise<ModelKitPolicyStatusResponse> {
    const unique = [...new Set(digests)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += MAX_POLICY_STATUS_DIGESTS) {
      batches.push(unique.slice(i, i + MAX_POLICY_STATUS_DIGESTS));
    }
    if (batches.length === 0) {
      // Still asked, so that an entity the caller may not read is reported as usual.
      batches.push([]);
    }
    const pages = await Promise.all(
      batches.map(batch =>
        this.#get<ModelKitPolicyStatusResponse>(
          `${this.#entityPath(entity)}/policy`,
          new URLSearchParams({ digests: batch.join(',') }),
        ),
      ),
    );
    return { ...pages[0], items: pages.flatMap(page => page.items) };
  }

  /** {@inheritdoc ModelKitApi.getLatestPolicyStatus} */
  async getLatestPolicyStatus(
    entity: ModelKitEntityName,
  ): Promise<ModelKitLatestPolicyStatusResponse> {
    return this.#get(`${this.#entityPath(entity)}/policy/latest`);
  }

  /** {@inheritdoc ModelKitApi.getLineage} */
  async getLineage(
    entity: ModelKitEntityName,
    options?: { version?: string; maxDepth?: number },
  ): Promise<ModelKitLineageResponse> {
    const query = new URLSearchParams();
    if (options?.version) query.set('version', options.version);
    if (options?.maxDepth !== undefined) {
      query.set('maxDepth', String(options.maxDepth));
    }
    return this.#get(`${this.#entityPath(entity)}/lineage`, query);
  }

  /** {@inheritdoc ModelKitApi.getComponentLineage} */
  async getComponentLineage(
    entity: ModelKitEntityName,
    options?: { maxDepth?: number },
  ): Promise<ComponentLineageResponse> {
    const query = new URLSearchParams();
    if (options?.maxDepth !== undefined) {
      query.set('maxDepth', String(options.maxDepth));
    }
    return this.#get(
      `/components/${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
        entity.name,
      )}/lineage`,
      query,
    );
  }

  /** {@inheritdoc ModelKitApi.getModelCard} */
  async getModelCard(
    entity: ModelKitEntityName,
    version: string,
  ): Promise<ModelKitModelCardResponse> {
    return this.#get(
      `${this.#entityPath(entity)}/versions/${encodeURIComponent(
        version,
      )}/model-card`,
    );
  }

  #entityPath(entity: ModelKitEntityName): string {
    return `/modelkits/${encodeURIComponent(
      entity.namespace,
    )}/${encodeURIComponent(entity.name)}`;
  }

  async #get<T>(path: string, query?: URLSearchParams): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('modelkit');
    const qs = query && [...query.keys()].length ? `?${query}` : '';
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}${qs}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
