import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import yaml from 'yaml';
import {
  ActionInput,
  actionContext,
  loggedText,
  secretsIn,
} from '../__testUtils__/actionContext';
import { createWriteWorkflowAction } from './writeWorkflow';

const input = {
  name: 'churn-model',
  servingStyle: 'fastapi',
  modelKitRepository: 'registry.example.com/ml/churn-model',
  imageRepository: 'registry.example.com/ml/churn-model-server',
} satisfies ActionInput;

const huggingFace = {
  id: 'distilbert/distilbert-base-uncased',
  revision: 'main',
  modelKitReference: 'registry.example.com/ml/churn-model-base:main',
};

const WORKFLOW = '.github/workflows/modelkit.yaml';

describe('kitstage:workflow:write', () => {
  const mockDir = createMockDirectory();
  const workspace = mockDir.resolve('workspace');
  const action = createWriteWorkflowAction();

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

  function readText(file = WORKFLOW) {
    return fs.readFileSync(`${workspace}/${file}`, 'utf8');
  }

  function steps(workflow: any): any[] {
    return Object.values<any>(workflow.jobs).flatMap(job => job.steps);
  }

  it('writes a workflow that packs, pushes, signs, attests, builds the image and pins the digest', async () => {
    const ctx = await run(input);
    const workflow = yaml.parse(readText());
    expect(Object.keys(workflow.jobs)).toEqual(['modelkit', 'image', 'deploy']);
    expect(workflow.env).toEqual({
      REGISTRY: 'registry.example.com',
      MODELKIT_REPOSITORY: 'registry.example.com/ml/churn-model',
      IMAGE_REPOSITORY: 'registry.example.com/ml/churn-model-server',
      DEPLOY_ENVIRONMENT: 'staging',
      KIT_VERSION: 'v1.7.0',
    });
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.push['paths-ignore']).toEqual([
      'deploy/**',
      'catalog-info.yaml',
    ]);
    expect(workflow.jobs.modelkit.permissions['id-token']).toBe('write');
    expect(workflow.jobs.modelkit.steps.map((step: any) => step.name)).toEqual([
      'Check out',
      'Install the Kit CLI',
      'Install cosign',
      'Log in to the registry',
      'Pack the ModelKit',
      'Push the ModelKit',
      'Sign the ModelKit',
      'Attest the build provenance of the ModelKit',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('path', WORKFLOW);
    expect(ctx.logger.info).toHaveBeenCalledWith(`Wrote ${WORKFLOW}`);
  });

  it('builds a runtime image that holds no ModelKit, and pins it and the ModelKit in the init container and the server', async () => {
    await run(input);
    const workflow = yaml.parse(readText());
    // The image neither waits for nor reads the ModelKit: pods fetch it at start.
    expect(workflow.jobs.image.needs).toBeUndefined();
    const build = workflow.jobs.image.steps.find(
      (step: any) => step.id === 'build',
    );
    expect(build.env).toBeUndefined();
    expect(build.run).not.toMatch(/MODELKIT_REF|--build-arg|--secret/);
    const pin = workflow.jobs.deploy.steps.find(
      (step: any) => step.name === 'Update the ModelKit reference',
    ).run;
    expect(pin).toContain(
      '(.spec.template.spec.initContainers[] | select(.name == "modelkit")',
    );
    expect(pin).toContain(
      '(.spec.template.spec.containers[] | select(.name == "server")',
    );
    expect(pin).toContain('.digest = strenv(IMAGE_DIGEST)');
    expect(workflow.jobs.deploy.needs).toEqual(['modelkit', 'image']);
  });

  it('pins nothing when deployEnvironment is blank: it packs, pushes, signs and attests only', async () => {
    await run({ ...input, deployEnvironment: '' });
    const workflow = yaml.parse(readText());
    expect(Object.keys(workflow.jobs)).toEqual(['modelkit', 'image']);
    expect(workflow.env.DEPLOY_ENVIRONMENT).toBeUndefined();
    expect(readText()).not.toMatch(/git push|contents: write|deploy\/overlays/);
  });

  it('refuses to pin builds into a gated environment, naming deployEnvironment', async () => {
    const ctx = actionContext(
      { ...input, deployEnvironment: 'production' },
      workspace,
    );
    const attempt = action.handler(ctx as any);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      /^Invalid input to kitstage:workflow:write: deployEnvironment: production is gated \(the default while kitstage\.environments configures no environment\): only a promotion, after its gates, may change its overlay.* Name an ungated environment \(staging\)/,
    );
    expect(fs.readdirSync(workspace)).toEqual([]);
  });

  describe('with the gates of kitstage.environments', () => {
    /** The root config, with `kitstage.environments` and the policy production names. */
    function config(environments?: JsonObject[]) {
      return new ConfigReader({
        kitstage: {
          policies: {
            lifecycles: {
              production: { rules: [{ id: 'signed', require: 'signature' }] },
            },
          },
          ...(environments ? { environments } : {}),
        },
      });
    }

    async function attempt(
      environments: JsonObject[] | undefined,
      deployEnvironment: string,
    ) {
      const ctx = actionContext({ ...input, deployEnvironment }, workspace);
      await createWriteWorkflowAction({
        config: config(environments),
      }).handler(ctx as any);
      return yaml.parse(readText());
    }

    const gatingStaging = [
      { name: 'staging', forbiddenLifecycles: ['experimental'] },
      { name: 'production', policy: 'production' },
    ];

    it('refuses to pin builds into staging when its lifecycle rules gate it, naming them', async () => {
      const refused = attempt(gatingStaging, 'staging');
      await expect(refused).rejects.toThrow(InputError);
      await expect(refused).rejects.toThrow(
        /^Invalid input to kitstage:workflow:write: deployEnvironment: staging is gated \(its lifecycle rules\): only a promotion, after its gates, may change its overlay, so CI never pins a build into it\. Every environment is gated: leave deployEnvironment blank to pin nothing$/,
      );
      await expect(attempt(gatingStaging, 'production')).rejects.toThrow(
        /deployEnvironment: production is gated \(its policy production\)/,
      );
      expect(fs.readdirSync(workspace)).toEqual([]);
    });

    it('refuses an environment whose overlay a gated entry promotes into, under another name', async () => {
      await expect(
        attempt(
          [
            {
              name: 'prod',
              overlayPath: 'deploy/overlays/staging',
              allowedLifecycles: ['production'],
            },
          ],
          'staging',
        ),
      ).rejects.toThrow(
        /deployEnvironment: staging is gated \(the lifecycle rules of prod, which promotes into deploy\/overlays\/staging\)/,
      );
      expect(fs.readdirSync(workspace)).toEqual([]);
    });

    it('pins into an environment kitstage.environments lists without a gate, but never into production', async () => {
      const ungated = [{ name: 'staging' }, { name: 'production' }];
      const workflow = await attempt(ungated, 'staging');
      expect(workflow.env.DEPLOY_ENVIRONMENT).toBe('staging');
      expect(Object.keys(workflow.jobs)).toEqual([
        'modelkit',
        'image',
        'deploy',
      ]);
      // Who may change production is decided by the promote permission, which CI would bypass.
      await expect(attempt(ungated, 'production')).rejects.toThrow(
        /deployEnvironment: production is gated \(production always is, with or without gates in kitstage\.environments: who may change it is decided by the promote permission\).* Name an ungated environment \(staging\), or leave deployEnvironment blank/,
      );
      const blank = await attempt(gatingStaging, '');
      expect(Object.keys(blank.jobs)).toEqual(['modelkit', 'image']);
    });

    it("chooses, from the project's environments, the first one that is not gated, or none", async () => {
      async function chosen(
        environments: JsonObject[] | undefined,
        projectEnvironments: string[],
      ) {
        const ctx = actionContext(
          { ...input, environments: projectEnvironments },
          workspace,
        );
        await createWriteWorkflowAction({
          config: config(environments),
        }).handler(ctx as any);
        const workflow = yaml.parse(readText());
        return workflow.env.DEPLOY_ENVIRONMENT ?? Object.keys(workflow.jobs);
      }
      // The default gates: production is gated, staging is not, in whatever order given.
      expect(await chosen(undefined, ['production', 'staging'])).toBe(
        'staging',
      );
      // A platform that gates staging too: CI pins nothing, and the project is still written.
      expect(await chosen(gatingStaging, ['staging', 'production'])).toEqual([
        'modelkit',
        'image',
      ]);
      expect(await chosen(undefined, ['production'])).toEqual([
        'modelkit',
        'image',
      ]);
      // Production is never chosen, also when listed without a gate.
      expect(
        await chosen(
          [
            { name: 'staging', forbiddenLifecycles: ['experimental'] },
            { name: 'production' },
          ],
          ['staging', 'production'],
        ),
      ).toEqual(['modelkit', 'image']);
    });

    it('gates production alone when kitstage.environments configures none', async () => {
      await expect(attempt(undefined, 'production')).rejects.toThrow(
        /deployEnvironment: production is gated \(the default while kitstage\.environments configures no environment\)/,
      );
      await expect(attempt([], 'production')).rejects.toThrow(
        /deployEnvironment: production is gated \(the default/,
      );
      const workflow = await attempt(undefined, 'staging');
      expect(workflow.env.DEPLOY_ENVIRONMENT).toBe('staging');
    });
  });

  it('imports a Hugging Face base model before packing, passing the token through env', async () => {
    await run({ ...input, servingStyle: 'kserve', huggingFace });
    const workflow = yaml.parse(readText());
    expect(Object.keys(workflow.jobs)).toEqual(['modelkit', 'deploy']);
    expect(workflow.env).toEqual(
      expect.objectContaining({
        BASE_MODEL_HF_ID: huggingFace.id,
        BASE_MODEL_HF_REVISION: 'main',
        BASE_MODELKIT: huggingFace.modelKitReference,
      }),
    );
    const importStep = workflow.jobs.modelkit.steps.find(
      (step: any) => step.name === 'Import the base model from Hugging Face',
    );
    expect(importStep.env).toEqual({ HF_TOKEN: '${{ secrets.HF_TOKEN }}' });
    expect(importStep.run).toContain(
      'kit import "${BASE_MODEL_HF_ID}" --ref "${BASE_MODEL_HF_REVISION}" --tag "${BASE_MODELKIT}"',
    );
  });

  it('puts user values only in env, never in run scripts, and secrets only in step env', async () => {
    await run({ ...input, huggingFace });
    const text = readText();
    const workflow = yaml.parse(text);
    for (const step of steps(workflow)) {
      expect(step.run ?? '').not.toMatch(/\$\{\{/);
      expect(step.run ?? '').not.toContain('churn-model');
      expect(JSON.stringify(step.with ?? {})).not.toMatch(/secrets\./);
    }
    const secretReferences = text.match(/\$\{\{ *secrets\.[A-Z_]+ *\}\}/g);
    expect(new Set(secretReferences)).toEqual(
      new Set([
        '${{ secrets.REGISTRY_USERNAME }}',
        '${{ secrets.REGISTRY_PASSWORD }}',
        '${{ secrets.HF_TOKEN }}',
      ]),
    );
    expect(JSON.stringify(workflow.env)).not.toMatch(/secrets\./);
  });

  it.each([
    [{ name: 'Churn Model' }, /name: must be lowercase letters/],
    [
      { imageRepository: undefined },
      /imageRepository: is required for servingStyle fastapi/,
    ],
    [
      { imageRepository: 'ghcr.io/ml/churn-model-server' },
      /imageRepository: ghcr\.io\/ml\/churn-model-server must be on the ModelKit registry registry\.example\.com/,
    ],
    [
      { modelKitRepository: 'churn-model' },
      /modelKitRepository: must be an OCI repository with its registry host/,
    ],
    [{ branch: 'main..evil' }, /branch: must be a Git branch name/],
    [{ deployEnvironment: 'qa' }, /deployEnvironment: Invalid enum value/],
    [
      { huggingFace: { id: huggingFace.id } },
      /huggingFace\.modelKitReference: is required when huggingFace\.id is set/,
    ],
    [
      { huggingFace: { ...huggingFace, id: 'distilbert' } },
      /huggingFace\.id: must be a Hugging Face id/,
    ],
    [
      { huggingFace: { ...huggingFace, revision: 'feature/x' } },
      /huggingFace\.revision: must be a branch, tag or commit without "\/"/,
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

  it('writes the same workflow in a dry run, into the dry run workspace', async () => {
    await run(input);
    const written = readText();
    fs.rmSync(`${workspace}/.github`, { recursive: true });

    const ctx = await run(input, { isDryRun: true });
    expect(readText()).toBe(written);
    expect(ctx.output).toHaveBeenCalledWith('path', WORKFLOW);
  });

  it.each([
    '../modelkit.yaml',
    '.github/../../modelkit.yaml',
    '/etc/modelkit.yaml',
  ])('refuses the path %j, naming the path field', async target => {
    const ctx = actionContext({ ...input, path: target }, workspace);
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /path: must be a path relative to the project root/,
    );
    expect(fs.readdirSync(mockDir.resolve('outside'))).toEqual([]);
  });

  it('refuses to write through a symbolic link that leads out of the workspace', async () => {
    fs.symlinkSync(mockDir.resolve('outside'), `${workspace}/.github`);
    const ctx = actionContext(input, workspace);
    const attempt = action.handler(ctx as any);
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(
      'goes through the symbolic link ".github"',
    );
    expect(fs.readdirSync(mockDir.resolve('outside'))).toEqual([]);
  });

  it('logs no secret value of the task and writes none into the workflow', async () => {
    const ctx = await run({ ...input, huggingFace });
    expect(ctx.logger.info).toHaveBeenCalled();
    expect(secretsIn(loggedText(ctx.logger))).toEqual([]);
    expect(secretsIn(readText())).toEqual([]);
  });
});
