import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorResult,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import path from 'node:path';
import { ModelKitEntityProcessor } from './ModelKitEntityProcessor';

const examplesFile = path.resolve(
  __dirname,
  '../../../../examples/modelkits.yaml',
);
const location: LocationSpec = { type: 'file', target: examplesFile };

/** The demo ModelKits, read the way the catalog reads a file location. */
function readExamples(): Map<string, Entity> {
  const entities = new Map<string, Entity>();
  for (const result of parseEntityYaml(
    fs.readFileSync(examplesFile),
    location,
  )) {
    if (result.type !== 'entity') {
      throw new Error(`Unexpected ${result.type} result in ${examplesFile}`);
    }
    entities.set(result.entity.metadata.name, result.entity);
  }
  return entities;
}

function modelKit(spec: Record<string, unknown>, namespace?: string): Entity {
  return {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name: 'support-sentiment', ...(namespace && { namespace }) },
    spec: {
      owner: 'group:nlp-team',
      lifecycle: 'production',
      repository: 'registry.example.com/kitstage-demo/support-sentiment',
      ...spec,
    },
  } as Entity;
}

async function emitted(entity: Entity): Promise<CatalogProcessorResult[]> {
  const results: CatalogProcessorResult[] = [];
  const returned = await new ModelKitEntityProcessor().postProcessEntity(
    entity,
    location,
    result => results.push(result),
  );
  expect(returned).toBe(entity);
  return results;
}

function relation(
  source: [string, string, string],
  type: string,
  target: [string, string, string],
): CatalogProcessorResult {
  return {
    type: 'relation',
    relation: {
      source: { kind: source[0], namespace: source[1], name: source[2] },
      type,
      target: { kind: target[0], namespace: target[1], name: target[2] },
    },
  };
}

describe('ModelKitEntityProcessor', () => {
  const processor = new ModelKitEntityProcessor();
  const examples = readExamples();

  describe('validateEntityKind', () => {
    it('finds the six demo ModelKits', () => {
      expect([...examples.keys()]).toEqual([
        'sentiment-base',
        'support-tickets',
        'product-reviews',
        'support-sentiment',
        'review-sentiment',
        'fraud-detector',
      ]);
    });

    it.each([...examples])(
      'accepts the demo ModelKit %s',
      async (_, entity) => {
        await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
      },
    );

    it('returns false for other kinds, so other processors decide', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'support-sentiment-api' },
          spec: { type: 'service', owner: 'nlp-team', lifecycle: 'production' },
        }),
      ).resolves.toBe(false);
    });

    const base = modelKit({});
    it.each<[string, Entity, string]>([
      [
        'owner is missing',
        { ...base, spec: { ...base.spec, owner: undefined } },
        'spec.owner: Required',
      ],
      [
        'owner is not an entity reference',
        modelKit({ owner: 'group:nlp team' }),
        'spec.owner: must be an entity reference [<kind>:][<namespace>/]<name> such as "group:nlp-team", got "group:nlp team"',
      ],
      [
        'lifecycle is missing',
        { ...base, spec: { ...base.spec, lifecycle: undefined } },
        'spec.lifecycle: Required',
      ],
      [
        'repository is missing',
        { ...base, spec: { ...base.spec, repository: undefined } },
        'spec.repository: Required',
      ],
      [
        'repository has a tag',
        modelKit({ repository: 'x:1' }),
        'spec.repository: must be an OCI repository without tag or digest, got "x:1" (a repository names no tag or digest, but this one names tag "1")',
      ],
      [
        'repository has a digest',
        modelKit({ repository: `team/model@sha256:${'b'.repeat(64)}` }),
        `spec.repository: must be an OCI repository without tag or digest, got "team/model@sha256:${'b'.repeat(
          64,
        )}" (a repository names no tag or digest, but this one names digest "sha256:${'b'.repeat(
          64,
        )}")`,
      ],
      [
        'repository has upper-case path components',
        modelKit({ repository: 'registry.example.com/Team/model' }),
        'spec.repository: must be an OCI repository without tag or digest, got "registry.example.com/Team/model" (repository "Team/model" must be lowercase)',
      ],
      [
        'type is not a lowercase word',
        modelKit({ type: 'Model' }),
        'spec.type: must be a lowercase word such as "model" or "dataset", got "Model"',
      ],
      [
        'framework is not a string',
        modelKit({ framework: 4 }),
        'spec.framework: Invalid input: expected string, received number',
      ],
      [
        'license is empty',
        modelKit({ license: '' }),
        'spec.license: must not be empty',
      ],
      [
        'baseModel is not an entity reference',
        modelKit({ baseModel: 'modelkit:' }),
        'spec.baseModel: must be an entity reference [<kind>:][<namespace>/]<name> such as "modelkit:sentiment-base", got "modelkit:"',
      ],
      [
        'datasets is not a list',
        modelKit({ datasets: 'modelkit:support-tickets' }),
        'spec.datasets: Invalid input: expected array, received string',
      ],
      [
        'datasets has an item that is not an entity reference',
        modelKit({ datasets: ['modelkit:support-tickets', ''] }),
        'spec.datasets[1]: must be an entity reference [<kind>:][<namespace>/]<name> such as "modelkit:support-tickets", got ""',
      ],
      [
        'system is not an entity reference',
        modelKit({ system: 'system:/customer-insights' }),
        'spec.system: must be an entity reference [<kind>:][<namespace>/]<name> such as "customer-insights", got "system:/customer-insights"',
      ],
    ])('rejects a ModelKit when spec.%s', async (_problem, entity, message) => {
      await expect(processor.validateEntityKind(entity)).rejects.toMatchObject({
        name: 'InputError',
        message,
      });
    });
  });

  describe('postProcessEntity', () => {
    it('emits ownership, lineage and system relations both ways', async () => {
      const self: [string, string, string] = [
        'ModelKit',
        'default',
        'support-sentiment',
      ];
      await expect(
        emitted(examples.get('support-sentiment')!),
      ).resolves.toEqual([
        relation(self, 'ownedBy', ['group', 'default', 'nlp-team']),
        relation(['group', 'default', 'nlp-team'], 'ownerOf', self),
        relation(self, 'dependsOn', ['modelkit', 'default', 'sentiment-base']),
        relation(
          ['modelkit', 'default', 'sentiment-base'],
          'dependencyOf',
          self,
        ),
        relation(self, 'dependsOn', ['modelkit', 'default', 'support-tickets']),
        relation(
          ['modelkit', 'default', 'support-tickets'],
          'dependencyOf',
          self,
        ),
        relation(self, 'partOf', ['System', 'default', 'customer-insights']),
        relation(['System', 'default', 'customer-insights'], 'hasPart', self),
      ]);
    });

    it('emits one dependency per dataset', async () => {
      const self: [string, string, string] = [
        'ModelKit',
        'default',
        'review-sentiment',
      ];
      const results = await emitted(examples.get('review-sentiment')!);
      expect(
        results.filter(
          r => r.type === 'relation' && r.relation.type === 'dependsOn',
        ),
      ).toEqual([
        relation(self, 'dependsOn', ['modelkit', 'default', 'sentiment-base']),
        relation(self, 'dependsOn', ['modelkit', 'default', 'product-reviews']),
        relation(self, 'dependsOn', ['modelkit', 'default', 'support-tickets']),
      ]);
    });

    it('fills in default kinds and the namespace of the ModelKit', async () => {
      const self: [string, string, string] = [
        'ModelKit',
        'ml',
        'support-sentiment',
      ];
      await expect(
        emitted(
          modelKit(
            {
              owner: 'nlp-team',
              baseModel: 'sentiment-base',
              datasets: ['data/support-tickets', 'resource:tickets-bucket'],
              system: 'customer-insights',
            },
            'ml',
          ),
        ),
      ).resolves.toEqual([
        relation(self, 'ownedBy', ['Group', 'ml', 'nlp-team']),
        relation(['Group', 'ml', 'nlp-team'], 'ownerOf', self),
        relation(self, 'dependsOn', ['ModelKit', 'ml', 'sentiment-base']),
        relation(['ModelKit', 'ml', 'sentiment-base'], 'dependencyOf', self),
        relation(self, 'dependsOn', ['ModelKit', 'data', 'support-tickets']),
        relation(['ModelKit', 'data', 'support-tickets'], 'dependencyOf', self),
        relation(self, 'dependsOn', ['resource', 'ml', 'tickets-bucket']),
        relation(['resource', 'ml', 'tickets-bucket'], 'dependencyOf', self),
        relation(self, 'partOf', ['System', 'ml', 'customer-insights']),
        relation(['System', 'ml', 'customer-insights'], 'hasPart', self),
      ]);
    });

    it('emits only ownership for a ModelKit without lineage or system', async () => {
      const self: [string, string, string] = [
        'ModelKit',
        'default',
        'support-sentiment',
      ];
      await expect(
        emitted(modelKit({ owner: 'user:jane.doe' })),
      ).resolves.toEqual([
        relation(self, 'ownedBy', ['user', 'default', 'jane.doe']),
        relation(['user', 'default', 'jane.doe'], 'ownerOf', self),
      ]);
    });

    it('leaves other kinds alone', async () => {
      await expect(
        emitted({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'support-sentiment-api' },
          spec: {
            type: 'service',
            owner: 'group:nlp-team',
            lifecycle: 'production',
            system: 'customer-insights',
          },
        }),
      ).resolves.toEqual([]);
    });
  });
});
