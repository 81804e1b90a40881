import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import yaml from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { createWriteWorkflowAction } from './writeWorkflow';
import { examples } from './writeWorkflow.examples';

describe('writeWorkflow examples', () => {
  const mockDir = createMockDirectory();
  afterEach(() => mockDir.clear());

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_, example) => {
      const action = createWriteWorkflowAction();
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = actionContext(step.input, mockDir.path);
      await action.handler(ctx as any);
      const path = '.github/workflows/modelkit.yaml';
      expect(ctx.output).toHaveBeenCalledWith('path', path);
      const workflow = yaml.parse(
        fs.readFileSync(mockDir.resolve(path), 'utf8'),
      );
      expect(workflow.jobs.modelkit.steps.length).toBeGreaterThan(5);
      expect(workflow.env.MODELKIT_REPOSITORY).toBe(
        step.input.modelKitRepository,
      );
    },
  );
});
