import { ResponseError } from '@backstage/errors';
import type {
  ModelKitClientDiscovery,
  ModelKitClientFetch,
  ModelKitEntityName,
} from '../api/ModelKitClient';
import type {
  PromotionEnvironment,
  PromotionEvaluation,
  PromotionEvaluationRequest,
  PromotionHistoryResponse,
} from './types';

/**
 * The promotion part of the Kitstage backend API, as the frontend uses it.
 *
 * @public
 */
export interface ModelKitPromotionApi {
  /** The environments of `kitstage.environments`, with their gates. */
  getEnvironments(): Promise<{ items: PromotionEnvironment[] }>;
  /** Every gate of a promotion for the signed-in user, without writing anything. */
  evaluatePromotion(
    component: ModelKitEntityName,
    request: PromotionEvaluationRequest,
  ): Promise<PromotionEvaluation>;
  /** The promotions of a Component, newest first, optionally of one environment. */
  getPromotionHistory(
    component: ModelKitEntityName,
    options?: { environment?: string },
  ): Promise<PromotionHistoryResponse>;
}

/**
 * Typed HTTP client for the promotion routes of the `modelkit` backend plugin:
 * `GET /environments`, `POST /components/:namespace/:name/promotions/evaluate` and
 * `GET /components/:namespace/:name/promotions?environment=`.
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

  /** {@inheritdoc ModelKitPromotionApi.getEnvironments} */
  async getEnvironments(): Promise<{ items: PromotionEnvironment[] }> {
    return this.#request('/environments');
  }

  /** {@inheritdoc ModelKitPromotionApi.evaluatePromotion} */
  async evaluatePromotion(
    component: ModelKitEntityName,
    request: PromotionEvaluationRequest,
  ): Promise<PromotionEvaluation> {
    return this.#request(
      `/components/${componentPath(component)}/promotions/evaluate`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      },
    );
  }

  /** {@inheritdoc ModelKitPromotionApi.getPromotionHistory} */
  async getPromotionHistory(
    component: ModelKitEntityName,
    options: { environment?: string } = {},
  ): Promise<PromotionHistoryResponse> {
    const query = options.environment
      ? `?${new URLSearchParams({ environment: options.environment })}`
      : '';
    return this.#request(
      `/components/${componentPath(component)}/promotions${query}`,
    );
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

function componentPath(entity: ModelKitEntityName): string {
  return `${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
    entity.name,
  )}`;
}
