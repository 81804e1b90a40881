import { ENTITY_REF_PATTERN } from './entityRef';
import {
  MODELKIT_API_VERSION_V1ALPHA1,
  MODELKIT_KIND,
} from './ModelKitEntityV1alpha1';
import { OCI_REPOSITORY_PATTERN } from './ociRepository';

const entityRef = (description: string, examples: string[]) => ({
  type: 'string',
  description,
  examples,
  pattern: ENTITY_REF_PATTERN,
});

/**
 * JSON schema (draft-07) of {@link ModelKitEntityV1alpha1}, in the form the catalog's
 * `entityKindSchemaValidator` takes (it refers to the catalog's `Entity` schema). It accepts
 * what {@link modelKitEntityV1alpha1Validator} accepts, for tools that speak JSON schema such as
 * editors; the validator gives the clearer error messages.
 *
 * @public
 */
export const modelKitEntityV1alpha1JsonSchema: Readonly<
  Record<string, unknown>
> = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'ModelKitEntityV1alpha1',
  description:
    'A ModelKit is a packaged model, dataset or other ML artifact kept in an OCI registry repository. One entity stands for one repository and all its versions.',
  examples: [
    {
      apiVersion: MODELKIT_API_VERSION_V1ALPHA1,
      kind: MODELKIT_KIND,
      metadata: {
        name: 'support-sentiment',
        title: 'Support sentiment (fine-tune)',
      },
      spec: {
        type: 'model',
        owner: 'group:nlp-team',
        lifecycle: 'production',
        repository: 'registry.example.com/kitstage-demo/support-sentiment',
        framework: 'transformers',
        license: 'Apache-2.0',
        baseModel: 'modelkit:sentiment-base',
        datasets: ['modelkit:support-tickets'],
        system: 'customer-insights',
      },
    },
  ],
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [MODELKIT_API_VERSION_V1ALPHA1] },
        kind: { enum: [MODELKIT_KIND] },
        spec: {
          type: 'object',
          required: ['owner', 'lifecycle', 'repository'],
          properties: {
            type: {
              type: 'string',
              description:
                'What the ModelKit packages: model, dataset or another lowercase word.',
              examples: ['model', 'dataset'],
              pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$',
            },
            owner: entityRef(
              'An entity reference to the owner of the ModelKit; the kind defaults to Group.',
              ['group:nlp-team', 'user:jane.doe'],
            ),
            lifecycle: {
              type: 'string',
              description: 'The lifecycle stage of the ModelKit.',
              examples: ['experimental', 'production', 'deprecated'],
              minLength: 1,
            },
            repository: {
              type: 'string',
              description:
                'The OCI repository holding the versions of the ModelKit, without tag or digest.',
              examples: [
                'registry.example.com/team/sentiment',
                'localhost:5000/sentiment',
              ],
              pattern: OCI_REPOSITORY_PATTERN,
            },
            framework: {
              type: 'string',
              description: 'The ML framework of the model.',
              examples: ['transformers', 'pytorch', 'sklearn'],
              minLength: 1,
            },
            license: {
              type: 'string',
              description:
                'The license of the packaged artifact, preferably an SPDX identifier.',
              examples: ['Apache-2.0', 'CC-BY-4.0'],
              minLength: 1,
            },
            baseModel: entityRef(
              'An entity reference to the ModelKit this one was derived from; the kind defaults to ModelKit.',
              ['modelkit:sentiment-base'],
            ),
            datasets: {
              type: 'array',
              description:
                'Entity references to the datasets the ModelKit was built from; the kind defaults to ModelKit.',
              items: entityRef('An entity reference to a dataset.', [
                'modelkit:support-tickets',
              ]),
            },
            system: entityRef(
              'An entity reference to the system the ModelKit belongs to; the kind defaults to System.',
              ['customer-insights'],
            ),
          },
        },
      },
    },
  ],
};
