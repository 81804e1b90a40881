import { extractModelKitReferences } from './extractModelKitReferences';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('extractModelKitReferences', () => {
  it('reads a Deployment pod template: kit unpack, env and the annotation', () => {
    const found = extractModelKitReferences({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'nlp' },
      spec: {
        template: {
          metadata: {
            annotations: {
              'kitstage.dev/modelkit': `kit://registry.example.com/team/model:v1@${DIGEST}`,
            },
          },
          spec: {
            initContainers: [
              {
                name: 'unpack',
                command: ['/usr/local/bin/kit', 'unpack'],
                args: [
                  '--dir',
                  '/models',
                  'registry.example.com/team/model:v1',
                  '--filter=model',
                ],
              },
            ],
            containers: [
              {
                name: 'api',
                env: [
                  { name: 'MODEL_DIR', value: '/models' },
                  {
                    name: 'MODELKIT_URI',
                    value: 'kit://registry.example.com/team/other:v2',
                  },
                  { name: 'MODELKIT_REF', valueFrom: { secretKeyRef: {} } },
                ],
              },
            ],
          },
        },
      },
    });
    expect(
      found.map(({ reference, via, field }) => ({ reference, via, field })),
    ).toEqual([
      {
        reference: `registry.example.com/team/model:v1@${DIGEST}`,
        via: 'annotation',
        field: 'spec.template.metadata.annotations["kitstage.dev/modelkit"]',
      },
      {
        reference: 'registry.example.com/team/model:v1',
        via: 'kit-unpack',
        field: 'spec.template.spec.initContainers[0].command',
      },
      {
        reference: 'registry.example.com/team/other:v2',
        via: 'env',
        field: 'spec.template.spec.containers[0].env[1]',
      },
    ]);
    expect(found[0].parsed).toEqual({
      registry: 'registry.example.com',
      repository: 'team/model',
      tag: 'v1',
      digest: DIGEST,
    });
  });

  it('finds kit unpack inside a shell script and kit:// arguments of a pod', () => {
    const found = extractModelKitReferences({
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        initContainers: [
          {
            name: 'fetch',
            command: ['sh', '-c'],
            args: [
              "kit login r.example.com && kit unpack -d /m 'r.example.com/a/b:1.0' --overwrite",
            ],
          },
          {
            name: 'storage-initializer',
            args: ['kit://r.example.com/a/c:2', '/mnt/models'],
          },
        ],
      },
    });
    expect(found.map(f => [f.reference, f.via, f.field])).toEqual([
      ['r.example.com/a/b:1.0', 'kit-unpack', 'spec.initContainers[0].args[0]'],
      ['r.example.com/a/c:2', 'kit-uri', 'spec.initContainers[1].args[0]'],
    ]);
  });

  it('reads kit:// storage URIs of an InferenceService and ignores other schemes', () => {
    const found = extractModelKitReferences({
      kind: 'InferenceService',
      metadata: { name: 'isvc' },
      spec: {
        predictor: {
          model: { storageUri: 'kit://r.example.com/a/model:v3' },
          sklearn: { storageUri: 's3://bucket/model' },
        },
      },
    });
    expect(found.map(f => [f.reference, f.via, f.field])).toEqual([
      [
        'r.example.com/a/model:v3',
        'kit-uri',
        'spec.predictor.model.storageUri',
      ],
    ]);
  });

  it('leaves out values that are not ModelKit references', () => {
    expect(
      extractModelKitReferences({
        kind: 'Deployment',
        metadata: { annotations: { 'kitstage.dev/modelkit': 'not a ref!' } },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  command: ['kit', 'unpack', '--dir', '/m'],
                  env: [{ name: 'MODELKIT_REF', value: 'UPPER/Case:tag' }],
                },
              ],
            },
          },
        },
      }),
    ).toEqual([]);
  });

  it('reads oci:// and oci+native:// storage URIs: a ModelKit as modelcar', () => {
    const found = extractModelKitReferences({
      kind: 'InferenceService',
      metadata: { name: 'isvc' },
      spec: {
        predictor: {
          model: { storageUri: `oci://r.example.com/a/model:v3@${DIGEST}` },
          sklearn: { storageUri: 'oci+native://r.example.com/a/native:v1' },
          xgboost: { storageUri: 'oci://' },
        },
      },
    });
    expect(found.map(f => [f.reference, f.via, f.field])).toEqual([
      [
        `r.example.com/a/model:v3@${DIGEST}`,
        'oci-uri',
        'spec.predictor.model.storageUri',
      ],
      [
        'r.example.com/a/native:v1',
        'oci-uri',
        'spec.predictor.sklearn.storageUri',
      ],
    ]);
  });

  it('reads image volumes of a pod', () => {
    const found = extractModelKitReferences({
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        volumes: [
          { name: 'cache', emptyDir: {} },
          {
            name: 'model',
            image: {
              reference: 'r.example.com/a/model:v4',
              pullPolicy: 'IfNotPresent',
            },
          },
          { name: 'odd', image: { reference: 42 } },
          null,
        ],
        containers: [{ name: 'serve' }],
      },
    });
    expect(found.map(f => [f.reference, f.via, f.field])).toEqual([
      [
        'r.example.com/a/model:v4',
        'image-volume',
        'spec.volumes[1].image.reference',
      ],
    ]);
  });

  it('reads the model URI and pod templates of an LLMInferenceService', () => {
    const found = extractModelKitReferences({
      apiVersion: 'serving.kserve.io/v1alpha2',
      kind: 'LLMInferenceService',
      metadata: { name: 'llm' },
      spec: {
        model: { uri: `kit://r.example.com/a/llm:v1@${DIGEST}`, name: 'llm' },
        template: {
          volumes: [
            { name: 'm', image: { reference: 'r.example.com/a/adapter:v2' } },
          ],
        },
        worker: {
          containers: [
            {
              env: [
                { name: 'MODELKIT_REF', value: 'r.example.com/a/worker:v3' },
              ],
            },
          ],
        },
      },
    });
    expect(found.map(f => [f.reference, f.via, f.field])).toEqual([
      [`r.example.com/a/llm:v1@${DIGEST}`, 'kit-uri', 'spec.model.uri'],
      [
        'r.example.com/a/adapter:v2',
        'image-volume',
        'spec.template.volumes[0].image.reference',
      ],
      ['r.example.com/a/worker:v3', 'env', 'spec.worker.containers[0].env[0]'],
    ]);
    expect(
      extractModelKitReferences({
        kind: 'LLMInferenceService',
        spec: { model: { uri: 'hf://meta-llama/Llama-3.1-8B' } },
      }),
    ).toEqual([]);
    expect(extractModelKitReferences({ kind: 'LLMInferenceService' })).toEqual(
      [],
    );
  });

  it('reads the pod template of an Argo Rollout', () => {
    const found = extractModelKitReferences({
      kind: 'Rollout',
      metadata: { name: 'r' },
      spec: {
        template: {
          spec: {
            initContainers: [
              { command: ['kit', 'unpack', 'r.example.com/a/model:v5'] },
            ],
          },
        },
      },
    });
    expect(found.map(f => [f.reference, f.via, f.field])).toEqual([
      [
        'r.example.com/a/model:v5',
        'kit-unpack',
        'spec.template.spec.initContainers[0].command',
      ],
    ]);
  });
});
