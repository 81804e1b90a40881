import { Entity, entityKindSchemaValidator } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  invalidModelKitEntities,
  validModelKitEntity,
} from './__fixtures__/invalidModelKitEntities';
import { modelKitEntityV1alpha1JsonSchema } from './modelKitEntityV1alpha1JsonSchema';

// The JSON schema and the zod schema describe the same kind: each must accept the demo data
// and reject every invalid case the zod validator rejects.
describe('modelKitEntityV1alpha1JsonSchema', () => {
  const validate = entityKindSchemaValidator(modelKitEntityV1alpha1JsonSchema);

  it('accepts the demo ModelKits', () => {
    const examples = parseAllDocuments(
      fs.readFileSync(
        path.resolve(__dirname, '../../../../examples/modelkits.yaml'),
        'utf8',
      ),
    ).map(document => document.toJS() as Entity);
    expect(examples).toHaveLength(6);
    for (const entity of examples) {
      expect(validate(entity)).toBe(entity);
    }
  });

  it('returns false for other kinds, as catalog validators do', () => {
    expect(validate({ ...validModelKitEntity(), kind: 'Component' })).toBe(
      false,
    );
  });

  it.each(invalidModelKitEntities.map(c => [c.problem, c] as const))(
    'rejects a ModelKit when %s',
    (_problem, { entity, message }) => {
      // "spec.datasets[1]: ..." is reported by ajv as "/spec/datasets/1 ...", and a missing
      // field by its parent as "... must have required property 'owner'".
      const field = message.slice(0, message.indexOf(':'));
      const pointer = `/${field
        .replace(/\[(\d+)\]/g, '.$1')
        .replace(/\./g, '/')}`;
      const last = pointer.slice(pointer.lastIndexOf('/') + 1);
      expect(() => validate(entity)).toThrow(TypeError);
      expect(() => validate(entity)).toThrow(
        new RegExp(`^(?:${pointer} |.* must have required property '${last}')`),
      );
    },
  );
});
