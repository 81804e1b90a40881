import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { modelKitEntityV1alpha1Validator } from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs';
import yaml from 'yaml';
import {
  ActionInput,
  actionContext,
  loggedText,
  secretsIn,
} from '../__testUtils__/actionContext';
import { createWriteCatalogInfoAction } from './writeCatalogInfo';

const input = {
  name: 'support-sentiment',
  description: 'Sentiment of support tickets',
  owner: 'group:default/nlp-team',
  system: 'system:default/customer-insights',
  framework: 'transformers',
  license: 'Apache-2.0',
  modelKitRepository: 'registry.example.com/nlp/support-sentiment',
  namespace: 'nlp',
  baseModel: 'modelkit:default/sentiment-base',
  githubSlug: 'example/support-sentiment',
} satisfies ActionInput;

const TEMPLATE = 'template:default/modelkit-project';

describe('kitstage:catalog-info:write', () => {
  const mockDir = createMockDirectory();
  const workspace = mockDir.resolve('workspace');
  const action = createWriteCatalogInfoAction();

  beforeEach(() => {
    mockDir.setContent({ workspace: {}, outside: {} });
  });

  async function run(
    values: ActionInput,
    options: { isDryRun?: boolean } = {},
  ) {
    const ctx = actionContext(values, workspace, {
      ...options,
      templateEntityRef: TEMPLATE,
    });
    await action.handler(ctx as any);
    return ctx;
  }

  function entities(file = 'catalog-info.yaml'): any[] {
    return yaml
      .parseAllDocuments(fs.readFileSync(`${workspace}/${file}`, 'utf8'))
      .map(doc => doc.toJS());
  }

  it('writes the Component and its ModelKit with owner, system and lineage', async () => {
    const ctx = await run(input);
    const [component, modelKit, ...others] = entities();
    expect(others).toEqual([]);
    expect(component).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'support-sentiment',
        description: 'Sentiment of support tickets',
        tags: ['model', 'transformers'],
        annotations: {
          'backstage.io/kubernetes-id': 'support-sentiment',
          'backstage.io/kubernetes-namespace': 'nlp',
          'kitstage.dev/repository':
            'registry.example.com/nlp/support-sentiment',
          'github.com/project-slug': 'example/support-sentiment',
          'backstage.io/source-template': TEMPLATE,
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'group:default/nlp-team',
        system: 'system:default/customer-insights',
        dependsOn: ['modelkit:support-sentiment'],
      },
    });
    expect(modelKit.spec).toEqual({
      type: 'model',
      owner: 'group:default/nlp-team',
      lifecycle: 'experimental',
      repository: 'registry.example.com/nlp/support-sentiment',
      framework: 'transformers',
      license: 'Apache-2.0',
      baseModel: 'modelkit:default/sentiment-base',
      system: 'system:default/customer-insights',
    });
    await expect(modelKitEntityV1alpha1Validator.check(modelKit)).resolves.toBe(
      true,
    );
    expect(ctx.output).toHaveBeenCalledWith('path', 'catalog-info.yaml');
    expect(ctx.output).toHaveBeenCalledWith('entityRefs', [
      'component:default/support-sentiment',
      'modelkit:default/support-sentiment',
    ]);
  });

  it('records a Hugging Face base model as a ModelKit of its own, linked as baseModel', async () => {
    const ctx = await run({
      ...input,
      baseModel: '',
      system: '',
      huggingFace: { id: 'distilbert/distilbert-base-uncased', revision: '' },
    });
    const [component, modelKit, base] = entities();
    expect(component.spec.system).toBeUndefined();
    expect(modelKit.spec.baseModel).toBe('modelkit:support-sentiment-base');
    expect(base).toEqual(
      expect.objectContaining({
        kind: 'ModelKit',
        metadata: expect.objectContaining({
          name: 'support-sentiment-base',
          title: 'distilbert/distilbert-base-uncased (Hugging Face)',
          links: [
            {
              url: 'https://huggingface.co/distilbert/distilbert-base-uncased',
              title: 'Hugging Face model card',
            },
          ],
        }),
        spec: {
          type: 'model',
          owner: 'group:default/nlp-team',
          lifecycle: 'experimental',
          repository: 'registry.example.com/nlp/support-sentiment-base',
          framework: 'transformers',
        },
      }),
    );
    expect(base.metadata.description).toContain('at revision main');
    for (const entity of [modelKit, base]) {
      await expect(modelKitEntityV1alpha1Validator.check(entity)).resolves.toBe(
        true,
      );
    }
    expect(ctx.output).toHaveBeenCalledWith('entityRefs', [
      'component:default/support-sentiment',
      'modelkit:default/support-sentiment',
      'modelkit:default/support-sentiment-base',
    ]);
  });

  it('keeps a description with YAML and template syntax as one string value', async () => {
    const description =
      'a: b\n---\nkind: Secret\n${{ parameters.owner }} &x *x';
    await run({ ...input, description });
    const written = entities();
    expect(written.map(entity => entity.kind)).toEqual([
      'Component',
      'ModelKit',
    ]);
    expect(written.map(entity => entity.metadata.description)).toEqual([
      description,
      description,
    ]);
  });

  it.each([
    [{ owner: 'group:default/nlp team' }, /owner: must be an entity reference/],
    [{ lifecycle: 'Production' }, /lifecycle: must be a lowercase word/],
    [
      { modelKitRepository: 'registry.example.com/nlp/support-sentiment:1.0' },
      /modelKitRepository: must be an OCI repository/,
    ],
    [{ githubSlug: 'example' }, /githubSlug: must be owner\/repository/],
    [
      { huggingFace: { id: 'https://huggingface.co/distilbert' } },
      /huggingFace\.id: must be a Hugging Face id/,
    ],
  ])(
    'refuses %j with an InputError naming the field',
    async (change, message) => {
      const ctx = actionContext(
        { ...input, ...change } as ActionInput,
        workspace,
      );
      const attempt = action.handler(ctx as any);
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(message);
      expect(fs.readdirSync(workspace)).toEqual([]);
    },
  );

  it('refuses a repository the shared OCI parser rejects, naming the field and the reason', async () => {
    const ctx = actionContext(
      { ...input, modelKitRepository: 'registry.example.com:99999/nlp/x' },
      workspace,
    );
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /modelKitRepository: registry port 99999 is out of range \(1-65535\)/,
    );
    expect(fs.readdirSync(workspace)).toEqual([]);
  });

  it('refuses an entity the catalog would reject, with the ModelKit validator naming the field', async () => {
    // The form's pattern allows longer names than the catalog's 63 characters.
    const owner = `group:default/${'a'.repeat(70)}`;
    const ctx = actionContext({ ...input, owner }, workspace);
    const attempt = action.handler(ctx as any);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      /ModelKit support-sentiment would not be valid: .*spec\.owner: must be an entity reference/,
    );
    expect(fs.readdirSync(workspace)).toEqual([]);
  });

  it('writes the same file in a dry run, into the dry run workspace', async () => {
    await run(input);
    const written = fs.readFileSync(`${workspace}/catalog-info.yaml`, 'utf8');
    fs.rmSync(`${workspace}/catalog-info.yaml`);

    const ctx = await run(input, { isDryRun: true });
    expect(fs.readFileSync(`${workspace}/catalog-info.yaml`, 'utf8')).toBe(
      written,
    );
    expect(ctx.output).toHaveBeenCalledWith('path', 'catalog-info.yaml');
  });

  it.each(['../catalog-info.yaml', '/catalog-info.yaml'])(
    'refuses the path %j, naming the path field',
    async target => {
      const ctx = actionContext({ ...input, path: target }, workspace);
      await expect(action.handler(ctx as any)).rejects.toThrow(
        /path: must be a path relative to the project root/,
      );
      expect(fs.readdirSync(mockDir.resolve('outside'))).toEqual([]);
    },
  );

  it('refuses to overwrite a symbolic link planted at the file', async () => {
    fs.writeFileSync(mockDir.resolve('outside/victim.yaml'), 'original');
    fs.symlinkSync(
      mockDir.resolve('outside/victim.yaml'),
      `${workspace}/catalog-info.yaml`,
    );
    const ctx = actionContext(input, workspace);
    const attempt = action.handler(ctx as any);
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(
      'path "catalog-info.yaml" is a symbolic link',
    );
    expect(
      fs.readFileSync(mockDir.resolve('outside/victim.yaml'), 'utf8'),
    ).toBe('original');
  });

  it('logs no secret value of the task', async () => {
    const ctx = await run(input);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'Wrote catalog-info.yaml with component:default/support-sentiment, modelkit:default/support-sentiment',
    );
    expect(secretsIn(loggedText(ctx.logger))).toEqual([]);
    expect(
      secretsIn(fs.readFileSync(`${workspace}/catalog-info.yaml`, 'utf8')),
    ).toEqual([]);
  });

  it("names the project's repository as the Component's deploy repository, resolved through the host's SCM integration", async () => {
    const withIntegrations = createWriteCatalogInfoAction({
      config: new ConfigReader({
        integrations: {
          gitlab: [
            {
              host: 'git.corp:8443',
              baseUrl: 'http://git.corp:8443',
              apiBaseUrl: 'http://git.corp:8443/api/v4',
            },
          ],
        },
      }),
    });
    const write = async (repoUrl: string) => {
      const ctx = actionContext(
        { ...input, githubSlug: '', repoUrl },
        workspace,
        { templateEntityRef: TEMPLATE },
      );
      await withIntegrations.handler(ctx as any);
      return entities()[0].metadata.annotations;
    };
    expect(
      await write('git.corp:8443?owner=ml/nlp&repo=support-sentiment'),
    ).toMatchObject({
      'kitstage.dev/deploy-repository':
        'http://git.corp:8443/ml/nlp/support-sentiment.git#main',
    });
    expect(
      await write('github.com?owner=example&repo=support-sentiment'),
    ).toMatchObject({
      'kitstage.dev/deploy-repository':
        'https://github.com/example/support-sentiment.git#main',
    });
    await expect(write('git.other?owner=ml&repo=x')).rejects.toThrow(
      'repoUrl names the host git.other, which has no SCM integration',
    );
    await expect(
      write('git.corp:8443?owner=ml&repo=x/../../y'),
    ).rejects.toThrow(
      /repoUrl repo "x\/\.\.\/\.\.\/y" is not a repository name/,
    );
  });
});
