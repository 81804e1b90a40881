import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '../../lib/actionExamples';

/**
 * Examples of the `kitstage:kitfile:write` action, listed with it in the portal; each one is run by the
 * examples test.
 *
 * @internal
 */
export const examples: TemplateExample[] = actionExamples(
  {
    id: 'kitfile',
    action: 'kitstage:kitfile:write',
    name: 'Write the Kitfile',
  },
  [
    {
      description: 'Write a Kitfile for a new scikit-learn model',
      input: {
        name: 'churn-model',
        description: 'Predicts customer churn from account activity',
        license: 'Apache-2.0',
        framework: 'sklearn',
        datasets: [
          {
            name: 'training',
            path: 'data/',
            description: 'Training data',
          },
        ],
      },
    },
    {
      description:
        'Write a Kitfile for a fine-tune that builds on a ModelKit from the registry',
      input: {
        name: 'support-sentiment',
        version: '1.0.0',
        description: 'sentiment-base fine-tuned on support tickets',
        authors: ['NLP team'],
        license: 'Apache-2.0',
        framework: 'transformers',
        model: {
          path: 'model/',
          baseModel: 'registry.example.com/kitstage-demo/sentiment-base:1.2.0',
        },
        code: [{ path: 'code/', description: 'FastAPI inference server' }],
        datasets: [
          {
            name: 'support-tickets',
            path: 'data/',
            license: 'CC-BY-4.0',
          },
        ],
        docs: [
          { path: 'README.md' },
          { path: 'docs/', description: 'Model card' },
        ],
      },
    },
  ],
);
