import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import yaml from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
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
      const ctx = actionContext(step.input, mockDir.path);
      await action.handler(ctx as any);
      const [[, files]] = ctx.output.mock.calls.filter(
        ([name]) => name === 'files',
      );
      expect(files.length).toBeGreaterThan(3);
      for (const file of files) {
        const documents = yaml.parseAllDocuments(
          fs.readFileSync(mockDir.resolve(file), 'utf8'),
        );
        expect(documents.flatMap(doc => doc.errors)).toEqual([]);
        expect(documents.map(doc => doc.toJS().kind)).not.toContain(undefined);
      }
    },
  );
});
