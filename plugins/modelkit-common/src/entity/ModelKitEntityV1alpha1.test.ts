import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  invalidModelKitEntities,
  validModelKitEntity,
} from './__fixtures__/invalidModelKitEntities';
import {
  isModelKitEntity,
  modelKitEntityV1alpha1Schema,
  modelKitEntityV1alpha1Validator,
} from './ModelKitEntityV1alpha1';

const examplesFile = path.resolve(
  __dirname,
  '../../../../examples/modelkits.yaml',
);

function readExamples(): Entity[] {
  return parseAllDocuments(fs.readFileSync(examplesFile, 'utf8')).map(
    document => document.toJS() as Entity,
  );
}

describe('modelKitEntityV1alpha1Validator', () => {
  const examples = readExamples();

  it('reads the demo ModelKits', () => {
    expect(examples.map(e => e.metadata.name)).toEqual([
      'sentiment-base',
      'support-tickets',
      'product-reviews',
      'support-sentiment',
      'review-sentiment',
      'fraud-detector',
    ]);
  });

  it.each(examples.map(e => [e.metadata.name, e] as const))(
    'accepts the demo ModelKit %s',
    async (_name, entity) => {
      await expect(modelKitEntityV1alpha1Validator.check(entity)).resolves.toBe(
        true,
      );
    },
  );

  it('accepts a ModelKit with only the required fields', async () => {
    const entity: Entity = {
      apiVersion: 'kitstage.dev/v1alpha1',
      kind: 'ModelKit',
      metadata: { name: 'minimal' },
      spec: {
        owner: 'ml-platform',
        lifecycle: 'experimental',
        repository: 'minimal',
      },
    };
    await expect(modelKitEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
  });

  it('accepts fields it does not know, so newer entities keep working', async () => {
    const entity = validModelKitEntity();
    entity.spec!.task = 'text-classification';
    await expect(modelKitEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
  });

  it.each(invalidModelKitEntities.map(c => [c.problem, c] as const))(
    'rejects a ModelKit when %s',
    async (_problem, { entity, message }) => {
      await expect(
        modelKitEntityV1alpha1Validator.check(entity),
      ).rejects.toMatchObject({ name: 'InputError', message });
    },
  );

  it('names every bad field at once', async () => {
    const entity = validModelKitEntity();
    delete entity.spec!.owner;
    entity.spec!.repository = 'x:1';
    await expect(modelKitEntityV1alpha1Validator.check(entity)).rejects.toThrow(
      'spec.owner: Required; spec.repository: must be an OCI repository without tag or digest, got "x:1"',
    );
  });

  it('leaves other kinds and API versions to other validators', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'support-sentiment-api' },
      spec: { type: 'service', owner: 'nlp-team', lifecycle: 'production' },
    };
    const futureModelKit = {
      ...validModelKitEntity(),
      apiVersion: 'kitstage.dev/v1beta1',
    };
    await expect(
      modelKitEntityV1alpha1Validator.check(component),
    ).resolves.toBe(false);
    await expect(
      modelKitEntityV1alpha1Validator.check(futureModelKit),
    ).resolves.toBe(false);
  });
});

describe('isModelKitEntity', () => {
  it('recognises ModelKit entities by apiVersion and kind', () => {
    const entity = validModelKitEntity();
    expect(isModelKitEntity(entity)).toBe(true);
    expect(isModelKitEntity({ ...entity, kind: 'Component' })).toBe(false);
    expect(
      isModelKitEntity({ ...entity, apiVersion: 'backstage.io/v1alpha1' }),
    ).toBe(false);
  });
});

describe('modelKitEntityV1alpha1Schema', () => {
  it('keeps unknown fields of the entity and its spec', () => {
    const entity = validModelKitEntity();
    entity.spec!.task = 'text-classification';
    const parsed = modelKitEntityV1alpha1Schema.parse(entity);
    expect(parsed).toEqual(entity);
  });
});
