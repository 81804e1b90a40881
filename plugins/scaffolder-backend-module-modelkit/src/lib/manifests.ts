import {
  ANNOTATION_MODELKIT,
  formatKitUri,
  formatOciReference,
  parseModelKitReference,
  parseOciRepository,
} from '@kitstage/plugin-modelkit-common';
import { ANNOTATION_KUBERNETES_ID } from './constants';

/**
 * How the generated project serves its model.
 *
 * @internal
 */
export type ServingStyle = 'fastapi' | 'init-container' | 'kserve';

/**
 * The structured description the Kubernetes and Flux manifests are built from.
 *
 * @internal
 */
export interface ManifestsSpec {
  name: string;
  namespace: string;
  servingStyle: ServingStyle;
  framework: string;
  /** ModelKit repository (registry host included) and the tag deployed until CI pins a digest. */
  modelKit: { repository: string; tag: string };
  /** Serving image, for the styles that build one. */
  image?: { repository: string; tag: string };
  replicas: number;
  resources: {
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string };
    gpu: number;
  };
  environments: string[];
  flux: {
    gitUrl: string;
    branch: string;
    clusterPath: string;
    interval: string;
    timeout: string;
  };
  kitInitImage: string;
}

/**
 * A file to write: its workspace-relative path, the objects it holds and a leading comment.
 *
 * @internal
 */
export interface ManifestFile {
  path: string;
  documents: Record<string, unknown>[];
  comment?: string;
}

const SERVER_PORT = 8000;
const KSERVE_PORT = 8080;
const FLUX_NAMESPACE = 'flux-system';

/**
 * How KServe serves each framework: the model format a ClusterServingRuntime must support, and
 * the inference protocol. TensorFlow Serving speaks only the v1 protocol; the Hugging Face,
 * TorchServe, Triton (ONNX) and MLServer (scikit-learn) runtimes speak v2, which has standard
 * health endpoints. `gguf` has no runtime shipped with KServe: the cluster needs a custom one.
 *
 * @internal
 */
export const KSERVE_RUNTIMES: Record<
  string,
  { modelFormat: string; protocolVersion: 'v1' | 'v2' }
> = {
  transformers: { modelFormat: 'huggingface', protocolVersion: 'v2' },
  pytorch: { modelFormat: 'pytorch', protocolVersion: 'v2' },
  onnx: { modelFormat: 'onnx', protocolVersion: 'v2' },
  sklearn: { modelFormat: 'sklearn', protocolVersion: 'v2' },
  tensorflow: { modelFormat: 'tensorflow', protocolVersion: 'v1' },
  gguf: { modelFormat: 'gguf', protocolVersion: 'v2' },
};

/**
 * The ModelKit reference the manifests start with: the repository at the given tag. CI replaces
 * it with a digest reference after each push.
 *
 * @internal
 */
export function initialModelKitReference(spec: ManifestsSpec): string {
  return formatOciReference({
    ...parseOciRepository(spec.modelKit.repository),
    tag: spec.modelKit.tag,
  });
}

function kitUri(reference: string): string {
  return formatKitUri(parseModelKitReference(reference));
}

function labels(spec: ManifestsSpec) {
  return {
    'app.kubernetes.io/name': spec.name,
    'app.kubernetes.io/component': 'model-server',
    [ANNOTATION_KUBERNETES_ID]: spec.name,
  };
}

function selectorLabels(spec: ManifestsSpec) {
  return { 'app.kubernetes.io/name': spec.name };
}

function resources(spec: ManifestsSpec) {
  const gpu =
    spec.resources.gpu > 0
      ? { 'nvidia.com/gpu': String(spec.resources.gpu) }
      : {};
  return {
    requests: { ...spec.resources.requests, ...gpu },
    limits: { ...spec.resources.limits, ...gpu },
  };
}

const restrictedSecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

function httpProbe(path: string, port: number | string, overrides = {}) {
  return {
    httpGet: { path, port },
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
    ...overrides,
  };
}

function deployment(spec: ManifestsSpec) {
  const reference = initialModelKitReference(spec);
  const initContainer = spec.servingStyle === 'init-container';
  // Where `kit unpack` puts the ModelKit: baked into the image, or in the volume the init
  // container fills. A base ModelKit's files land at the paths of its own Kitfile, so the
  // server searches MODEL_DIR first and then the whole ModelKit.
  const modelKitDir = initContainer ? '/modelkit' : '/app/modelkit';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: spec.name,
      labels: labels(spec),
      annotations: { [ANNOTATION_MODELKIT]: reference },
    },
    spec: {
      replicas: spec.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(spec) },
      template: {
        metadata: {
          labels: labels(spec),
          annotations: { [ANNOTATION_MODELKIT]: reference },
        },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          ...(initContainer
            ? {
                initContainers: [
                  {
                    name: 'modelkit',
                    image: spec.kitInitImage,
                    env: [
                      { name: 'MODELKIT_REF', value: reference },
                      { name: 'UNPACK_PATH', value: '/modelkit' },
                      { name: 'UNPACK_FILTER', value: 'model' },
                    ],
                    resources: {
                      requests: { cpu: '100m', memory: '128Mi' },
                      limits: { cpu: '1', memory: '1Gi' },
                    },
                    securityContext: restrictedSecurityContext,
                    volumeMounts: [
                      { name: 'modelkit', mountPath: '/modelkit' },
                      { name: 'kit-home', mountPath: '/home/user' },
                    ],
                  },
                ],
              }
            : {}),
          containers: [
            {
              name: 'server',
              image: `${spec.image!.repository}:${spec.image!.tag}`,
              ports: [{ name: 'http', containerPort: SERVER_PORT }],
              env: [
                { name: 'MODELKIT_REF', value: reference },
                { name: 'MODELKIT_DIR', value: modelKitDir },
                { name: 'MODEL_DIR', value: `${modelKitDir}/model` },
                { name: 'MODEL_FRAMEWORK', value: spec.framework },
              ],
              resources: resources(spec),
              startupProbe: httpProbe('/health/live', 'http', {
                failureThreshold: 60,
              }),
              readinessProbe: httpProbe('/health/ready', 'http'),
              livenessProbe: httpProbe('/health/live', 'http'),
              securityContext: restrictedSecurityContext,
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                ...(initContainer
                  ? [
                      {
                        name: 'modelkit',
                        mountPath: '/modelkit',
                        readOnly: true,
                      },
                    ]
                  : []),
              ],
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: {} },
            ...(initContainer
              ? [
                  { name: 'modelkit', emptyDir: {} },
                  { name: 'kit-home', emptyDir: {} },
                ]
              : []),
          ],
        },
      },
    },
  };
}

function service(spec: ManifestsSpec) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: spec.name, labels: labels(spec) },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(spec),
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

function kserveProbes(spec: ManifestsSpec) {
  const { protocolVersion } = KSERVE_RUNTIMES[spec.framework];
  if (protocolVersion === 'v1') {
    return {
      readinessProbe: httpProbe(`/v1/models/${spec.name}`, KSERVE_PORT),
      livenessProbe: {
        tcpSocket: { port: KSERVE_PORT },
        initialDelaySeconds: 30,
        periodSeconds: 10,
        timeoutSeconds: 5,
        failureThreshold: 3,
      },
    };
  }
  return {
    readinessProbe: httpProbe('/v2/health/ready', KSERVE_PORT),
    livenessProbe: httpProbe('/v2/health/live', KSERVE_PORT, {
      initialDelaySeconds: 30,
    }),
  };
}

function inferenceService(spec: ManifestsSpec) {
  const reference = initialModelKitReference(spec);
  const runtime = KSERVE_RUNTIMES[spec.framework];
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: spec.name,
      labels: labels(spec),
      annotations: { [ANNOTATION_MODELKIT]: reference },
    },
    spec: {
      predictor: {
        minReplicas: spec.replicas,
        labels: labels(spec),
        annotations: { [ANNOTATION_MODELKIT]: reference },
        model: {
          modelFormat: { name: runtime.modelFormat },
          protocolVersion: runtime.protocolVersion,
          storageUri: kitUri(reference),
          resources: resources(spec),
          ...kserveProbes(spec),
        },
      },
    },
  };
}

function workloadKind(spec: ManifestsSpec) {
  return spec.servingStyle === 'kserve'
    ? { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService' }
    : { apiVersion: 'apps/v1', kind: 'Deployment' };
}

/**
 * The patch each overlay applies: it carries the ModelKit reference of that environment, so
 * that CI and promotions change one small file per environment.
 */
function modelKitPatch(spec: ManifestsSpec) {
  const reference = initialModelKitReference(spec);
  const annotations = { [ANNOTATION_MODELKIT]: reference };
  if (spec.servingStyle === 'kserve') {
    return {
      ...workloadKind(spec),
      metadata: { name: spec.name, annotations },
      spec: {
        predictor: {
          annotations,
          model: { storageUri: kitUri(reference) },
        },
      },
    };
  }
  return {
    ...workloadKind(spec),
    metadata: { name: spec.name, annotations },
    spec: {
      template: {
        metadata: { annotations },
        spec: {
          ...(spec.servingStyle === 'init-container'
            ? {
                initContainers: [
                  {
                    name: 'modelkit',
                    env: [{ name: 'MODELKIT_REF', value: reference }],
                  },
                ],
              }
            : {}),
          containers: [
            {
              name: 'server',
              env: [{ name: 'MODELKIT_REF', value: reference }],
            },
          ],
        },
      },
    },
  };
}

function overlayKustomization(spec: ManifestsSpec, environment: string) {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../../base'],
    labels: [
      {
        pairs: { 'kitstage.dev/environment': environment },
        includeSelectors: false,
        includeTemplates: true,
      },
    ],
    patches: [{ path: 'modelkit.yaml' }],
    ...(spec.image
      ? {
          images: [
            {
              name: spec.image.repository,
              newTag: spec.image.tag,
            },
          ],
        }
      : {}),
  };
}

function fluxObjects(spec: ManifestsSpec, environment: string) {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: spec.namespace,
        annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
      },
    },
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: spec.name, namespace: FLUX_NAMESPACE },
      spec: {
        interval: '1m',
        url: spec.flux.gitUrl,
        ref: { branch: spec.flux.branch },
        ignore: '/*\n!/deploy/\n',
      },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: {
        name: `${spec.name}-${environment}`,
        namespace: FLUX_NAMESPACE,
      },
      spec: {
        interval: spec.flux.interval,
        retryInterval: '1m',
        timeout: spec.flux.timeout,
        path: `./deploy/overlays/${environment}`,
        prune: true,
        wait: false,
        sourceRef: { kind: 'GitRepository', name: spec.name },
        targetNamespace: spec.namespace,
        healthChecks: [
          { ...workloadKind(spec), name: spec.name, namespace: spec.namespace },
        ],
      },
    },
  ];
}

const GENERATED =
  'Written by the Kitstage modelkit-project template. Edit freely; CI updates the ModelKit\nreference in deploy/overlays/<environment>/modelkit.yaml.';

/**
 * Builds every Kubernetes, Kustomize and Flux file of a project.
 *
 * @internal
 */
export function buildManifests(spec: ManifestsSpec): ManifestFile[] {
  const workload =
    spec.servingStyle === 'kserve'
      ? [
          {
            path: 'deploy/base/inferenceservice.yaml',
            documents: [inferenceService(spec)],
          },
        ]
      : [
          {
            path: 'deploy/base/deployment.yaml',
            documents: [deployment(spec)],
          },
          { path: 'deploy/base/service.yaml', documents: [service(spec)] },
        ];

  const files: ManifestFile[] = [
    ...workload.map(file => ({ ...file, comment: GENERATED })),
    {
      path: 'deploy/base/kustomization.yaml',
      documents: [
        {
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          namespace: spec.namespace,
          resources: workload.map(file =>
            file.path.replace('deploy/base/', ''),
          ),
        },
      ],
    },
  ];

  for (const environment of spec.environments) {
    files.push(
      {
        path: `deploy/overlays/${environment}/kustomization.yaml`,
        documents: [overlayKustomization(spec, environment)],
      },
      {
        path: `deploy/overlays/${environment}/modelkit.yaml`,
        documents: [modelKitPatch(spec)],
        comment: `The ModelKit running in ${environment}. CI pins it by digest after each push;\npromotions change it by pull request.`,
      },
      {
        path: `${spec.flux.clusterPath}/${environment}/${spec.name}.yaml`,
        documents: fluxObjects(spec, environment),
        comment: `Flux objects that deploy ${spec.name} to ${environment}. Apply them in the ${environment}\ncluster, or commit them where that cluster's Flux reads its configuration.`,
      },
    );
  }
  return files;
}
