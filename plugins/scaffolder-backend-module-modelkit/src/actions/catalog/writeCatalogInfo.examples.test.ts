import { createMockDirectory } from '@backstage/backend-test-utils';
import { modelKitEntityV1alpha1Validator } from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs';
import yaml from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { createWriteCatalogInfoAction } from './writeCatalogInfo';
import { examples } from './writeCatalogInfo.examples';

describe('writeCatalogInfo examples', () => {
  const mockDir = createMockDirectory();
  afterEach(() => mockDir.clear());

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_, example) => {
      const action = createWriteCatalogInfoAction();
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = actionContext(step.input, mockDir.path);
      await action.handler(ctx as any);
      expect(ctx.output).toHaveBeenCalledWith('path', 'catalog-info.yaml');
      const entities = yaml
        .parseAllDocuments(
          fs.readFileSync(mockDir.resolve('catalog-info.yaml'), 'utf8'),
        )
        .map(doc => doc.toJS());
      expect(entities[0].kind).toBe('Component');
      const modelKits = entities.slice(1);
      expect(modelKits.map(entity => entity.kind)).not.toContain('Component');
      for (const modelKit of modelKits) {
        await expect(
          modelKitEntityV1alpha1Validator.check(modelKit),
        ).resolves.toBe(true);
      }
    },
  );
});
