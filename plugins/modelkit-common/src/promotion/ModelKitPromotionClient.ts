import { ModelKitBackendClient } from '../client/ModelKitBackendClient';
import { encodeEntityName } from '../client/request';
import type { ModelKitEntityName } from '../client/types';
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
export class ModelKitPromotionClient
  extends ModelKitBackendClient
  implements ModelKitPromotionApi
{
  /** {@inheritdoc ModelKitPromotionApi.getEnvironments} */
  async getEnvironments(): Promise<{ items: PromotionEnvironment[] }> {
    return this.get('/environments');
  }

  /** {@inheritdoc ModelKitPromotionApi.evaluatePromotion} */
  async evaluatePromotion(
    component: ModelKitEntityName,
    request: PromotionEvaluationRequest,
  ): Promise<PromotionEvaluation> {
    return this.post(
      `/components/${encodeEntityName(component)}/promotions/evaluate`,
      request,
    );
  }

  /** {@inheritdoc ModelKitPromotionApi.getPromotionHistory} */
  async getPromotionHistory(
    component: ModelKitEntityName,
    options: { environment?: string } = {},
  ): Promise<PromotionHistoryResponse> {
    const query = new URLSearchParams();
    if (options.environment) query.set('environment', options.environment);
    return this.get(
      `/components/${encodeEntityName(component)}/promotions`,
      query,
    );
  }
}
