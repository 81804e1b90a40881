import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  ANNOTATION_MODELKIT,
  parseKitUri,
  parseModelKitReference,
} from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs';
import yaml from 'yaml';
import {
  ActionInput,
  actionContext,
  loggedText,
  secretsIn,
} from '../__testUtils__/actionContext';
import { createWriteManifestsAction } from './writeManifests';

const input = {
  name: 'churn-model',
  namespace: 'ml-serving',
  servingStyle: 'init-container',
  framework: 'sklearn',
  modelKit: { repository: 'registry.example.com/ml/churn-model', tag: '1.0.0' },
  image: { repository: 'registry.example.com/ml/churn-model-server' },
  replicas: 2,
  resources: {
    requests: { cpu: '500m', memory: '1Gi' },
    limits: { cpu: '2', memory: '2Gi' },
    gpu: 0,
  },
  environments: ['staging', 'production'],
  flux: { gitUrl: 'https://github.com/example/churn-model' },
} satisfies ActionInput;

const REFERENCE = 'registry.example.com/ml/churn-model:1.0.0';
/** A digest no content hashes to: what gated environments and the base start on. */
const UNPINNED_DIGEST = `sha256:${'0'.repeat(64)}`;
const UNPINNED = `registry.example.com/ml/churn-model@${UNPINNED_DIGEST}`;
const IMAGE_REPOSITORY = 'registry.example.com/ml/churn-model-server';

describe('kitstage:manifests:write', () => {
  const mockDir = createMockDirectory();
  const workspace = mockDir.resolve('workspace');
  const action = createWriteManifestsAction();

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

  function read(file: string): any[] {
    return yaml
      .parseAllDocuments(fs.readFileSync(`${workspace}/${file}`, 'utf8'))
      .map(doc => doc.toJS());
  }

  function writtenFiles(dir = workspace, prefix = ''): string[] {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap(entry =>
        entry.isDirectory()
          ? writtenFiles(`${dir}/${entry.name}`, `${prefix}${entry.name}/`)
          : [`${prefix}${entry.name}`],
      )
      .sort();
  }

  it('writes the base, one overlay and one set of Flux objects per environment, and reports them', async () => {
    const ctx = await run(input);
    const files = [
      'deploy/base/deployment.yaml',
      'deploy/base/service.yaml',
      'deploy/base/kustomization.yaml',
      'deploy/overlays/staging/kustomization.yaml',
      'deploy/overlays/staging/modelkit.yaml',
      'clusters/staging/churn-model.yaml',
      'deploy/overlays/production/kustomization.yaml',
      'deploy/overlays/production/modelkit.yaml',
      'clusters/production/churn-model.yaml',
    ];
    expect(writtenFiles()).toEqual([...files].sort());
    expect(ctx.output).toHaveBeenCalledWith('files', files);
    expect(ctx.output).toHaveBeenCalledWith('modelKitReference', REFERENCE);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'Wrote 9 manifest files for churn-model (init-container) in staging, production',
    );
  });

  /** Every ModelKit reference the promote action finds in an overlay patch. */
  function referencesIn(patch: any): string[] {
    const pod = patch.spec.template?.spec;
    const env = (containers: any[] = []) =>
      containers.flatMap(container =>
        container.env
          .filter((variable: any) => variable.name === 'MODELKIT_REF')
          .map((variable: any) => variable.value),
      );
    return [
      patch.metadata.annotations[ANNOTATION_MODELKIT],
      ...(pod
        ? [
            patch.spec.template.metadata.annotations[ANNOTATION_MODELKIT],
            ...env(pod.initContainers),
            ...env(pod.containers),
          ]
        : [
            patch.spec.predictor.annotations[ANNOTATION_MODELKIT],
            patch.spec.predictor.model.storageUri.replace(/^kit:\/\//, ''),
          ]),
    ];
  }

  it.each([
    ['init-container', 'model,code'],
    ['fastapi', 'model'],
  ])(
    'runs a kit unpack init container for %s that fetches %s at pod start, and a server that reads it',
    async (servingStyle, filter) => {
      await run({ ...input, servingStyle });
      const [deployment] = read('deploy/base/deployment.yaml');
      const pod = deployment.spec.template.spec;
      expect(pod.initContainers).toEqual([
        expect.objectContaining({
          name: 'modelkit',
          image: 'ghcr.io/kitops-ml/kitops-init:v1.7.0',
          env: [
            { name: 'MODELKIT_REF', value: UNPINNED },
            { name: 'UNPACK_PATH', value: '/modelkit' },
            { name: 'UNPACK_FILTER', value: filter },
          ],
          volumeMounts: expect.arrayContaining([
            { name: 'modelkit', mountPath: '/modelkit' },
          ]),
        }),
      ]);
      expect(pod.containers[0].env).toEqual([
        { name: 'MODELKIT_REF', value: UNPINNED },
        { name: 'MODELKIT_DIR', value: '/modelkit' },
        { name: 'MODEL_DIR', value: '/modelkit/model' },
        { name: 'MODEL_FRAMEWORK', value: 'sklearn' },
      ]);
      expect(pod.containers[0].volumeMounts).toContainEqual({
        name: 'modelkit',
        mountPath: '/modelkit',
        readOnly: true,
      });
      expect(pod.volumes).toContainEqual({ name: 'modelkit', emptyDir: {} });
      // The base names no content: each overlay names its ModelKit and image.
      expect(pod.containers[0].image).toBe(
        `${IMAGE_REPOSITORY}@${UNPINNED_DIGEST}`,
      );
      expect(deployment.metadata.annotations).toEqual({
        [ANNOTATION_MODELKIT]: UNPINNED,
      });
      // Each overlay names its ModelKit for the init container, which fetches it, as well.
      const [patch] = read('deploy/overlays/staging/modelkit.yaml');
      expect(patch.spec.template.spec.initContainers).toEqual([
        { name: 'modelkit', env: [{ name: 'MODELKIT_REF', value: REFERENCE }] },
      ]);
      expect(referencesIn(patch)).toEqual(Array(4).fill(REFERENCE));
    },
  );

  it.each([
    ['init-container', 4],
    ['fastapi', 4],
    ['kserve', 3],
  ])(
    'starts %s in production on a digest that names no content, and in staging on the tag CI replaces',
    async (servingStyle, places) => {
      await run({
        ...input,
        servingStyle,
        image: servingStyle === 'kserve' ? undefined : input.image,
      });
      const [staging] = read('deploy/overlays/staging/modelkit.yaml');
      const [production] = read('deploy/overlays/production/modelkit.yaml');
      expect(referencesIn(staging)).toEqual(Array(places).fill(REFERENCE));
      expect(referencesIn(production)).toEqual(Array(places).fill(UNPINNED));
      expect(
        fs.readFileSync(
          `${workspace}/deploy/overlays/production/modelkit.yaml`,
          'utf8',
        ),
      ).toMatch(/production runs nothing until the first promotion/);

      const images = (environment: string) =>
        read(`deploy/overlays/${environment}/kustomization.yaml`)[0].images;
      const builds = servingStyle !== 'kserve';
      expect(images('staging')).toEqual(
        builds ? [{ name: IMAGE_REPOSITORY, newTag: 'latest' }] : undefined,
      );
      expect(images('production')).toEqual(
        builds
          ? [{ name: IMAGE_REPOSITORY, digest: UNPINNED_DIGEST }]
          : undefined,
      );
    },
  );

  it('starts a project deployed to production alone on nothing, whatever the tags say', async () => {
    const ctx = await run({
      ...input,
      image: { ...input.image, tag: 'latest' },
      environments: ['production'],
    });
    const [patch] = read('deploy/overlays/production/modelkit.yaml');
    expect(referencesIn(patch)).toEqual(Array(4).fill(UNPINNED));
    expect(
      read('deploy/overlays/production/kustomization.yaml')[0].images,
    ).toEqual([{ name: IMAGE_REPOSITORY, digest: UNPINNED_DIGEST }]);
    expect(ctx.output).toHaveBeenCalledWith('modelKitReference', UNPINNED);
    for (const file of writtenFiles()) {
      const text = fs.readFileSync(`${workspace}/${file}`, 'utf8');
      expect(text).not.toContain(':latest');
      expect(text).not.toContain(':1.0.0');
    }
  });

  describe('with the gates of kitstage.environments', () => {
    /** An action whose root config lists the environments, and the policy production names. */
    function actionWith(environments?: JsonObject[]) {
      return createWriteManifestsAction({
        config: new ConfigReader({
          kitstage: {
            policies: {
              lifecycles: {
                production: {
                  rules: [{ id: 'signed', require: 'signature' }],
                },
              },
            },
            ...(environments ? { environments } : {}),
          },
        }),
      });
    }

    async function runWith(environments: JsonObject[] | undefined) {
      const ctx = actionContext(input, workspace);
      await actionWith(environments).handler(ctx as any);
      return ctx;
    }

    const images = (environment: string) =>
      read(`deploy/overlays/${environment}/kustomization.yaml`)[0].images;

    it('starts a staging overlay that lifecycle rules gate on a digest that names no content', async () => {
      const ctx = await runWith([
        { name: 'staging', allowedLifecycles: ['staging', 'production'] },
        { name: 'production', policy: 'production' },
      ]);
      for (const environment of ['staging', 'production']) {
        const [patch] = read(`deploy/overlays/${environment}/modelkit.yaml`);
        expect(referencesIn(patch)).toEqual(Array(4).fill(UNPINNED));
        expect(images(environment)).toEqual([
          { name: IMAGE_REPOSITORY, digest: UNPINNED_DIGEST },
        ]);
      }
      expect(
        fs.readFileSync(
          `${workspace}/deploy/overlays/staging/modelkit.yaml`,
          'utf8',
        ),
      ).toMatch(/staging runs nothing until the first promotion/);
      expect(ctx.output).toHaveBeenCalledWith('modelKitReference', UNPINNED);
      for (const file of writtenFiles()) {
        const text = fs.readFileSync(`${workspace}/${file}`, 'utf8');
        expect(text).not.toContain(':latest');
        expect(text).not.toContain(':1.0.0');
      }
    });

    it('gates production always, also when kitstage.environments lists it without a gate', async () => {
      // Who may change production is decided by the promote permission, which a tag or CI
      // pinning would bypass.
      await runWith([{ name: 'staging' }, { name: 'production' }]);
      const [staging] = read('deploy/overlays/staging/modelkit.yaml');
      const [production] = read('deploy/overlays/production/modelkit.yaml');
      expect(referencesIn(staging)).toEqual(Array(4).fill(REFERENCE));
      expect(referencesIn(production)).toEqual(Array(4).fill(UNPINNED));
      expect(images('staging')).toEqual([
        { name: IMAGE_REPOSITORY, newTag: 'latest' },
      ]);
      expect(images('production')).toEqual([
        { name: IMAGE_REPOSITORY, digest: UNPINNED_DIGEST },
      ]);
    });

    it('gates production alone when kitstage.environments configures none', async () => {
      const ctx = await runWith(undefined);
      const [staging] = read('deploy/overlays/staging/modelkit.yaml');
      const [production] = read('deploy/overlays/production/modelkit.yaml');
      expect(referencesIn(staging)).toEqual(Array(4).fill(REFERENCE));
      expect(referencesIn(production)).toEqual(Array(4).fill(UNPINNED));
      expect(images('staging')).toEqual([
        { name: IMAGE_REPOSITORY, newTag: 'latest' },
      ]);
      expect(images('production')).toEqual([
        { name: IMAGE_REPOSITORY, digest: UNPINNED_DIGEST },
      ]);
      expect(ctx.output).toHaveBeenCalledWith('modelKitReference', REFERENCE);
    });

    it('refuses a kitstage.environments policy that kitstage.policies does not define, writing nothing', async () => {
      const attempt = runWith([{ name: 'staging', policy: 'stagign' }]);
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(
        /kitstage\.environments\[0\]\.policy of environment staging names the lifecycle policy "stagign"/,
      );
      expect(writtenFiles()).toEqual([]);
    });
  });

  it.each([
    ['transformers', 'huggingface', 'v2', '/v2/health/ready'],
    ['sklearn', 'sklearn', 'v2', '/v2/health/ready'],
    ['tensorflow', 'tensorflow', 'v1', '/v1/models/churn-model'],
  ])(
    'writes a KServe InferenceService for %s with model format %s over protocol %s',
    async (framework, modelFormat, protocolVersion, readinessPath) => {
      const ctx = await run({
        ...input,
        servingStyle: 'kserve',
        framework,
        image: undefined,
      });
      const [service] = read('deploy/base/inferenceservice.yaml');
      const model = service.spec.predictor.model;
      expect(model).toEqual(
        expect.objectContaining({
          modelFormat: { name: modelFormat },
          protocolVersion,
          readinessProbe: expect.objectContaining({
            httpGet: { path: readinessPath, port: 8080 },
          }),
        }),
      );
      expect(parseKitUri(model.storageUri)).toEqual(
        parseModelKitReference(UNPINNED),
      );
      const [patch] = read('deploy/overlays/staging/modelkit.yaml');
      expect(parseKitUri(patch.spec.predictor.model.storageUri)).toEqual(
        parseModelKitReference(REFERENCE),
      );
      expect(ctx.output).toHaveBeenCalledWith('files', [
        'deploy/base/inferenceservice.yaml',
        'deploy/base/kustomization.yaml',
        'deploy/overlays/staging/kustomization.yaml',
        'deploy/overlays/staging/modelkit.yaml',
        'clusters/staging/churn-model.yaml',
        'deploy/overlays/production/kustomization.yaml',
        'deploy/overlays/production/modelkit.yaml',
        'clusters/production/churn-model.yaml',
      ]);
    },
  );

  it('writes Flux objects that deploy each overlay with interval, prune, timeout and health checks', async () => {
    await run({
      ...input,
      flux: { ...input.flux, interval: '10m', timeout: '15m' },
    });
    const [, source, kustomization] = read('clusters/staging/churn-model.yaml');
    expect(source.spec).toEqual(
      expect.objectContaining({
        url: 'https://github.com/example/churn-model',
        ref: { branch: 'main' },
      }),
    );
    expect(kustomization.spec).toEqual(
      expect.objectContaining({
        interval: '10m',
        timeout: '15m',
        prune: true,
        wait: false,
        path: './deploy/overlays/staging',
        healthChecks: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'churn-model',
            namespace: 'ml-serving',
          },
        ],
      }),
    );
  });

  it.each([
    [{ name: 'Churn' }, /name: must be lowercase letters/],
    [{ namespace: 'ml_serving' }, /namespace: must be a DNS-1123 label/],
    [
      { servingStyle: 'fastapi', image: undefined },
      /image: is required for servingStyle fastapi/,
    ],
    [
      { environments: ['staging', 'staging'] },
      /environments: must not repeat an environment/,
    ],
    [
      {
        resources: {
          ...input.resources,
          limits: { cpu: '250m', memory: '2Gi' },
        },
      },
      /resources\.limits\.cpu: 250m is below the CPU request 500m/,
    ],
    [
      {
        resources: {
          ...input.resources,
          limits: { cpu: '2', memory: '512Mi' },
        },
      },
      /resources\.limits\.memory: 512Mi is below the memory request 1Gi/,
    ],
    [
      { modelKit: { repository: 'registry.example.com/ml/churn-model:1.0.0' } },
      /modelKit\.repository: must be an OCI repository/,
    ],
    [
      { modelKit: { repository: 'registry.example.com:0/ml/churn-model' } },
      /modelKit\.repository: registry port 0 is out of range/,
    ],
    [
      { flux: { gitUrl: 'file:///etc/passwd' } },
      /flux\.gitUrl: must be an https:\/\/ or ssh:\/\/git@ Git URL/,
    ],
    [
      { flux: { ...input.flux, clusterPath: '../fleet' } },
      /flux\.clusterPath: must be a relative directory/,
    ],
    [
      { flux: { ...input.flux, interval: '5 minutes' } },
      /flux\.interval: must be a duration/,
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
      expect(writtenFiles()).toEqual([]);
    },
  );

  describe('with flux.repoUrl', () => {
    const withIntegrations = createWriteManifestsAction({
      config: new ConfigReader({
        integrations: {
          github: [{ host: 'github.com' }],
          gitlab: [
            {
              host: '127.0.0.1:7110',
              baseUrl: 'http://127.0.0.1:7110',
              apiBaseUrl: 'http://127.0.0.1:7110/api/v4',
            },
          ],
        },
      }),
    });

    async function runWith(flux: Record<string, unknown>) {
      const ctx = actionContext({ ...input, flux } as ActionInput, workspace);
      await withIntegrations.handler(ctx as any);
      return read('clusters/staging/churn-model.yaml')[1].spec.url;
    }

    it('takes the scheme and base from the integration of the picked host', async () => {
      await expect(
        runWith({ repoUrl: '127.0.0.1:7110?owner=projects&repo=churn-model' }),
      ).resolves.toBe('http://127.0.0.1:7110/projects/churn-model');
      await expect(
        runWith({ repoUrl: 'github.com?owner=example&repo=churn-model' }),
      ).resolves.toBe('https://github.com/example/churn-model');
    });

    it.each([
      [
        { repoUrl: 'gitlab.example.com?owner=ml&repo=churn-model' },
        NotAllowedError,
        /flux\.repoUrl names the host gitlab\.example\.com, which has no SCM integration/,
      ],
      [
        { repoUrl: 'github.com?owner=example&repo=churn-model.git' },
        InputError,
        /flux\.repoUrl repo "churn-model\.git" is not a repository name/,
      ],
      [
        {
          repoUrl: 'github.com?owner=example&repo=churn-model',
          gitUrl: 'https://github.com/example/churn-model',
        },
        InputError,
        /flux: must have exactly one of gitUrl and repoUrl/,
      ],
      [{}, InputError, /flux: must have exactly one of gitUrl and repoUrl/],
    ])('refuses %j naming the field', async (flux, type, message) => {
      const attempt = runWith(flux);
      await expect(attempt).rejects.toThrow(type);
      await expect(attempt).rejects.toThrow(message);
      expect(writtenFiles()).toEqual([]);
    });
  });

  it('refuses a Git URL with credentials without repeating them', async () => {
    const token = 'ghp_0123456789abcdef';
    const ctx = actionContext(
      {
        ...input,
        flux: {
          gitUrl: `https://x-access-token:${token}@github.com/example/churn-model`,
        },
      },
      workspace,
    );
    const error = await action.handler(ctx as any).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/flux\.gitUrl/);
    expect(error.message).not.toContain(token);
    expect(loggedText(ctx.logger)).not.toContain(token);
  });

  it('writes the same files in a dry run, into the dry run workspace', async () => {
    await run(input);
    const contents = writtenFiles().map(file => [
      file,
      fs.readFileSync(`${workspace}/${file}`, 'utf8'),
    ]);
    mockDir.setContent({ workspace: {}, outside: {} });

    const ctx = await run(input, { isDryRun: true });
    expect(
      writtenFiles().map(file => [
        file,
        fs.readFileSync(`${workspace}/${file}`, 'utf8'),
      ]),
    ).toEqual(contents);
    expect(ctx.output).toHaveBeenCalledWith('modelKitReference', REFERENCE);
  });

  it('refuses to write through a symbolic link that leads out of the workspace', async () => {
    fs.symlinkSync(mockDir.resolve('outside'), `${workspace}/deploy`);
    const ctx = actionContext(input, workspace);
    const attempt = action.handler(ctx as any);
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(
      'goes through the symbolic link "deploy"',
    );
    expect(fs.readdirSync(mockDir.resolve('outside'))).toEqual([]);
  });

  it('logs no secret value of the task', async () => {
    const ctx = await run(input);
    expect(ctx.logger.info).toHaveBeenCalled();
    expect(secretsIn(loggedText(ctx.logger))).toEqual([]);
    for (const file of writtenFiles()) {
      expect(
        secretsIn(fs.readFileSync(`${workspace}/${file}`, 'utf8')),
      ).toEqual([]);
    }
  });
});
