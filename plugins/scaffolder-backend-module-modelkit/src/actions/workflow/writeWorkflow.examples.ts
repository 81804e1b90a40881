import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '../../lib/actionExamples';

/**
 * Examples of the `kitstage:workflow:write` action, listed with it in the portal; each one is run by the
 * examples test.
 *
 * @internal
 */
export const examples: TemplateExample[] = actionExamples(
  {
    id: 'workflow',
    action: 'kitstage:workflow:write',
    name: 'Write the CI workflow',
  },
  [
    {
      description:
        'Write the CI workflow of a project served by a FastAPI runtime image, pinning each build in staging',
      input: {
        name: 'churn-model',
        servingStyle: 'fastapi',
        modelKitRepository: 'registry.example.com/ml/churn-model',
        imageRepository: 'registry.example.com/ml/churn-model-server',
      },
    },
    {
      description:
        'Write the CI workflow of a KServe project whose base model CI imports from Hugging Face',
      input: {
        name: 'support-sentiment',
        servingStyle: 'kserve',
        modelKitRepository: 'registry.example.com/nlp/support-sentiment',
        deployEnvironment: 'staging',
        huggingFace: {
          id: 'distilbert/distilbert-base-uncased',
          revision: 'main',
          modelKitReference:
            'registry.example.com/nlp/support-sentiment-base:main',
        },
      },
    },
  ],
);
