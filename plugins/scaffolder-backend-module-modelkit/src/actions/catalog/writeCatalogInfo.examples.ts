import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '../../lib/actionExamples';

/**
 * Examples of the `kitstage:catalog-info:write` action, listed with it in the portal; each one is run by the
 * examples test.
 *
 * @internal
 */
export const examples: TemplateExample[] = actionExamples(
  {
    id: 'catalog-info',
    action: 'kitstage:catalog-info:write',
    name: 'Write catalog-info.yaml',
  },
  [
    {
      description:
        'Write a Component and its ModelKit, fine-tuned from a ModelKit in the catalog',
      input: {
        name: 'support-sentiment',
        description: 'Sentiment of support tickets',
        owner: 'group:default/nlp-team',
        system: 'system:default/customer-insights',
        framework: 'transformers',
        license: 'Apache-2.0',
        modelKitRepository: 'registry.example.com/nlp/support-sentiment',
        namespace: 'nlp',
        baseModel: 'modelkit:default/sentiment-base',
        githubSlug: 'example/support-sentiment',
      },
    },
    {
      description:
        'Write a Component, its ModelKit and the ModelKit of a base model imported from Hugging Face',
      input: {
        name: 'review-summarizer',
        owner: 'group:default/nlp-team',
        framework: 'transformers',
        modelKitRepository: 'registry.example.com/nlp/review-summarizer',
        namespace: 'nlp',
        huggingFace: {
          id: 'google-t5/t5-small',
          revision: 'main',
          modelKitRepository: 'registry.example.com/nlp/review-summarizer-base',
        },
      },
    },
  ],
);
