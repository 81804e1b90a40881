/*
 * Objects as the Kubernetes API returns them, written from the Flux (kustomize-controller v1,
 * helm-controller v2, source-controller v1), Argo CD v1alpha1, KServe v1beta1 and Kubernetes
 * apps/v1 and core/v1 API references. List items of built-in kinds come without `kind` and
 * `apiVersion`, as from a real list call.
 */

export const COMMIT_APPLIED = 'main@sha1:5f0e2c1d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d';
export const COMMIT_FETCHED = 'main@sha1:9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
export const DIGEST_A = `sha256:${'a1'.repeat(32)}`;
export const DIGEST_B = `sha256:${'b2'.repeat(32)}`;

const NAMESPACE = 'nlp';
const NAME = 'support-sentiment-api';
const T = '2025-06-01T12:00:00Z';

type Json = Record<string, any>;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** Deep-merges plain objects; arrays and other values replace. */
export function merge(base: Json, patch: Json): Json {
  const result = clone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      result[key] &&
      typeof result[key] === 'object' &&
      !Array.isArray(result[key])
    ) {
      result[key] = merge(result[key], value);
    } else {
      result[key] = clone(value);
    }
  }
  return result;
}

export function condition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
): Json {
  return { type, status, reason, message, lastTransitionTime: T };
}

export function kustomization(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: NAME, namespace: 'flux-system', generation: 3 },
      spec: {
        interval: '10m',
        path: './deploy/production',
        prune: true,
        targetNamespace: NAMESPACE,
        sourceRef: { kind: 'GitRepository', name: NAME },
      },
      status: {
        observedGeneration: 3,
        lastAppliedRevision: COMMIT_APPLIED,
        lastAttemptedRevision: COMMIT_APPLIED,
        conditions: [
          condition(
            'Ready',
            'True',
            'ReconciliationSucceeded',
            `Applied revision: ${COMMIT_APPLIED}`,
          ),
        ],
      },
    },
    patch,
  );
}

export function gitRepository(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: NAME, namespace: 'flux-system', generation: 1 },
      spec: {
        interval: '1m',
        url: 'https://git.example.com/nlp/support-sentiment-api',
        ref: { branch: 'main' },
      },
      status: {
        observedGeneration: 1,
        artifact: {
          revision: COMMIT_APPLIED,
          digest: `sha256:${'c3'.repeat(32)}`,
          path: 'gitrepository/flux-system/support-sentiment-api/5f0e2c1d.tar.gz',
          url: 'http://source-controller.flux-system.svc.cluster.local./gitrepository/flux-system/support-sentiment-api/5f0e2c1d.tar.gz',
          lastUpdateTime: T,
        },
        conditions: [
          condition(
            'Ready',
            'True',
            'Succeeded',
            `stored artifact for revision '${COMMIT_APPLIED}'`,
          ),
          condition(
            'ArtifactInStorage',
            'True',
            'Succeeded',
            `stored artifact for revision '${COMMIT_APPLIED}'`,
          ),
        ],
      },
    },
    patch,
  );
}

export function ociRepository(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'fraud-scoring', namespace: 'flux-system', generation: 1 },
      spec: {
        interval: '5m',
        url: 'oci://registry.example.com/charts/fraud-scoring',
        ref: { semver: '1.x' },
        verify: { provider: 'cosign', secretRef: { name: 'cosign-pub' } },
      },
      status: {
        observedGeneration: 1,
        artifact: {
          revision: `1.4.0@${DIGEST_A}`,
          digest: `sha256:${'d4'.repeat(32)}`,
          path: 'ocirepository/flux-system/fraud-scoring/d4.tar.gz',
          url: 'http://source-controller.flux-system.svc.cluster.local./ocirepository/flux-system/fraud-scoring/d4.tar.gz',
          lastUpdateTime: T,
        },
        conditions: [
          condition(
            'Ready',
            'True',
            'Succeeded',
            `stored artifact for digest '1.4.0@${DIGEST_A}'`,
          ),
          condition(
            'SourceVerified',
            'True',
            'Succeeded',
            `verified signature of revision 1.4.0@${DIGEST_A}`,
          ),
        ],
      },
    },
    patch,
  );
}

export function helmRelease(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'fraud-scoring', namespace: 'flux-system', generation: 2 },
      spec: {
        interval: '10m',
        targetNamespace: 'risk',
        chartRef: { kind: 'OCIRepository', name: 'fraud-scoring' },
      },
      status: {
        observedGeneration: 2,
        lastAttemptedRevision: '1.4.0+a1a1a1a1a1a1',
        lastAttemptedRevisionDigest: DIGEST_A,
        history: [
          {
            name: 'fraud-scoring',
            namespace: 'risk',
            version: 4,
            status: 'deployed',
            chartName: 'fraud-scoring',
            chartVersion: '1.4.0+a1a1a1a1a1a1',
            ociDigest: DIGEST_A,
            digest: `sha256:${'e5'.repeat(32)}`,
            configDigest: `sha256:${'f6'.repeat(32)}`,
            firstDeployed: T,
            lastDeployed: T,
          },
        ],
        conditions: [
          condition(
            'Ready',
            'True',
            'UpgradeSucceeded',
            'Helm upgrade succeeded for release risk/fraud-scoring.v4 with chart fraud-scoring@1.4.0+a1a1a1a1a1a1',
          ),
          condition(
            'Released',
            'True',
            'UpgradeSucceeded',
            'Helm upgrade succeeded for release risk/fraud-scoring.v4 with chart fraud-scoring@1.4.0+a1a1a1a1a1a1',
          ),
        ],
      },
    },
    patch,
  );
}

export function application(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'review-sentiment-service', namespace: 'argocd', generation: 12 },
      spec: {
        project: 'default',
        source: {
          repoURL: 'https://git.example.com/nlp/review-sentiment-service',
          path: 'deploy',
          targetRevision: 'main',
        },
        destination: { server: 'https://kubernetes.default.svc', namespace: NAMESPACE },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
      status: {
        sync: { status: 'Synced', revision: '3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b' },
        health: { status: 'Healthy' },
        operationState: {
          phase: 'Succeeded',
          message: 'successfully synced (all tasks run)',
          startedAt: T,
          finishedAt: T,
        },
        resources: [
          {
            group: 'serving.kserve.io',
            version: 'v1beta1',
            kind: 'InferenceService',
            namespace: NAMESPACE,
            name: 'review-sentiment-service',
            status: 'Synced',
            health: { status: 'Healthy' },
          },
        ],
        reconciledAt: T,
      },
    },
    patch,
  );
}

export function deployment(patch: Json = {}): Json {
  return merge(
    {
      metadata: {
        name: NAME,
        namespace: NAMESPACE,
        generation: 5,
        labels: { 'backstage.io/kubernetes-id': NAME },
      },
      spec: { replicas: 2 },
      status: {
        observedGeneration: 5,
        replicas: 2,
        updatedReplicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        conditions: [
          condition(
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
          ),
          condition(
            'Progressing',
            'True',
            'NewReplicaSetAvailable',
            `ReplicaSet "${NAME}-7d9c6b5f4d" has successfully progressed.`,
          ),
        ],
      },
    },
    patch,
  );
}

export function replicaSet(patch: Json = {}): Json {
  return merge(
    {
      metadata: { name: `${NAME}-7d9c6b5f4d`, namespace: NAMESPACE, generation: 1 },
      spec: { replicas: 2 },
      status: {
        observedGeneration: 1,
        replicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        fullyLabeledReplicas: 2,
      },
    },
    patch,
  );
}

export function pod(name: string, patch: Json = {}): Json {
  return merge(
    {
      metadata: { name, namespace: NAMESPACE },
      status: {
        phase: 'Running',
        conditions: [
          condition('PodScheduled', 'True', '', ''),
          condition('Ready', 'True', '', ''),
        ],
        containerStatuses: [
          {
            name: 'api',
            ready: true,
            started: true,
            restartCount: 0,
            image: 'registry.example.com/nlp/support-sentiment-api:1.8.0',
            state: { running: { startedAt: T } },
          },
        ],
      },
    },
    patch,
  );
}

export function crashLoopingContainer(name = 'api', restarts = 7): Json {
  return {
    name,
    ready: false,
    started: false,
    restartCount: restarts,
    state: {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off 5m0s restarting failed container=${name} pod=x`,
      },
    },
    lastState: {
      terminated: {
        exitCode: 1,
        reason: 'Error',
        message: 'OSError: model weights not found in /models',
        startedAt: T,
        finishedAt: T,
      },
    },
  };
}

export function service(patch: Json = {}): Json {
  return merge(
    {
      metadata: { name: NAME, namespace: NAMESPACE },
      spec: { type: 'ClusterIP', ports: [{ port: 80, targetPort: 8080 }] },
      status: { loadBalancer: {} },
    },
    patch,
  );
}

export function inferenceService(patch: Json = {}): Json {
  return merge(
    {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name: 'review-sentiment-service', namespace: NAMESPACE, generation: 2 },
      spec: {
        predictor: {
          model: {
            modelFormat: { name: 'huggingface' },
            storageUri: 'kit://registry.example.com/kitstage-demo/review-sentiment:v2',
          },
        },
      },
      status: {
        observedGeneration: 2,
        url: 'http://review-sentiment-service.nlp.example.com',
        conditions: [
          condition('IngressReady', 'True', '', ''),
          condition('PredictorReady', 'True', '', ''),
          condition('Ready', 'True', '', ''),
        ],
        components: {
          predictor: {
            latestCreatedRevision: 'review-sentiment-service-predictor-00002',
            latestReadyRevision: 'review-sentiment-service-predictor-00002',
            latestRolledoutRevision: 'review-sentiment-service-predictor-00002',
            traffic: [
              {
                revisionName: 'review-sentiment-service-predictor-00002',
                percent: 100,
                latestRevision: true,
              },
            ],
          },
        },
        modelStatus: {
          transitionStatus: 'UpToDate',
          states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
        },
      },
    },
    patch,
  );
}

/** A healthy service delivered by a Flux Kustomization. */
export function healthyFluxService(): Record<string, Json[]> {
  return {
    kustomizations: [kustomization()],
    gitRepositories: [gitRepository()],
    deployments: [deployment()],
    replicaSets: [replicaSet()],
    pods: [pod(`${NAME}-7d9c6b5f4d-x2k9p`), pod(`${NAME}-7d9c6b5f4d-q8m4z`)],
    services: [service()],
  };
}
