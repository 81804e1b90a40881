import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { createWriteManifestsAction } from './writeManifests';
import { examples } from './writeManifests.examples';

describe('writeManifests examples', () => {
  const mockDir = createMockDirectory();
  afterEach(() => mockDir.clear());

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_, example) => {
      const action = createWriteManifestsAction();
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: mockDir.path,
      });
      await action.handler(ctx as any);
      const written = Object.keys(mockDir.content() ?? {});
      expect(written.length).toBeGreaterThan(0);
      expect(ctx.output).toHaveBeenCalled();
    },
  );
});
