import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import {
  entityProblems,
  kitfileProblems,
  kustomize,
  materialize,
  objectSchemaErrors,
  parseDocuments,
  shellcheck,
  workflowErrors,
  yamllint,
} from './checks';
import { startScaffolder } from './dryRun';
import { formValues } from './formValues';

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

const baseModelChoices: Record<string, Record<string, unknown>> = {
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

const servingStyles = ['fastapi', 'init-container', 'kserve'] as const;

const cases = servingStyles.flatMap(servingStyle =>
  Object.keys(baseModelChoices).map(base => [servingStyle, base] as const),
);

jest.setTimeout(180_000);

describe('the modelkit-project template, dry-run through the scaffolder', () => {
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  const dirs: string[] = [];

  beforeAll(async () => {
    scaffolder = await startScaffolder([baseModelKit]);
  });

  afterAll(async () => {
    await scaffolder.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(cases)(
    'generates a valid project for serving style %s with base model %s',
    async (servingStyle, base) => {
      const result = await scaffolder.dryRun(
        formValues({ servingStyle, ...baseModelChoices[base] }),
      );
      expect(result.body.error).toBeUndefined();
      expect(result.status).toBe(200);
      const files = result.files;
      const dir = materialize(files);
      dirs.push(dir);

      const expectedFiles = [
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
        ...(servingStyle === 'kserve'
          ? ['deploy/base/inferenceservice.yaml']
          : ['deploy/base/deployment.yaml', 'deploy/base/service.yaml']),
        ...['staging', 'production'].flatMap(env => [
          `deploy/overlays/${env}/kustomization.yaml`,
          `deploy/overlays/${env}/modelkit.yaml`,
          `clusters/${env}/support-sentiment.yaml`,
        ]),
      ];
      for (const file of expectedFiles) {
        expect([...files.keys()]).toContain(file);
      }

      // Kitfile
      const kitfile = files.get('Kitfile')!;
      expect(kitfileProblems(kitfile)).toEqual([]);
      const [kf] = parseDocuments(kitfile);
      expect(kf.package.name).toBe('support-sentiment');
      expect(kf.model.framework).toBe('transformers');
      const expectedModelPath = {
        none: 'model/',
        huggingface: 'registry.example.com/nlp/support-sentiment-base:main',
        modelkit: 'registry.example.com/kitstage-demo/sentiment-base:1.2.0',
      }[base];
      expect(kf.model.path).toBe(expectedModelPath);
      if (base !== 'none') {
        expect(kf.model.parts).toEqual([
          expect.objectContaining({ path: 'model/', type: 'weights' }),
        ]);
      }
      for (const section of ['code', 'datasets', 'docs']) {
        expect(kf[section].length).toBeGreaterThan(0);
        for (const entry of kf[section]) {
          expect(
            files.has(entry.path) ||
              [...files.keys()].some(f => f.startsWith(entry.path)),
          ).toBe(true);
        }
      }

      // Dockerfile and server
      const dockerfile = files.get('Dockerfile')!;
      expect(dockerfile).toMatch(
        /kit unpack "\$\{MODELKIT_REF\}" --filter="\$\{UNPACK_FILTER\}"/,
      );
      expect(dockerfile).toMatch(/^ARG UNPACK_FILTER=model,code$/m);
      expect(dockerfile).toMatch(/^USER 10001:10001$/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK /m);
      expect(dockerfile).toMatch(/^\s+MODEL_FRAMEWORK=transformers \\$/m);
      for (const image of dockerfile.match(/^ARG [A-Z_]+_IMAGE=(.+)$/gm) ??
        []) {
        expect(image).toMatch(/:v?\d+\.\d+\.\d+/);
      }
      const requirements = files
        .get('requirements.txt')!
        .split('\n')
        .filter(line => line.trim() && !line.startsWith('#'));
      expect(requirements).toContain('transformers==5.23.0');
      for (const line of requirements)
        expect(line).toMatch(/^[a-z0-9-]+==[0-9][0-9a-z.]*$/);
      const inference = files.get('code/inference.py')!;
      expect(inference).toMatch(/@app\.get\("\/health\/live"\)/);
      expect(inference).toMatch(/@app\.get\("\/health\/ready"\)/);
      expect(inference).toMatch(/@app\.post\("\/predict"/);

      // Kubernetes: each overlay builds, and every object validates
      const reference = 'registry.example.com/nlp/support-sentiment:latest';
      for (const env of ['staging', 'production']) {
        const objects = kustomize(path.join(dir, 'deploy/overlays', env));
        expect(objects.map(o => o.kind).sort()).toEqual(
          servingStyle === 'kserve'
            ? ['InferenceService']
            : ['Deployment', 'Service'],
        );
        expect(objectSchemaErrors(objects)).toEqual(
          objects.map(() => undefined),
        );
        for (const object of objects) {
          expect(object.metadata.namespace).toBe('nlp');
          expect(object.metadata.labels['backstage.io/kubernetes-id']).toBe(
            'support-sentiment',
          );
          expect(object.metadata.labels['kitstage.dev/environment']).toBe(env);
        }
        const workload = objects.find(o => o.kind !== 'Service');
        expect(workload.metadata.annotations['kitstage.dev/modelkit']).toBe(
          reference,
        );
        if (servingStyle === 'kserve') {
          const model = workload.spec.predictor.model;
          expect(model.storageUri).toBe(`kit://${reference}`);
          expect(model.modelFormat.name).toBe('huggingface');
          expect(model.resources.limits['nvidia.com/gpu']).toBe('1');
          expect(model.readinessProbe.httpGet.path).toBe('/v2/health/ready');
          expect(model.livenessProbe).toBeDefined();
        } else {
          const pod = workload.spec.template;
          expect(pod.metadata.labels['backstage.io/kubernetes-id']).toBe(
            'support-sentiment',
          );
          expect(workload.spec.replicas).toBe(2);
          const server = pod.spec.containers.find(
            (c: any) => c.name === 'server',
          );
          expect(server.image).toBe(
            'registry.example.com/nlp/support-sentiment-server:latest',
          );
          expect(server.readinessProbe.httpGet.path).toBe('/health/ready');
          expect(server.livenessProbe.httpGet.path).toBe('/health/live');
          expect(server.resources).toEqual({
            requests: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': '1' },
            limits: { cpu: '2', memory: '4Gi', 'nvidia.com/gpu': '1' },
          });
          expect(server.env).toContainEqual({
            name: 'MODELKIT_REF',
            value: reference,
          });
          const init = pod.spec.initContainers ?? [];
          if (servingStyle === 'init-container') {
            expect(init).toHaveLength(1);
            expect(init[0].env).toEqual(
              expect.arrayContaining([
                { name: 'MODELKIT_REF', value: reference },
                { name: 'UNPACK_FILTER', value: 'model' },
              ]),
            );
          } else {
            expect(init).toHaveLength(0);
          }
        }
      }

      // Flux
      for (const env of ['staging', 'production']) {
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
        const [, source, kustomization] = objects;
        expect(source.spec.url).toBe(
          'https://github.com/example/support-sentiment',
        );
        expect(kustomization.spec).toEqual(
          expect.objectContaining({
            path: `./deploy/overlays/${env}`,
            prune: true,
            sourceRef: { kind: 'GitRepository', name: 'support-sentiment' },
            targetNamespace: 'nlp',
            timeout: '5m',
            interval: '5m',
            healthChecks: [
              expect.objectContaining({
                kind:
                  servingStyle === 'kserve' ? 'InferenceService' : 'Deployment',
                name: 'support-sentiment',
                namespace: 'nlp',
              }),
            ],
          }),
        );
      }

      // Catalog
      const entities = parseDocuments(
        files.get('catalog-info.yaml')!,
      ) as Entity[];
      expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
        'Component:support-sentiment',
        'ModelKit:support-sentiment',
        ...(base === 'huggingface' ? ['ModelKit:support-sentiment-base'] : []),
      ]);
      for (const entity of entities) {
        expect(await entityProblems(entity)).toEqual([]);
      }
      expect(entities[1].spec?.baseModel).toBe(
        {
          none: undefined,
          huggingface: 'modelkit:support-sentiment-base',
          modelkit: 'modelkit:default/sentiment-base',
        }[base],
      );
      expect(entities[0].spec?.dependsOn).toEqual([
        'modelkit:support-sentiment',
      ]);

      // Workflow
      const workflowText = files.get('.github/workflows/modelkit.yaml')!;
      expect(workflowErrors(workflowText)).toEqual([]);
      const [workflow] = parseDocuments(workflowText);
      const steps = Object.values<any>(workflow.jobs).flatMap(job => job.steps);
      const scripts = steps
        .filter(step => step.run)
        .map(step => step.run as string);
      for (const script of scripts) {
        expect(script).not.toContain('${{');
        expect(shellcheck(script)).toBe('');
      }
      for (const step of steps) {
        for (const [key, value] of Object.entries<any>(step.with ?? {})) {
          expect(`${key}=${value}`).not.toMatch(/secrets\./);
        }
      }
      expect(workflowText).toMatch(/kit pack \. --tag/);
      expect(workflowText).toMatch(/kit push /);
      expect(workflowText).toMatch(/cosign sign --yes/);
      expect(workflowText).toMatch(
        /cosign attest --yes --type slsaprovenance1/,
      );
      expect(workflowText).toMatch(/git push origin/);
      expect(Object.keys(workflow.jobs)).toEqual(
        servingStyle === 'kserve'
          ? ['modelkit', 'deploy']
          : ['modelkit', 'image', 'deploy'],
      );
      expect(workflowText.includes('kit import')).toBe(base === 'huggingface');

      // yamllint over every YAML file
      const yamlFiles = [...files.keys()].filter(
        f => /\.ya?ml$/.test(f) || f === 'Kitfile',
      );
      expect(yamllint(dir, yamlFiles)).toBe('');
    },
  );

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
