import { buildDemoFleet } from '@kitstage/plugin-modelkit-node/testUtils';
import { snapshotOf } from '../__testUtils__/snapshotOf';
import { matchService, ServiceMatcher } from '../matching/matchService';
import { nameOf, namespaceOf } from '../matching/objects';
import { SnapshotIndex } from '../matching/SnapshotIndex';
import { actionRefusalOf } from './actionRefusals';
import { DELIVERY_RESOURCES } from './findDeliveryObject';

const DEMO_SERVICES = [
  'support-sentiment-api',
  'review-sentiment-service',
  'fraud-scoring',
];

const matcherOf = (service: string): ServiceMatcher => ({
  selector: { kubernetesId: service },
});

describe('actionRefusalOf', () => {
  // The demo's services are delivered the ways Kitstage reads (Flux Kustomizations and
  // HelmReleases with their sources, Argo CD Applications, over Deployments, Argo Rollouts,
  // InferenceServices and LLMInferenceServices): every delivery object their views show must
  // be linked to them by what its controller records, so every one takes its actions.
  it('refuses none of the delivery objects of the demo services', () => {
    const all = new Map(
      DEMO_SERVICES.map(s => [`component:default/${s}`, matcherOf(s)]),
    );
    const operable: string[] = [];
    for (const cluster of buildDemoFleet().clusters) {
      const snapshot = snapshotOf(cluster.name, cluster.objects);
      for (const service of DEMO_SERVICES) {
        const matched = matchService(
          SnapshotIndex.of(snapshot),
          matcherOf(service),
        );
        for (const resource of new Set(Object.values(DELIVERY_RESOURCES))) {
          for (const object of matched[resource] ?? []) {
            const refusal = actionRefusalOf(
              { object, resource, snapshot },
              matcherOf(service),
              `component:default/${service}`,
              all,
            );
            expect(refusal?.message).toBeUndefined();
            operable.push(
              `${cluster.name} ${object.kind} ${namespaceOf(object)}/${nameOf(
                object,
              )}`,
            );
          }
        }
      }
    }
    // Each kind of delivery the demo has, on each cluster it runs on.
    expect(operable).toEqual(
      expect.arrayContaining([
        'prod-eu Kustomization flux-system/support-sentiment-api',
        'prod-eu GitRepository flux-system/support-sentiment-api',
        'prod-eu Application argocd/review-sentiment-service',
        'prod-us HelmRelease flux-system/fraud-scoring',
      ]),
    );
  });

  it("refuses every demo delivery object to a Component whose own workload's labels name them", () => {
    const prodEu = buildDemoFleet().clusters.find(c => c.name === 'prod-eu')!;
    const spoof = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'spoof',
        namespace: 'attack',
        labels: {
          'backstage.io/kubernetes-id': 'spoof',
          'kustomize.toolkit.fluxcd.io/name': 'support-sentiment-api',
          'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
          'helm.toolkit.fluxcd.io/name': 'fraud-scoring',
          'helm.toolkit.fluxcd.io/namespace': 'flux-system',
          'app.kubernetes.io/instance': 'review-sentiment-service',
        },
      },
    };
    const snapshot = snapshotOf('prod-eu', [...prodEu.objects, spoof]);
    const matched = matchService(
      SnapshotIndex.of(snapshot),
      matcherOf('spoof'),
    );
    const refused: string[] = [];
    for (const resource of new Set(Object.values(DELIVERY_RESOURCES))) {
      for (const object of matched[resource] ?? []) {
        const refusal = actionRefusalOf(
          { object, resource, snapshot },
          matcherOf('spoof'),
          'component:default/spoof',
          new Map([['component:default/spoof', matcherOf('spoof')]]),
        );
        expect(refusal?.name).toBe('NotAllowedError');
        refused.push(`${object.kind} ${nameOf(object)}`);
      }
    }
    expect(refused.sort()).toEqual([
      'Application review-sentiment-service',
      'GitRepository support-sentiment-api',
      'HelmRelease fraud-scoring',
      'Kustomization support-sentiment-api',
      'OCIRepository fraud-scoring',
    ]);
  });
});
