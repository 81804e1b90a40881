import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_MODELKIT,
  getKitfileBaseModelReference,
  parseKitUri,
  parseModelKitReference,
} from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  entityProblems,
  kustomize,
  materialize,
  objectSchemaErrors,
  parseDocuments,
  pythonSyntaxErrors,
  readKitfile,
  shellcheck,
  workflowErrors,
  yamllint,
} from './__testUtils__/checks';
import { DryRunResult, startScaffolder } from './__testUtils__/dryRun';
import { formValues } from './__testUtils__/formValues';

jest.setTimeout(180_000);

const baseModelKit: Entity = {
  apiVersion: 'kitstage.dev/v1alpha1',
  kind: 'ModelKit',
  metadata: { name: 'sentiment-base', namespace: 'default' },
  spec: {
    type: 'model',
    owner: 'group:default/ml-platform',
    lifecycle: 'production',
    repository: 'registry.example.com/kitstage-demo/sentiment-base',
    framework: 'transformers',
  },
};

const baseModelChoices = {
  none: { baseModelSource: 'none' },
  huggingface: {
    baseModelSource: 'huggingface',
    huggingFaceId: 'distilbert/distilbert-base-uncased',
    huggingFaceRevision: 'main',
  },
  modelkit: {
    baseModelSource: 'modelkit',
    baseModelKit: 'modelkit:default/sentiment-base',
    baseModelKitTag: '1.2.0',
  },
};

type Base = keyof typeof baseModelChoices;
type ServingStyle = 'fastapi' | 'init-container' | 'kserve';

const bases = Object.keys(baseModelChoices) as Base[];
const servingStyles: ServingStyle[] = ['fastapi', 'init-container', 'kserve'];
const environments = ['staging', 'production'];

const cases = servingStyles.flatMap(style =>
  bases.map(base => [style, base] as const),
);
const deploymentCases = cases.filter(([style]) => style !== 'kserve');
const kserveCases = cases.filter(([style]) => style === 'kserve');

/** The ModelKit reference every workload starts with, until CI pins a digest. */
const REFERENCE = 'registry.example.com/nlp/support-sentiment:latest';
const IMAGE = 'registry.example.com/nlp/support-sentiment-server:latest';
const RESOURCES = {
  requests: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': '1' },
  limits: { cpu: '2', memory: '4Gi', 'nvidia.com/gpu': '1' },
};

/** What one combination of serving style and base model must produce. */
function expectationsFor(style: ServingStyle, base: Base) {
  const kserve = style === 'kserve';
  const baseModelReference = {
    none: undefined,
    huggingface: 'registry.example.com/nlp/support-sentiment-base:main',
    modelkit: 'registry.example.com/kitstage-demo/sentiment-base:1.2.0',
  }[base];
  return {
    files: [
      'Kitfile',
      'Dockerfile',
      'README.md',
      'requirements.txt',
      'code/inference.py',
      'model/README.md',
      'data/README.md',
      'docs/MODEL_CARD.md',
      '.github/workflows/modelkit.yaml',
      'catalog-info.yaml',
      'deploy/base/kustomization.yaml',
      ...(kserve
        ? ['deploy/base/inferenceservice.yaml']
        : ['deploy/base/deployment.yaml', 'deploy/base/service.yaml']),
      ...environments.flatMap(env => [
        `deploy/overlays/${env}/kustomization.yaml`,
        `deploy/overlays/${env}/modelkit.yaml`,
        `clusters/${env}/support-sentiment.yaml`,
      ]),
    ],
    baseModelReference: baseModelReference
      ? parseModelKitReference(baseModelReference)
      : undefined,
    model: {
      name: 'support-sentiment',
      path: baseModelReference ?? 'model/',
      framework: 'transformers',
      version: '0.1.0',
      license: 'Apache-2.0',
      parts: baseModelReference
        ? [
            {
              name: 'support-sentiment-weights',
              path: 'model/',
              type: 'weights',
              license: 'Apache-2.0',
            },
          ]
        : undefined,
    },
    workloadKinds: kserve ? ['InferenceService'] : ['Deployment', 'Service'],
    workloadKind: kserve ? 'InferenceService' : 'Deployment',
    entities: [
      'Component:support-sentiment',
      'ModelKit:support-sentiment',
      ...(base === 'huggingface' ? ['ModelKit:support-sentiment-base'] : []),
    ],
    baseModelEntityRef: {
      none: undefined,
      huggingface: 'modelkit:support-sentiment-base',
      modelkit: 'modelkit:default/sentiment-base',
    }[base],
    jobs: kserve ? ['modelkit', 'deploy'] : ['modelkit', 'image', 'deploy'],
    importsFromHuggingFace: base === 'huggingface',
    initContainers:
      style === 'init-container'
        ? [
            expect.objectContaining({
              name: 'modelkit',
              image: 'ghcr.io/kitops-ml/kitops-init:v1.7.0',
              env: [
                { name: 'MODELKIT_REF', value: REFERENCE },
                { name: 'UNPACK_PATH', value: '/modelkit' },
                { name: 'UNPACK_FILTER', value: 'model' },
              ],
            }),
          ]
        : [],
    modelKitDir: style === 'init-container' ? '/modelkit' : '/app/modelkit',
    imageUnpackFilter: {
      fastapi: 'model,code',
      'init-container': 'code',
      kserve: undefined,
    }[style],
  };
}

describe('the modelkit-project template, dry-run through the scaffolder', () => {
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  const runs = new Map<string, Promise<DryRunResult>>();
  const dirs = new Map<string, string>();

  /** Each combination is dry-run once and shared by the tests that look at it. */
  function generate(style: ServingStyle, base: Base): Promise<DryRunResult> {
    const key = `${style}/${base}`;
    if (!runs.has(key)) {
      runs.set(
        key,
        scaffolder.dryRun(
          formValues({ servingStyle: style, ...baseModelChoices[base] }),
        ),
      );
    }
    return runs.get(key)!;
  }

  /** The generated files in a directory, for the command-line checkers. */
  async function directoryOf(style: ServingStyle, base: Base) {
    const key = `${style}/${base}`;
    if (!dirs.has(key)) {
      dirs.set(key, materialize((await generate(style, base)).files));
    }
    return dirs.get(key)!;
  }

  /** `kubectl kustomize` of one overlay, run once per combination and environment. */
  const overlays = new Map<string, any[]>();
  async function overlay(style: ServingStyle, base: Base, env: string) {
    const key = `${style}/${base}/${env}`;
    if (!overlays.has(key)) {
      const dir = await directoryOf(style, base);
      overlays.set(key, kustomize(path.join(dir, 'deploy/overlays', env)));
    }
    return overlays.get(key)!;
  }

  beforeAll(async () => {
    scaffolder = await startScaffolder([baseModelKit]);
  });

  afterAll(async () => {
    await scaffolder.stop();
    for (const dir of dirs.values()) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.each(cases)('serving style %s, base model %s', (style, base) => {
    const expected = expectationsFor(style, base);
    let files: Map<string, string>;

    beforeAll(async () => {
      files = (await generate(style, base)).files;
    });

    it('completes the dry run and writes every file of the project', async () => {
      const result = await generate(style, base);
      expect(result.body.error).toBeUndefined();
      expect(result.status).toBe(200);
      expect([...files.keys()]).toEqual(expect.arrayContaining(expected.files));
    });

    it('writes a Kitfile that modelkit-common parses strictly and KitOps accepts', () => {
      const { kitfile, unknownFields } = readKitfile(files.get('Kitfile')!);
      expect(unknownFields).toEqual([]);
      expect(kitfile.manifestVersion).toBe('1.0.0');
      expect(kitfile.package).toEqual({
        name: 'support-sentiment',
        version: '0.1.0',
        description: 'Classifies the sentiment of support tickets',
        license: 'Apache-2.0',
      });
      expect(kitfile.model).toEqual(expected.model);
      expect(getKitfileBaseModelReference(kitfile)).toEqual(
        expected.baseModelReference,
      );
      const packed = [
        ...(kitfile.code ?? []),
        ...(kitfile.datasets ?? []),
        ...(kitfile.docs ?? []),
      ].map(entry => entry.path!);
      expect(packed).toEqual(['code/', 'data/', 'README.md', 'docs/']);
      for (const entry of packed) {
        expect([...files.keys()].some(file => file.startsWith(entry))).toBe(
          true,
        );
      }
    });

    it('writes a serving image that unpacks only what it needs, runs as non-root and checks its health', async () => {
      const dockerfile = files.get('Dockerfile')!;
      expect(dockerfile).toMatch(
        /kit unpack "\$\{MODELKIT_REF\}" --filter="\$\{UNPACK_FILTER\}" --dir \/home\/user\/modelkit/,
      );
      expect(dockerfile).toMatch(/^ARG UNPACK_FILTER=model,code$/m);
      expect(dockerfile).toMatch(/^USER 10001:10001$/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK /m);
      expect(dockerfile).toMatch(/^\s+MODEL_FRAMEWORK=transformers \\$/m);
      // Pinned on FROM lines, where Dependabot can update them; kit matches the CI's Kit CLI.
      const [workflow] = parseDocuments(
        files.get('.github/workflows/modelkit.yaml')!,
      );
      expect(
        [...dockerfile.matchAll(/^FROM (\S+)/gm)].map(match => match[1]),
      ).toEqual([
        `ghcr.io/kitops-ml/kitops:${workflow.env.KIT_VERSION}`,
        expect.stringMatching(/^python:\d+\.\d+\.\d+-slim-[a-z]+$/),
      ]);

      const requirements = files
        .get('requirements.txt')!
        .split('\n')
        .filter(line => line.trim() && !line.startsWith('#'));
      expect(requirements).toContain('transformers==5.23.0');
      for (const line of requirements) {
        expect(line).toMatch(/^[a-z0-9-]+==[0-9][0-9a-z.]*$/);
      }

      const inference = files.get('code/inference.py')!;
      expect(inference).toMatch(/@app\.get\("\/health\/live"\)/);
      expect(inference).toMatch(/@app\.get\("\/health\/ready"\)/);
      expect(inference).toMatch(/@app\.post\("\/predict"/);
      const dir = await directoryOf(style, base);
      expect(pythonSyntaxErrors(path.join(dir, 'code/inference.py'))).toBe('');
    });

    it.each(environments)(
      'builds the %s overlay with kubectl kustomize into objects that validate against their schemas',
      async env => {
        const objects = await overlay(style, base, env);
        expect(objects.map(o => o.kind).sort()).toEqual(expected.workloadKinds);
        expect(objectSchemaErrors(objects)).toEqual(
          objects.map(() => undefined),
        );
        for (const object of objects) {
          expect(object.metadata).toEqual(
            expect.objectContaining({
              namespace: 'nlp',
              labels: expect.objectContaining({
                'backstage.io/kubernetes-id': 'support-sentiment',
                'kitstage.dev/environment': env,
              }),
            }),
          );
        }
        const workload = objects.find(o => o.kind === expected.workloadKind);
        expect(workload.metadata.annotations[ANNOTATION_MODELKIT]).toBe(
          REFERENCE,
        );
      },
    );

    it.each(environments)(
      'writes Flux objects for %s that validate and deploy its overlay with health checks',
      env => {
        const objects = parseDocuments(
          files.get(`clusters/${env}/support-sentiment.yaml`)!,
        );
        expect(objects.map(o => o.kind)).toEqual([
          'Namespace',
          'GitRepository',
          'Kustomization',
        ]);
        expect(objectSchemaErrors(objects)).toEqual([
          undefined,
          undefined,
          undefined,
        ]);
        const [namespace, source, kustomization] = objects;
        expect(namespace.metadata).toEqual({
          name: 'nlp',
          annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
        });
        // The project's Component, whose owners may operate both from the portal.
        for (const delivery of [source, kustomization]) {
          expect(delivery.metadata.annotations).toEqual({
            'kitstage.dev/operated-by': 'component:default/support-sentiment',
          });
        }
        expect(source.spec).toEqual(
          expect.objectContaining({
            url: 'https://github.com/example/support-sentiment',
            ref: { branch: 'main' },
          }),
        );
        expect(kustomization.spec).toEqual({
          interval: '5m',
          retryInterval: '1m',
          timeout: '5m',
          path: `./deploy/overlays/${env}`,
          prune: true,
          // With wait: true Flux ignores healthChecks; these name the workload explicitly.
          wait: false,
          sourceRef: { kind: 'GitRepository', name: 'support-sentiment' },
          targetNamespace: 'nlp',
          healthChecks: [
            expect.objectContaining({
              kind: expected.workloadKind,
              name: 'support-sentiment',
              namespace: 'nlp',
            }),
          ],
        });
      },
    );

    it('writes catalog entities that pass the catalog validators and the ModelKit processor, lineage included', async () => {
      const entities = parseDocuments(
        files.get('catalog-info.yaml')!,
      ) as Entity[];
      expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual(
        expected.entities,
      );
      for (const entity of entities) {
        expect(await entityProblems(entity)).toEqual([]);
      }
      expect(entities[0].spec?.dependsOn).toEqual([
        'modelkit:support-sentiment',
      ]);
      expect(entities[1].spec?.baseModel).toBe(expected.baseModelEntityRef);
    });

    it('writes a workflow that GitHub parses, with shellcheck-clean scripts and secrets only in env', () => {
      const text = files.get('.github/workflows/modelkit.yaml')!;
      expect(workflowErrors(text)).toEqual([]);
      const [workflow] = parseDocuments(text);
      expect(Object.keys(workflow.jobs)).toEqual(expected.jobs);
      const steps = Object.values<any>(workflow.jobs).flatMap(job => job.steps);
      const scripts = steps
        .filter(step => step.run)
        .map(step => step.run as string);
      for (const script of scripts) {
        expect(script).not.toContain('${{');
        expect(shellcheck(script)).toBe('');
      }
      for (const step of steps) {
        expect(JSON.stringify(step.with ?? {})).not.toMatch(/secrets\./);
      }
      expect(text).toMatch(/kit pack \. --tag/);
      expect(text).toMatch(/kit push /);
      expect(text).toMatch(/cosign sign --yes/);
      expect(text).toMatch(
        /cosign attest --yes --type slsaprovenance1 --predicate provenance\.json/,
      );
      expect(text).toMatch(/git push origin/);
      expect(text.includes('kit import')).toBe(expected.importsFromHuggingFace);
      const build = workflow.jobs.image?.steps.find(
        (step: any) => step.id === 'build',
      );
      expect(build?.env.UNPACK_FILTER).toBe(expected.imageUnpackFilter);
    });

    it('passes yamllint --strict on every YAML file', async () => {
      const dir = await directoryOf(style, base);
      const yamlFiles = [...files.keys()].filter(
        f => /\.ya?ml$/.test(f) || f === 'Kitfile',
      );
      expect(yamllint(dir, yamlFiles)).toBe('');
    });
  });

  describe.each(deploymentCases)(
    'Deployment of serving style %s, base model %s',
    (style, base) => {
      it('runs the server with the ModelKit reference, its directories, probes and resources', async () => {
        const deployment = (await overlay(style, base, 'staging')).find(
          o => o.kind === 'Deployment',
        );
        const { modelKitDir } = expectationsFor(style, base);
        expect(deployment.spec.replicas).toBe(2);
        expect(deployment.spec.template.metadata.annotations).toEqual({
          [ANNOTATION_MODELKIT]: REFERENCE,
        });
        expect(deployment.spec.template.spec.containers).toEqual([
          expect.objectContaining({
            name: 'server',
            image: IMAGE,
            env: [
              { name: 'MODELKIT_REF', value: REFERENCE },
              { name: 'MODELKIT_DIR', value: modelKitDir },
              { name: 'MODEL_DIR', value: `${modelKitDir}/model` },
              { name: 'MODEL_FRAMEWORK', value: 'transformers' },
            ],
            resources: RESOURCES,
            readinessProbe: expect.objectContaining({
              httpGet: { path: '/health/ready', port: 'http' },
            }),
            livenessProbe: expect.objectContaining({
              httpGet: { path: '/health/live', port: 'http' },
            }),
          }),
        ]);
      });

      it('adds the kit unpack init container only to the init-container style', async () => {
        const deployment = (await overlay(style, base, 'production')).find(
          o => o.kind === 'Deployment',
        );
        expect(deployment.spec.template.spec.initContainers ?? []).toEqual(
          expectationsFor(style, base).initContainers,
        );
      });
    },
  );

  describe.each(kserveCases)(
    'InferenceService of serving style %s, base model %s',
    (style, base) => {
      it('loads the ModelKit through a kit:// URI, with v2 health probes and resources', async () => {
        const service = (await overlay(style, base, 'staging')).find(
          o => o.kind === 'InferenceService',
        );
        const model = service.spec.predictor.model;
        expect(parseKitUri(model.storageUri)).toEqual(
          parseModelKitReference(REFERENCE),
        );
        expect(service.spec.predictor.minReplicas).toBe(2);
        expect(model).toEqual(
          expect.objectContaining({
            modelFormat: { name: 'huggingface' },
            protocolVersion: 'v2',
            resources: RESOURCES,
            readinessProbe: expect.objectContaining({
              httpGet: { path: '/v2/health/ready', port: 8080 },
            }),
            livenessProbe: expect.objectContaining({
              httpGet: { path: '/v2/health/live', port: 8080 },
            }),
          }),
        );
      });
    },
  );

  it('serves TensorFlow models over the v1 protocol, which TensorFlow Serving speaks', async () => {
    const result = await scaffolder.dryRun(
      formValues({ servingStyle: 'kserve', framework: 'tensorflow' }),
    );
    expect(result.status).toBe(200);
    const [service] = parseDocuments(
      result.files.get('deploy/base/inferenceservice.yaml')!,
    );
    expect(objectSchemaErrors([service])).toEqual([undefined]);
    expect(service.spec.predictor.model).toEqual(
      expect.objectContaining({
        modelFormat: { name: 'tensorflow' },
        protocolVersion: 'v1',
        readinessProbe: expect.objectContaining({
          httpGet: { path: '/v1/models/support-sentiment', port: 8080 },
        }),
        livenessProbe: expect.objectContaining({
          tcpSocket: { port: 8080 },
        }),
      }),
    );
  });

  it('points Flux at the picked repository with the scheme its host is served with', async () => {
    const result = await scaffolder.dryRun(
      formValues({
        repoUrl: '127.0.0.1:7110?owner=projects&repo=support-sentiment',
      }),
    );
    expect(result.status).toBe(200);
    for (const env of environments) {
      const [, source] = parseDocuments(
        result.files.get(`clusters/${env}/support-sentiment.yaml`)!,
      );
      expect(source.spec.url).toBe(
        'http://127.0.0.1:7110/projects/support-sentiment',
      );
    }
  });

  it('fails the dry run, naming the ModelKit, when the picked base ModelKit is not in the catalog', async () => {
    const result = await scaffolder.dryRun(
      formValues({
        ...baseModelChoices.modelkit,
        baseModelKit: 'modelkit:default/does-not-exist',
      }),
    );
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(result.body)).toMatch(/does-not-exist/);
  });
});
