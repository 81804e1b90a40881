import type {
  ModelKitEntityName,
  ModelKitPromotionApi,
  PromotionEnvironment,
  PromotionEvaluation,
  PromotionEvaluationRequest,
  PromotionHistoryEntry,
  PromotionHistoryResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  digests,
  repository,
} from '@kitstage/plugin-modelkit-react/testUtils';

/** The environments of the demo configuration. */
export const environments: PromotionEnvironment[] = [
  { name: 'staging', title: 'Staging', overlayPath: 'deploy/overlays/staging' },
  {
    name: 'production',
    title: 'Production',
    overlayPath: 'deploy/overlays/production',
    policy: 'production',
    forbiddenLifecycles: ['experimental'],
  },
];

const prUrl = (n: number) =>
  `https://github.com/kitstage-demo/support-sentiment-api/pull/${n}`;

function entry(
  environment: string,
  commit: string,
  committedAt: string,
  digest: string | undefined,
  previousDigest: string | undefined,
  extra: Partial<PromotionHistoryEntry> = {},
): PromotionHistoryEntry {
  return {
    environment,
    commit: commit.padEnd(40, '0'),
    subject: `Promote support-sentiment to ${environment}`,
    committedAt,
    author: { name: 'Ada Lovelace', email: 'ada@example.com' },
    ...(digest && { reference: `${repository}@${digest}`, digest }),
    ...(previousDigest && { previousDigest }),
    ...extra,
  };
}

/**
 * The production overlay went v1.0.0 (PR 7) → v1.1.0 (PR 9) → v1.2.0 (PR 12);
 * staging has only ever run v1.2.0. Out of order on purpose: the views sort.
 */
export const historyEntries: PromotionHistoryEntry[] = [
  entry('production', 'b2', '2026-11-22T15:30:00Z', digests.v110, digests.v100, {
    pullRequest: { number: 9, url: prUrl(9) },
    author: { name: 'Grace Hopper', email: 'grace@example.com' },
  }),
  entry('staging', 'a1', '2026-11-23T08:00:00Z', digests.v120, undefined, {
    pullRequest: { number: 11 },
  }),
  entry('production', 'b3', '2026-11-24T10:00:00Z', digests.v120, digests.v110, {
    pullRequest: { number: 12, url: prUrl(12) },
  }),
  entry('production', 'b1', '2026-11-20T09:00:00Z', digests.v100, undefined, {
    pullRequest: { number: 7, url: prUrl(7) },
  }),
];

export function historyResponse(
  entries: PromotionHistoryEntry[] = historyEntries,
): PromotionHistoryResponse {
  return {
    componentEntityRef: 'component:default/support-sentiment-api',
    repository: 'https://github.com/kitstage-demo/support-sentiment-api',
    branch: 'main',
    entries,
    truncated: false,
  };
}

/** An in-memory promotion API over the fixtures. */
export class FixtureModelKitPromotionApi implements ModelKitPromotionApi {
  readonly historyCalls: ModelKitEntityName[] = [];

  constructor(
    private readonly data: {
      environments?: PromotionEnvironment[];
      history?: PromotionHistoryResponse;
      historyError?: Error;
    } = {},
  ) {}

  async getEnvironments() {
    return { items: this.data.environments ?? environments };
  }

  async evaluatePromotion(
    component: ModelKitEntityName,
    request: PromotionEvaluationRequest,
  ): Promise<PromotionEvaluation> {
    throw new Error(
      `No evaluation of ${component.name} ${request.version} in the fixtures`,
    );
  }

  async getPromotionHistory(component: ModelKitEntityName) {
    this.historyCalls.push(component);
    if (this.data.historyError) {
      throw this.data.historyError;
    }
    return this.data.history ?? historyResponse();
  }
}
