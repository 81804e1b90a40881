import {
  backendApisOf,
  encodeEntityName,
  ModelKitBackendApis,
  requestModelKitBackend,
} from '../client/request';
import type {
  ModelKitClientOptions,
  ModelKitEntityName,
} from '../client/types';
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
  readonly #apis: ModelKitBackendApis;

  constructor(options: ModelKitClientOptions) {
    this.#apis = backendApisOf(options);
  }

  /** {@inheritdoc ModelKitPromotionApi.getEnvironments} */
  async getEnvironments(): Promise<{ items: PromotionEnvironment[] }> {
    return requestModelKitBackend(this.#apis, '/environments');
  }

  /** {@inheritdoc ModelKitPromotionApi.evaluatePromotion} */
  async evaluatePromotion(
    component: ModelKitEntityName,
    request: PromotionEvaluationRequest,
  ): Promise<PromotionEvaluation> {
    return requestModelKitBackend(
      this.#apis,
      `/components/${encodeEntityName(component)}/promotions/evaluate`,
      {
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        },
      },
    );
  }

  /** {@inheritdoc ModelKitPromotionApi.getPromotionHistory} */
  async getPromotionHistory(
    component: ModelKitEntityName,
    options: { environment?: string } = {},
  ): Promise<PromotionHistoryResponse> {
    const query = new URLSearchParams();
    if (options.environment) query.set('environment', options.environment);
    return requestModelKitBackend(
      this.#apis,
      `/components/${encodeEntityName(component)}/promotions`,
      { query },
    );
  }
}
