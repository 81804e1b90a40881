import { ResponseError } from '@backstage/errors';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ModelKitClientDiscovery,
  ModelKitClientFetch,
  ModelKitEntityName,
  PromotionEnvironment,
  PromotionEvaluation,
  PromotionEvaluationRequest,
  PromotionHistoryResponse,
} from '@kitstage/plugin-modelkit-common';

/**
 * The promotion routes of the `modelkit` backend as the frontend uses them.
 *
 * @public
 */
export interface ModelKitPromotionApi {
  /** The environments of `kitstage.environments` with their gates. */
  listEnvironments(): Promise<{ items: PromotionEnvironment[] }>;
  /** Every gate of a promotion for the signed-in user; nothing is written. */
  evaluate(
    component: ModelKitEntityName,
    request: PromotionEvaluationRequest,
  ): Promise<PromotionEvaluation>;
  /**
   * The promotions of a Component read from the Git history of its overlays, newest first;
   * only those of one environment when `environment` is given.
   */
  getHistory(
    component: ModelKitEntityName,
    options?: { environment?: string },
  ): Promise<PromotionHistoryResponse>;
}

/**
 * Typed HTTP client for the promotion routes of the `modelkit` backend plugin.
 *
 * @public
 */
export class ModelKitPromotionClient implements ModelKitPromotionApi {
  readonly #discoveryApi: ModelKitClientDiscovery;
  readonly #fetchApi: ModelKitClientFetch;

  constructor(options: {
    discoveryApi: ModelKitClientDiscovery;
    fetchApi: ModelKitClientFetch;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /** {@inheritdoc ModelKitPromotionApi.listEnvironments} */
  async listEnvironments(): Promise<{ items: PromotionEnvironment[] }> {
    return this.#request('/environments');
  }

  /** {@inheritdoc ModelKitPromotionApi.evaluate} */
  async evaluate(
    component: ModelKitEntityName,
    request: PromotionEvaluationRequest,
  ): Promise<PromotionEvaluation> {
    return this.#request(`${componentPath(component)}/promotions/evaluate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  /** {@inheritdoc ModelKitPromotionApi.getHistory} */
  async getHistory(
    component: ModelKitEntityName,
    options?: { environment?: string },
  ): Promise<PromotionHistoryResponse> {
    const query = options?.environment
      ? `?${new URLSearchParams({ environment: options.environment })}`
      : '';
    return this.#request(`${componentPath(component)}/promotions${query}`);
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('modelkit');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function componentPath(component: ModelKitEntityName): string {
  return `/components/${encodeURIComponent(
    component.namespace,
  )}/${encodeURIComponent(component.name)}`;
}

/**
 * The API the promotion views read environments, gate evaluations and the promotion history
 * through. The plugin provides a {@link ModelKitPromotionClient}; apps may override it.
 *
 * @public
 */
export const modelkitPromotionApiRef =
  createApiRef<ModelKitPromotionApi>().with({
    id: 'plugin.modelkit.promotion',
    pluginId: 'modelkit',
  });
