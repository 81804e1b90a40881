import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '../../lib/actionExamples';

/**
 * Examples of the `kitstage:manifests:write` action, listed with it in the portal; each one is run by the
 * examples test.
 *
 * @internal
 */
export const examples: TemplateExample[] = actionExamples(
  {
    id: 'manifests',
    action: 'kitstage:manifests:write',
    name: 'Write the manifests',
  },
  [
    {
      description:
        'Write a Deployment whose kit unpack init container fetches the model and code, with a staging overlay on the tag CI replaces, a production overlay that runs nothing until its first promotion, and their Flux objects',
      input: {
        name: 'churn-model',
        namespace: 'ml-serving',
        servingStyle: 'init-container',
        framework: 'sklearn',
        modelKit: { repository: 'registry.example.com/ml/churn-model' },
        image: { repository: 'registry.example.com/ml/churn-model-server' },
        replicas: 2,
        resources: {
          requests: { cpu: '500m', memory: '1Gi' },
          limits: { cpu: '2', memory: '2Gi' },
          gpu: 0,
        },
        environments: ['staging', 'production'],
        flux: {
          gitUrl: 'https://github.com/example/churn-model',
          branch: 'main',
          clusterPath: 'clusters',
        },
      },
    },
    {
      description:
        'Write a KServe InferenceService that loads the ModelKit through a kit:// storage URI, on one GPU, in production alone (which runs nothing until its first promotion)',
      input: {
        name: 'support-sentiment',
        namespace: 'nlp',
        servingStyle: 'kserve',
        framework: 'transformers',
        modelKit: {
          repository: 'registry.example.com/nlp/support-sentiment',
          tag: '1.0.0',
        },
        resources: {
          requests: { cpu: '1', memory: '8Gi' },
          limits: { cpu: '4', memory: '16Gi' },
          gpu: 1,
        },
        environments: ['production'],
        flux: {
          gitUrl: 'https://github.com/example/support-sentiment',
          interval: '10m',
          timeout: '15m',
        },
      },
    },
  ],
);
