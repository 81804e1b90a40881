import { Entity } from '@backstage/catalog-model';
import { ModelKitEntityV1alpha1 } from '@kitstage/plugin-modelkit-common';

/** A fine-tuned ModelKit that sets every field, with its catalog relations. */
export const fineTunedModelKit: ModelKitEntityV1alpha1 = {
  apiVersion: 'kitstage.dev/v1alpha1',
  kind: 'ModelKit',
  metadata: {
    name: 'support-sentiment',
    namespace: 'default',
    title: 'Support sentiment (fine-tune)',
    description: 'sentiment-base fine-tuned on **support tickets**',
    tags: ['nlp', 'fine-tune'],
    annotations: {
      'backstage.io/edit-url':
        'https://git.example.com/ml/models/edit/main/catalog-info.yaml',
      'backstage.io/source-location':
        'url:https://git.example.com/ml/models/tree/main/',
    },
  },
  spec: {
    type: 'model',
    owner: 'group:nlp-team',
    lifecycle: 'production',
    repository: 'registry.example.com:5000/kitstage-demo/support-sentiment',
    framework: 'transformers',
    license: 'Apache-2.0',
    baseModel: 'modelkit:sentiment-base',
    datasets: ['support-tickets', 'modelkit:research/product-reviews'],
    system: 'customer-insights',
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/nlp-team' },
    { type: 'dependsOn', targetRef: 'modelkit:default/sentiment-base' },
    { type: 'dependsOn', targetRef: 'modelkit:default/support-tickets' },
    { type: 'dependsOn', targetRef: 'modelkit:research/product-reviews' },
    { type: 'dependencyOf', targetRef: 'component:default/sentiment-api' },
    { type: 'partOf', targetRef: 'system:default/customer-insights' },
  ],
};

/** A ModelKit with only the required spec fields and no relations. */
export const minimalModelKit: ModelKitEntityV1alpha1 = {
  apiVersion: 'kitstage.dev/v1alpha1',
  kind: 'ModelKit',
  metadata: { name: 'fraud-detector' },
  spec: {
    owner: 'user:jdoe',
    lifecycle: 'experimental',
    repository: 'registry.example.com/risk/fraud-detector',
  },
};

/** A component, which the ModelKit cards must not appear on. */
export const serviceComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'sentiment-api' },
  spec: { type: 'service', owner: 'group:nlp-team', lifecycle: 'production' },
};
