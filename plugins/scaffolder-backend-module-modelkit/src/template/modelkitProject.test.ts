import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_MODELKIT,
  getKitfileBaseModelReference,
  parseKitUri,
  parseModelKitReference,
} from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { readOverlayReference } from '../actions/promote/overlayReference';
import { writeOverlayReference } from '../lib/overlayFiles';
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

/** A digest no content hashes to: what production starts on, until its first promotion. */
const UNPINNED_DIGEST = `sha256:${'0'.repeat(64)}`;
/** The ModelKit reference each environment's workload starts with. */
const REFERENCES: Record<string, string> = {
  // Until CI pins the digest of its first build.
  staging: 'registry.example.com/nlp/support-sentiment:latest',
  production: `registry.example.com/nlp/support-sentiment@${UNPINNED_DIGEST}`,
};
const IMAGES: Record<string, string> = {
  staging: 'registry.example.com/nlp/support-sentiment-server:latest',
  production: `registry.example.com/nlp/support-sentiment-server@${UNPINNED_DIGEST}`,
};
/** A digest a promotion pins. */
const PROMOTED = `registry.example.com/nlp/support-sentiment@sha256:${'ab'.repeat(
  32,
)}`;
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
    /** What the init container unpacks: the model, and for init-container the code it runs. */
    unpackFilter: {
      fastapi: 'model',
      'init-container': 'model,code',
      kserve: undefined,
    }[style],
    /** Where the runtime image runs the server from. */
    serverDir: {
      fastapi: '/app/server',
      'init-container': '/modelkit/code',
      kserve: undefined,
    }[style],
  };
}

/** Every ModelKit reference of a rendered workload: annotations, MODELKIT_REF, kit:// URI. */
function referencesOf(workload: any): string[] {
  const env = (containers: any[] = []) =>
    containers.flatMap(container =>
      (container.env ?? [])
        .filter((variable: any) => variable.name === 'MODELKIT_REF')
        .map((variable: any) => variable.value),
    );
  const pod = workload.spec.template;
  return [
    workload.metadata.annotations[ANNOTATION_MODELKIT],
    ...(pod
      ? [
          pod.metadata.annotations[ANNOTATION_MODELKIT],
          ...env(pod.spec.initContainers),
          ...env(pod.spec.containers),
        ]
      : [
          workload.spec.predictor.annotations[ANNOTATION_MODELKIT],
          workload.spec.predictor.model.storageUri.replace(/^kit:\/\//, ''),
        ]),
  ];
}

/** The ENV values a Dockerfile sets, by name. */
function dockerfileEnv(dockerfile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [, block] of dockerfile.matchAll(/^ENV ((?:.*\\\n)*.*)$/gm)) {
    for (const [, name, value] of block.matchAll(/([A-Z_]+)=(\S+)/g)) {
      env[name] = value;
    }
  }
  return env;
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

    it('writes a runtime image that holds no model, runs as non-root and checks its health', async () => {
      const dockerfile = files.get('Dockerfile')!;
      // The ModelKit is fetched by the pod at start, never built into the image.
      const instructions = dockerfile
        .split('\n')
        .filter(line => !line.startsWith('#'))
        .join('\n');
      expect(instructions).not.toMatch(
        /kit unpack|MODELKIT_REF|kitops|--mount=type=secret/,
      );
      expect(dockerfile).toMatch(/^USER 10001:10001$/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK /m);
      expect(dockerfileEnv(dockerfile).MODEL_FRAMEWORK).toBe('transformers');
      // Pinned on its FROM line, where Dependabot can update it.
      expect(
        [...dockerfile.matchAll(/^FROM (\S+)/gm)].map(match => match[1]),
      ).toEqual([expect.stringMatching(/^python:\d+\.\d+\.\d+-slim-[a-z]+$/)]);
      // The build context holds only what the image copies.
      const copied = [...dockerfile.matchAll(/^COPY (?:--\S+ )*(\S+) /gm)].map(
        match => match[1],
      );
      expect(copied).toEqual(
        style === 'fastapi'
          ? ['requirements.txt', 'code/inference.py']
          : ['requirements.txt'],
      );
      const context = files
        .get('.dockerignore')!
        .split('\n')
        .filter(line => line.startsWith('!'))
        .map(line => line.slice(1));
      expect(context).toEqual(expect.arrayContaining(copied));

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
        expect(new Set(referencesOf(workload))).toEqual(
          new Set([REFERENCES[env]]),
        );
      },
    );

    it('runs only content pinned by digest in production, and nothing until its first promotion', async () => {
      const objects = await overlay(style, base, 'production');
      const workload = objects.find(o => o.kind === expected.workloadKind);
      const references = referencesOf(workload);
      expect(references.length).toBeGreaterThanOrEqual(3);
      for (const reference of references) {
        expect(parseModelKitReference(reference)).toEqual({
          registry: 'registry.example.com',
          repository: 'nlp/support-sentiment',
          digest: UNPINNED_DIGEST,
        });
      }
      const images = [
        ...(workload.spec.template?.spec.initContainers ?? []),
        ...(workload.spec.template?.spec.containers ?? []),
      ].map((container: any) => container.image);
      for (const image of images) {
        // The KitOps init image is a KitOps release; every image the project builds is pinned.
        if (image.startsWith('ghcr.io/kitops-ml/')) continue;
        expect(image).toBe(IMAGES.production);
      }
    });

    it('lets the promote action find every ModelKit reference of each overlay and rewrite them all', async () => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kitstage-promote-'));
      try {
        fs.cpSync(await directoryOf(style, base), copy, { recursive: true });
        for (const env of environments) {
          const overlayPath = `deploy/overlays/${env}`;
          const found = await readOverlayReference({
            repositoryRoot: copy,
            overlayPath,
            repository: 'registry.example.com/nlp/support-sentiment',
            modelKitEntityRef: 'modelkit:default/support-sentiment',
          });
          expect(found.previous).toBe(REFERENCES[env]);
          const changes = await writeOverlayReference(
            copy,
            found.files,
            PROMOTED,
          );
          expect(changes.map(change => change.path)).toEqual([
            `${overlayPath}/modelkit.yaml`,
          ]);
          const workload = kustomize(path.join(copy, overlayPath)).find(
            o => o.kind === expected.workloadKind,
          );
          const references = referencesOf(workload);
          expect(references).toEqual(references.map(() => PROMOTED));
          // The pod fetches what the promotion pinned: the init container or KServe's kit:// URI.
          const fetched =
            workload.kind === 'Deployment'
              ? workload.spec.template.spec.initContainers[0].env.find(
                  (variable: any) => variable.name === 'MODELKIT_REF',
                )?.value
              : workload.spec.predictor.model.storageUri.replace(
                  /^kit:\/\//,
                  '',
                );
          expect(fetched).toBe(PROMOTED);
        }
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    });

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
      // CI pins builds into staging, never into production.
      expect(workflow.env.DEPLOY_ENVIRONMENT).toBe('staging');
      expect(workflow.jobs.deploy.name).toBe(
        'Pin the new ModelKit in deploy/overlays/staging',
      );
      const build = workflow.jobs.image?.steps.find(
        (step: any) => step.id === 'build',
      );
      expect(build?.run ?? '').not.toMatch(/MODELKIT_REF|--secret/);
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
      it.each(environments)(
        'runs the %s server on the ModelKit the init container unpacks, with probes and resources',
        async env => {
          const deployment = (await overlay(style, base, env)).find(
            o => o.kind === 'Deployment',
          );
          const { unpackFilter } = expectationsFor(style, base);
          const pod = deployment.spec.template.spec;
          expect(deployment.spec.replicas).toBe(2);
          expect(deployment.spec.template.metadata.annotations).toEqual({
            [ANNOTATION_MODELKIT]: REFERENCES[env],
          });
          expect(pod.initContainers).toEqual([
            expect.objectContaining({
              name: 'modelkit',
              image: 'ghcr.io/kitops-ml/kitops-init:v1.7.0',
              env: [
                { name: 'MODELKIT_REF', value: REFERENCES[env] },
                { name: 'UNPACK_PATH', value: '/modelkit' },
                { name: 'UNPACK_FILTER', value: unpackFilter },
              ],
              volumeMounts: expect.arrayContaining([
                { name: 'modelkit', mountPath: '/modelkit' },
              ]),
            }),
          ]);
          expect(pod.containers).toEqual([
            expect.objectContaining({
              name: 'server',
              image: IMAGES[env],
              env: [
                { name: 'MODELKIT_REF', value: REFERENCES[env] },
                { name: 'MODELKIT_DIR', value: '/modelkit' },
                { name: 'MODEL_DIR', value: '/modelkit/model' },
                { name: 'MODEL_FRAMEWORK', value: 'transformers' },
              ],
              volumeMounts: expect.arrayContaining([
                { name: 'modelkit', mountPath: '/modelkit', readOnly: true },
              ]),
              resources: RESOURCES,
              readinessProbe: expect.objectContaining({
                httpGet: { path: '/health/ready', port: 'http' },
              }),
              livenessProbe: expect.objectContaining({
                httpGet: { path: '/health/live', port: 'http' },
              }),
            }),
          ]);
        },
      );

      it('agrees with the runtime image and the server on where the ModelKit is', async () => {
        const files = (await generate(style, base)).files;
        const deployment = (await overlay(style, base, 'staging')).find(
          o => o.kind === 'Deployment',
        );
        const { serverDir } = expectationsFor(style, base);
        const [init] = deployment.spec.template.spec.initContainers;
        const unpack = Object.fromEntries(
          init.env.map((variable: any) => [variable.name, variable.value]),
        );
        const server = Object.fromEntries(
          deployment.spec.template.spec.containers[0].env.map(
            (variable: any) => [variable.name, variable.value],
          ),
        );
        expect(server.MODELKIT_DIR).toBe(unpack.UNPACK_PATH);
        expect(server.MODEL_DIR).toBe(`${unpack.UNPACK_PATH}/model`);
        const dockerfile = files.get('Dockerfile')!;
        const imageEnv = dockerfileEnv(dockerfile);
        expect(imageEnv.MODELKIT_DIR).toBe(unpack.UNPACK_PATH);
        expect(imageEnv.MODEL_DIR).toBe(server.MODEL_DIR);
        expect(files.get('code/inference.py')!).toContain(
          `DEFAULT_MODELKIT_DIR = "${unpack.UNPACK_PATH}"`,
        );
        // The server runs from the image (fastapi) or from the ModelKit's unpacked code.
        const [, cmd] = dockerfile.match(/^CMD (\[.*\])$/m)!;
        const args: string[] = JSON.parse(cmd);
        expect(args[args.indexOf('--app-dir') + 1]).toBe(serverDir);
        // The code is where the server runs it: unpacked with the model, or copied in.
        const fromModelKit = serverDir!.startsWith(unpack.UNPACK_PATH);
        expect(unpack.UNPACK_FILTER.split(',').includes('code')).toBe(
          fromModelKit,
        );
        expect(
          dockerfile.includes(
            `COPY --chown=10001:10001 code/inference.py ${serverDir}/inference.py`,
          ),
        ).toBe(!fromModelKit);
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
          parseModelKitReference(REFERENCES.staging),
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

  it.each(servingStyles)(
    'pins nothing from CI when production is the only environment (%s)',
    async servingStyle => {
      const result = await scaffolder.dryRun(
        formValues({ servingStyle, environments: ['production'] }),
      );
      expect(result.status).toBe(200);
      const [workflow] = parseDocuments(
        result.files.get('.github/workflows/modelkit.yaml')!,
      );
      expect(Object.keys(workflow.jobs)).toEqual(
        servingStyle === 'kserve' ? ['modelkit'] : ['modelkit', 'image'],
      );
      expect(workflow.env.DEPLOY_ENVIRONMENT).toBeUndefined();
      expect(
        workflowErrors(result.files.get('.github/workflows/modelkit.yaml')!),
      ).toEqual([]);
      const deployFiles = [...result.files.keys()].filter(file =>
        file.startsWith('deploy/'),
      );
      expect(deployFiles.some(file => file.includes('staging'))).toBe(false);
      for (const file of deployFiles) {
        expect(result.files.get(file)).not.toMatch(/:latest\b/);
      }
    },
  );

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

describe('the modelkit-project template, on a portal whose kitstage.environments gates staging', () => {
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    scaffolder = await startScaffolder([baseModelKit], {
      policies: {
        lifecycles: {
          production: { rules: [{ id: 'signed', require: 'signature' }] },
        },
      },
      environments: [
        { name: 'staging', forbiddenLifecycles: ['experimental'] },
        { name: 'production', policy: 'production' },
      ],
    });
  });

  afterAll(async () => {
    await scaffolder.stop();
  });

  it('writes the project with CI that pins builds into no gated environment, and staging unpinned', async () => {
    const result = await scaffolder.dryRun(formValues());
    expect(result.body.error).toBeUndefined();
    expect(result.status).toBe(200);
    const workflow = yaml.parse(
      result.files.get('.github/workflows/modelkit.yaml')!,
    );
    // Every environment of the project is gated: CI packs, pushes, signs and attests only.
    expect(Object.keys(workflow.jobs)).toEqual(['modelkit', 'image']);
    expect(workflow.env.DEPLOY_ENVIRONMENT).toBeUndefined();
    for (const environment of ['staging', 'production']) {
      const patch = result.files.get(
        `deploy/overlays/${environment}/modelkit.yaml`,
      )!;
      expect(patch).toContain(
        `registry.example.com/nlp/support-sentiment@${UNPINNED_DIGEST}`,
      );
      expect(patch).not.toContain(':latest');
    }
  });
});
