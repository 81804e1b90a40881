import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { parseKitfile } from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs';
import {
  ActionInput,
  actionContext,
  loggedText,
  secretsIn,
} from '../__testUtils__/actionContext';
import { createWriteKitfileAction } from './writeKitfile';

const input: ActionInput = {
  name: 'churn-model',
  version: '1.2.0',
  description: 'Predicts customer churn',
  authors: ['ML team'],
  license: 'Apache-2.0',
  framework: 'sklearn',
  datasets: [{ name: 'training', path: 'data/', description: 'Training data' }],
};

describe('kitstage:kitfile:write', () => {
  const mockDir = createMockDirectory();
  const workspace = mockDir.resolve('workspace');
  const action = createWriteKitfileAction();

  beforeEach(() => {
    mockDir.setContent({ workspace: {}, outside: {} });
  });

  async function run(
    values: ActionInput,
    options: { isDryRun?: boolean } = {},
  ) {
    const ctx = actionContext(values, workspace, options);
    await action.handler(ctx as any);
    return ctx;
  }

  function readKitfile(file = 'Kitfile') {
    return parseKitfile(fs.readFileSync(`${workspace}/${file}`, 'utf8'), {
      strict: true,
    });
  }

  it('writes a Kitfile that parses strictly, with every section, and reports where', async () => {
    const ctx = await run(input);
    expect(readKitfile()).toEqual({
      manifestVersion: '1.0.0',
      package: {
        name: 'churn-model',
        version: '1.2.0',
        description: 'Predicts customer churn',
        license: 'Apache-2.0',
        authors: ['ML team'],
      },
      model: {
        name: 'churn-model',
        path: 'model/',
        framework: 'sklearn',
        version: '1.2.0',
        license: 'Apache-2.0',
      },
      code: [
        {
          path: 'code/',
          description: 'Inference server',
          license: 'Apache-2.0',
        },
      ],
      datasets: [
        { name: 'training', path: 'data/', description: 'Training data' },
      ],
      docs: [{ path: 'README.md', description: 'Project documentation' }],
    });
    expect(ctx.output).toHaveBeenCalledWith('path', 'Kitfile');
    expect(ctx.output).toHaveBeenCalledWith('modelPath', 'model/');
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'Wrote Kitfile for ModelKit package churn-model 1.2.0',
    );
  });

  it('builds on a base ModelKit: model.path holds the reference and the own weights become a part', async () => {
    const ctx = await run({
      ...input,
      model: {
        path: 'weights/',
        baseModel: 'registry.example.com/ml/churn-base@sha256:'.concat(
          'a'.repeat(64),
        ),
      },
    });
    const kitfile = readKitfile();
    expect(kitfile.model).toEqual({
      name: 'churn-model',
      path: `registry.example.com/ml/churn-base@sha256:${'a'.repeat(64)}`,
      framework: 'sklearn',
      version: '1.2.0',
      license: 'Apache-2.0',
      parts: [
        {
          name: 'churn-model-weights',
          path: 'weights/',
          type: 'weights',
          license: 'Apache-2.0',
        },
      ],
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'modelPath',
      `registry.example.com/ml/churn-base@sha256:${'a'.repeat(64)}`,
    );
  });

  it('leaves out what the template passes as blank', async () => {
    await run({
      ...input,
      description: '',
      license: '',
      model: { baseModel: '' },
    });
    const kitfile = readKitfile();
    expect(kitfile.package).toEqual({
      name: 'churn-model',
      version: '1.2.0',
      authors: ['ML team'],
    });
    expect(kitfile.model?.path).toBe('model/');
  });

  it('keeps a description with YAML, template and shell syntax as one string value', async () => {
    const description =
      'line one\nmodel: {path: /etc}\n--- &a !!str ${{ secrets.X }} {{ 7 * 7 }} $(id) "q" \'s\'';
    await run({ ...input, description });
    const kitfile = readKitfile();
    expect(kitfile.package?.description).toBe(description);
    expect(kitfile.model?.path).toBe('model/');
    expect(Object.keys(kitfile)).toEqual([
      'manifestVersion',
      'package',
      'model',
      'code',
      'datasets',
      'docs',
    ]);
  });

  it.each([
    [{ name: 'Churn_Model' }, /name: must be lowercase letters/],
    [{ version: '1.0' }, /version: must be a semantic version/],
    [{ framework: 'keras' }, /framework: Invalid enum value/],
    [{ license: 'Apache 2.0' }, /license: must be an SPDX license identifier/],
    [
      { model: { baseModel: 'registry.example.com/ml/churn-base' } },
      /model\.baseModel: must name a tag or digest/,
    ],
    [
      { model: { baseModel: 'registry.example.com:70000/ml/base:1' } },
      /model\.baseModel: registry port 70000 is out of range/,
    ],
    [
      { datasets: [{ name: 'Training Data', path: 'data/' }] },
      /datasets\.0\.name: must be a DNS-1123 label/,
    ],
    [
      { description: 'x'.repeat(1001) },
      /description: String must contain at most 1000/,
    ],
  ])(
    'refuses %j with an InputError naming the field',
    async (change, message) => {
      const ctx = actionContext({ ...input, ...change }, workspace);
      const attempt = action.handler(ctx as any);
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(message);
      expect(fs.readdirSync(workspace)).toEqual([]);
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('writes the same Kitfile in a dry run, into the dry run workspace', async () => {
    await run(input);
    const written = fs.readFileSync(`${workspace}/Kitfile`, 'utf8');
    fs.rmSync(`${workspace}/Kitfile`);

    const ctx = await run(input, { isDryRun: true });
    expect(fs.readFileSync(`${workspace}/Kitfile`, 'utf8')).toBe(written);
    expect(ctx.output).toHaveBeenCalledWith('path', 'Kitfile');
  });

  it('writes to another path inside the workspace', async () => {
    const ctx = await run({ ...input, path: 'packaging/Kitfile' });
    expect(readKitfile('packaging/Kitfile').package?.name).toBe('churn-model');
    expect(ctx.output).toHaveBeenCalledWith('path', 'packaging/Kitfile');
  });

  it.each([
    '../Kitfile',
    'packaging/../../Kitfile',
    '/tmp/Kitfile',
    './Kitfile',
  ])('refuses the path %j, naming the path field', async target => {
    const ctx = actionContext({ ...input, path: target }, workspace);
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /path: must be a path relative to the project root/,
    );
    expect(fs.readdirSync(mockDir.resolve('outside'))).toEqual([]);
    expect(fs.readdirSync(workspace)).toEqual([]);
  });

  it('refuses to write through a symbolic link that leads out of the workspace', async () => {
    fs.symlinkSync(mockDir.resolve('outside'), `${workspace}/packaging`);
    const ctx = actionContext(
      { ...input, path: 'packaging/Kitfile' },
      workspace,
    );
    const attempt = action.handler(ctx as any);
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(/symbolic link "packaging"/);
    expect(fs.readdirSync(mockDir.resolve('outside'))).toEqual([]);
  });

  it('logs no secret value of the task', async () => {
    const ctx = await run(input);
    expect(ctx.logger.info).toHaveBeenCalled();
    expect(secretsIn(loggedText(ctx.logger))).toEqual([]);
    expect(secretsIn(fs.readFileSync(`${workspace}/Kitfile`, 'utf8'))).toEqual(
      [],
    );
  });
});
