import { buildDemoFleet } from '@kitstage/plugin-modelkit-node/testUtils';
import {
  ANNOTATION_OPERATED_BY,
  type KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { snapshotOf } from '../__testUtils__/snapshotOf';
import { matchService } from '../matching/matchService';
import { nameOf, namespaceOf } from '../matching/objects';
import { SnapshotIndex } from '../matching/SnapshotIndex';
import { actionRefusalOf } from './actionRefusals';
import { DELIVERY_RESOURCES } from '../matching/SnapshotIndex';

const DEMO_SERVICES = [
  'support-sentiment-api',
  'review-sentiment-service',
  'fraud-scoring',
];

const kustomization = (operatedBy?: string): KubernetesObjectLike => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: {
    name: 'api',
    namespace: 'flux-system',
    ...(operatedBy === undefined
      ? {}
      : { annotations: { [ANNOTATION_OPERATED_BY]: operatedBy } }),
  },
});

describe('actionRefusalOf', () => {
  // Every delivery object the demo's services show (Flux Kustomizations and HelmReleases
  // with their sources, Argo CD Applications) names its Component, so each takes its actions.
  it('refuses none of the delivery objects of the demo services to their Component', () => {
    const operable: string[] = [];
    for (const cluster of buildDemoFleet().clusters) {
      const snapshot = snapshotOf(cluster.name, cluster.objects);
      for (const service of DEMO_SERVICES) {
        const matched = matchService(SnapshotIndex.of(snapshot), {
          selector: { kubernetesId: service },
        });
        for (const resource of new Set(Object.values(DELIVERY_RESOURCES))) {
          for (const object of matched[resource] ?? []) {
            const ref = `component:default/${service}`;
            expect(
              actionRefusalOf(object, cluster.name, ref)?.message,
            ).toBeUndefined();
            // And to no other demo Component.
            expect(
              actionRefusalOf(object, cluster.name, 'component:default/other'),
            ).toBeDefined();
            operable.push(
              `${cluster.name} ${object.kind} ${namespaceOf(object)}/${nameOf(
                object,
              )}`,
            );
          }
        }
      }
    }
    expect(operable).toEqual(
      expect.arrayContaining([
        'prod-eu Kustomization flux-system/support-sentiment-api',
        'prod-eu GitRepository flux-system/support-sentiment-api',
        'prod-eu Application argocd/review-sentiment-service',
        'prod-us HelmRelease flux-system/fraud-scoring',
        'prod-us OCIRepository flux-system/fraud-scoring',
      ]),
    );
  });

  it('compares the annotation as entity references: short forms, any case, several names', () => {
    const own = 'component:default/fraud-scoring';
    for (const named of [
      'component:default/fraud-scoring',
      'Fraud-Scoring',
      'default/fraud-scoring',
      ' component:default/other , Component:Default/Fraud-Scoring ',
    ]) {
      expect(actionRefusalOf(kustomization(named), 'c', own)).toBeUndefined();
    }
    const refused = `Kustomization flux-system/api on cluster c does not name ${own} in a ${ANNOTATION_OPERATED_BY} annotation; actions are done only on a delivery object whose own ${ANNOTATION_OPERATED_BY} annotation names the Component, as only those who may change the object can set it`;
    for (const named of [
      '',
      'fraud-scoring-2',
      'group:default/fraud-scoring',
      'component:ml/fraud-scoring',
      'component:default/fraud-scoring/x',
      'fraud-scoring*',
    ]) {
      expect(actionRefusalOf(kustomization(named), 'c', own)?.message).toBe(
        refused,
      );
    }
    // Without the annotation, the same words: they tell neither whether an object has one
    // nor which Components it names.
    expect(actionRefusalOf(kustomization(), 'c', own)?.message).toBe(refused);
  });
});
