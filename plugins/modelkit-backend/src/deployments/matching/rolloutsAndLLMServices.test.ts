// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import '../__testUtils__/allowNativeDynamicImport';
import type {
  ComponentDeploymentCard,
  ComponentDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  fixtureModelKitDigest,
  KubernetesObject,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { component, DEMO_REGISTRY, group } from '../__fixtures__/catalog';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from '../__testUtils__/startDeploymentsTestBackend';

// A Component whose model goes out as an Argo Rollouts canary, one served by a KServe
// LLMInferenceService (v1alpha1 on one cluster, v1alpha2 on another) and one whose Rollout
// has no status yet, read through the real Kubernetes backend from the simulator: health,
// reasons naming object and field, and the ModelKit digest of each side.

const API = '/api/modelkit/deployments';
const now = new Date('2025-06-01T12:00:00Z');
const fraud = (tag: string) => ({
  repository: `${DEMO_REGISTRY}/fraud-detector`,
  tag,
});
const review = {
  repository: `${DEMO_REGISTRY}/review-sentiment`,
  tag: 'v0.3.0',
};
const digest = (m: { repository: string; tag: string }) =>
  fixtureModelKitDigest(m.repository, m.tag);

jest.setTimeout(60_000);

/** The LLMInferenceService scenario, as KServe v1alpha2 serves it. */
function asV1alpha2(objects: KubernetesObject[]): KubernetesObject[] {
  return objects.map(object => {
    if (object.kind === 'LLMInferenceService') {
      return { ...object, apiVersion: 'serving.kserve.io/v1alpha2' };
    }
    const owners = object.metadata.ownerReferences as
      | Array<Record<string, unknown>>
      | undefined;
    return owners?.some(o => o.kind === 'LLMInferenceService')
      ? {
          ...object,
          metadata: {
            ...object.metadata,
            ownerReferences: owners.map(o => ({
              ...o,
              apiVersion: 'serving.kserve.io/v1alpha2',
            })),
          },
        }
      : object;
  });
}

describe('Argo Rollouts and KServe LLMInferenceServices', () => {
  let cluster: KubernetesSimulator;
  let newer: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  beforeAll(async () => {
    const llm = (name: string) =>
      buildServiceScenario('healthy', {
        service: 'review-sentiment-service',
        namespace: 'nlp',
        modelKit: review,
        workload: 'llm-inference-service',
        cluster: name,
        now,
      });
    cluster = await startKubernetesSimulator({
      objects: [
        ...buildServiceScenario('rollout-canary', {
          service: 'fraud-scoring',
          namespace: 'risk',
          modelKit: fraud('v1.2.1'),
          previousModelKit: fraud('v1.2.0'),
          delivery: 'argocd',
          cluster: 'edge',
          now,
        }),
        ...llm('edge'),
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          metadata: {
            name: 'half-made',
            namespace: 'risk',
            labels: { 'backstage.io/kubernetes-id': 'half-made' },
          },
          spec: { strategy: { canary: { steps: 'not a list' } } },
        },
      ],
    });
    newer = await startKubernetesSimulator({
      objects: asV1alpha2(llm('newer')),
      resources: [
        {
          group: 'serving.kserve.io',
          version: 'v1alpha2',
          kind: 'LLMInferenceService',
          plural: 'llminferenceservices',
          singular: 'llminferenceservice',
          namespaced: true,
        },
      ],
    });
    backend = await startDeploymentsTestBackend({
      clusters: [
        { name: 'edge', url: cluster.url, token: cluster.token },
        { name: 'newer', url: newer.url, token: newer.token },
      ],
      entities: [
        group('risk-team'),
        group('nlp-team'),
        component('fraud-scoring', 'group:risk-team'),
        component('review-sentiment-service', 'group:nlp-team'),
        component('half-made', 'group:risk-team'),
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
    await newer?.close();
  });

  async function cardsOf(
    name: string,
  ): Promise<Record<string, ComponentDeploymentCard>> {
    const response = await backend.get(`${API}/components/default/${name}`);
    expect(response.status).toBe(200);
    const body = response.body as ComponentDeploymentsResponse;
    return Object.fromEntries(body.clusters.map(c => [c.cluster.name, c]));
  }

  it('shows a Rollout canary: its step and weight, and the digest of the stable and the canary version', async () => {
    const card = (await cardsOf('fraud-scoring')).edge;
    expect(card.status).toBe('progressing');
    expect(card.reasons.map(r => r.code)).toEqual([
      'argocd-operation-running',
      'argocd-progressing',
      'rollout-canary',
      'analysis-run-running',
    ]);
    expect(card.reasons[2]).toMatchObject({
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        namespace: 'risk',
        name: 'fraud-scoring',
      },
      message: expect.stringMatching(
        /^Rollout risk\/fraud-scoring is in a canary update at step 2 of 4 \(an analysis\): 20 % of traffic to the canary \(pod hash \w+\), 80 % to the stable version \(pod hash \w+\) \(status\.canary\.weights\)$/,
      ),
    });
    expect(card.reasons[3].object).toMatchObject({ kind: 'AnalysisRun' });

    expect(
      card.modelKits.map(m => [
        m.tag,
        m.digest,
        m.rolloutRole,
        m.trafficPercent,
      ]),
    ).toEqual([
      ['v1.2.1', digest(fraud('v1.2.1')), 'canary', 20],
      ['v1.2.0', digest(fraud('v1.2.0')), 'stable', 80],
    ]);
    expect(card.modelKits[0].foundIn[0]).toMatchObject({
      object: { kind: 'Rollout', name: 'fraud-scoring' },
      via: 'kit-unpack',
      field: 'spec.template.spec.initContainers[0].command',
    });
    expect(card.modelKits[1].foundIn[0].object.kind).toBe('ReplicaSet');

    const [workload] = card.workloads;
    expect(workload.object).toMatchObject({ kind: 'Rollout' });
    expect(workload.rollout).toEqual({
      strategy: 'canary',
      phase: 'Progressing',
      paused: false,
      aborted: false,
      currentStepIndex: 1,
      stepCount: 4,
      canaryWeight: 20,
      canaryHash: expect.any(String),
      stableHash: expect.any(String),
    });
    expect(workload.pods.total).toBe(6);
    expect(card.deliveries.map(d => [d.controller, d.object.kind])).toEqual([
      ['argocd', 'Application'],
    ]);
  });

  it('shows an LLMInferenceService and the ModelKit it serves as an OCI model, in v1alpha1 and v1alpha2', async () => {
    const cards = await cardsOf('review-sentiment-service');
    for (const [name, apiVersion] of [
      ['edge', 'serving.kserve.io/v1alpha1'],
      ['newer', 'serving.kserve.io/v1alpha2'],
    ]) {
      const card = cards[name];
      expect([name, card.status, card.reasons]).toEqual([name, 'healthy', []]);
      expect(card.workloads).toEqual([
        expect.objectContaining({
          object: expect.objectContaining({
            apiVersion,
            kind: 'LLMInferenceService',
            name: 'review-sentiment-service',
          }),
          modelUri: `oci://${review.repository}:v0.3.0@${digest(review)}`,
          pods: expect.objectContaining({ total: 1, ready: 1 }),
        }),
      ]);
      expect(card.modelKits).toHaveLength(1);
      expect(card.modelKits[0]).toMatchObject({
        repository: review.repository,
        tag: 'v0.3.0',
        digest: digest(review),
        pinnedByDigest: true,
      });
      expect(
        card.modelKits[0].foundIn.map(f => [f.object.kind, f.via, f.field]),
      ).toEqual([
        ['LLMInferenceService', 'oci-uri', 'spec.model.uri'],
        [
          'Deployment',
          'image-volume',
          'spec.template.spec.volumes[1].image.reference',
        ],
      ]);
    }
  });

  it('lists each new kind once per cluster', () => {
    for (const resource of [
      'rollouts.argoproj.io',
      'analysisruns.argoproj.io',
      'llminferenceservices.serving.kserve.io',
    ]) {
      expect([
        resource,
        cluster.countRequests({ verb: 'list', resource }),
      ]).toEqual([resource, 1]);
    }
  });

  it('does not crash on a Rollout its controller has not reported on', async () => {
    const card = (await cardsOf('half-made')).edge;
    expect(card.status).toBe('unknown');
    expect(card.reasons).toEqual([
      expect.objectContaining({
        code: 'status-missing',
        message:
          'Rollout risk/half-made has no status yet: its controller has not reported on it',
      }),
    ]);
    expect(card.workloads[0].rollout).toEqual({
      strategy: 'canary',
      paused: false,
      aborted: false,
      canaryWeight: 0,
    });
  });
});
