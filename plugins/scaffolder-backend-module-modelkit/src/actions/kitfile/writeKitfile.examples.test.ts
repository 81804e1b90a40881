import { createMockDirectory } from '@backstage/backend-test-utils';
import { parseKitfile } from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs';
import yaml from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { createWriteKitfileAction } from './writeKitfile';
import { examples } from './writeKitfile.examples';

describe('writeKitfile examples', () => {
  const mockDir = createMockDirectory();
  afterEach(() => mockDir.clear());

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_, example) => {
      const action = createWriteKitfileAction();
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = actionContext(step.input, mockDir.path);
      await action.handler(ctx as any);
      expect(ctx.output).toHaveBeenCalledWith('path', 'Kitfile');
      const kitfile = parseKitfile(
        fs.readFileSync(mockDir.resolve('Kitfile'), 'utf8'),
        { strict: true },
      );
      expect(kitfile.package?.name).toBe(step.input.name);
    },
  );
});
