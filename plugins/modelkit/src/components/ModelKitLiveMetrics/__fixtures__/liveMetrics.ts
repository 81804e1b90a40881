import type {
  ComponentLiveMetricsResponse,
  DeployedModelKit,
  ModelKitAttestationsResponse,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';

export const REPOSITORY = 'registry.example.com/kitstage-demo/support-sentiment';
export const STABLE = `sha256:${'1'.repeat(64)}`;
export const CANARY = `sha256:${'2'.repeat(64)}`;

const entity = {
  ref: 'modelkit:default/support-sentiment',
  kind: 'ModelKit',
  namespace: 'default',
  name: 'support-sentiment',
};

export function deployed(digest: string, tag: string, traffic: number): DeployedModelKit {
  return {
    reference: `${REPOSITORY}:${tag}@${digest}`,
    repository: REPOSITORY,
    tag,
    digest,
    pinnedByDigest: true,
    digestFrom: 'reference',
    entity,
    foundIn: [],
    pods: 1,
    trafficPercent: traffic,
  };
}

export const canaryModelKits = [deployed(CANARY, 'v1.3.0', 10), deployed(STABLE, 'v1.2.0', 90)];

export const canaryMetrics: ComponentLiveMetricsResponse = {
  configured: true,
  time: 1_700_000_000,
  window: '5m',
  label: 'modelkit',
  unresolved: [],
  versions: [
    {
      repository: REPOSITORY,
      digest: STABLE,
      tags: ['v1.2.0'],
      entity,
      clusters: ['prod-eu'],
      trafficPercent: 90,
      labelValue: `support-sentiment@${STABLE}`,
      evaluatedAt: 1_700_000_000,
      metrics: {
        requestRate: 81,
        errorRatio: 0.0111,
        latency: { p50: 0.042, p95: 0.18, p99: 0.61 },
      },
    },
    {
      repository: REPOSITORY,
      digest: CANARY,
      tags: ['v1.3.0'],
      entity,
      clusters: ['prod-eu'],
      trafficPercent: 10,
      labelValue: `support-sentiment@${CANARY}`,
      evaluatedAt: 1_700_000_000,
      metrics: {
        requestRate: 9,
        errorRatio: 0.2,
        latency: { p50: 0.11, p95: 0.43, p99: null },
      },
    },
  ],
};

function scan(state: string, accuracy: number) {
  return {
    state,
    summary: {
      kind: 'scan-evaluation',
      scanEvaluation: {
        metrics: [{ name: 'accuracy', value: accuracy, threshold: { min: 0.9 }, passed: true }],
      },
    },
  };
}

/** The stable version has a verified scan; the canary's scan is signed by an untrusted key. */
export function attestationsOf(digest: string): ModelKitAttestationsResponse {
  return {
    repository: REPOSITORY,
    reference: digest,
    digest,
    report: {
      attestations:
        digest === STABLE
          ? [scan('verified', 0.94)]
          : [scan('untrusted-signer', 0.99)],
    },
  } as unknown as ModelKitAttestationsResponse;
}

/** Both Kitfiles declare an F1 score. */
export function versionOf(digest: string): ModelKitVersion {
  return {
    repository: REPOSITORY,
    reference: digest,
    digest,
    kitfile: {
      manifestVersion: '1.0.0',
      model: {
        path: 'model.onnx',
        parameters: { metrics: { f1: digest === STABLE ? 0.91 : 0.93, note: 'text' } },
      },
    },
  } as unknown as ModelKitVersion;
}
