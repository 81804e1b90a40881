import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealthStatus,
  HEALTH_REASON_CODES,
  HealthReasonCode,
} from './DeploymentHealth';
import { DeploymentHealthInput } from './DeploymentHealthInput';
import { evaluateDeploymentHealth } from './evaluateDeploymentHealth';
import {
  application,
  COMMIT_APPLIED,
  COMMIT_FETCHED,
  condition,
  crashLoopingContainer,
  deployment,
  DIGEST_A,
  DIGEST_B,
  gitRepository,
  healthyFluxService,
  helmRelease,
  inferenceService,
  kustomization,
  ociRepository,
  pod,
  replicaSet,
  service,
} from './__fixtures__/objects';
import { ARGOCD_RESOURCE_SCENARIOS } from './__fixtures__/argoCdResources';
import { LLM_INFERENCE_SERVICE_SCENARIOS } from './__fixtures__/llmInferenceServices';
import { ROLLOUT_SCENARIOS } from './__fixtures__/rollouts';

interface Scenario {
  name: string;
  input: unknown;
  status: DeploymentHealthStatus;
  codes: HealthReasonCode[];
}

const healthy = healthyFluxService();
const with_ = (patch: Record<string, unknown>) => ({ ...healthy, ...patch });

const verificationMessage =
  "failed to verify the signature using provider 'cosign': no matching signatures were found for 'oci://registry.example.com/charts/fraud-scoring:1.5.0'";
const buildMessage =
  'kustomize build failed: map[string]interface {}(nil): yaml: unmarshal errors:\n  line 12: mapping key "image" already defined at line 10';

const scenarios: Scenario[] = [
  // Presence
  {
    name: 'nothing observed',
    input: {},
    status: 'not-deployed',
    codes: ['no-objects'],
  },
  {
    name: 'only a source and a ModelKit reference',
    input: {
      gitRepositories: [gitRepository()],
      modelKits: [
        { reference: 'registry.example.com/a/b:v1', pinnedByDigest: false },
      ],
    },
    status: 'not-deployed',
    codes: ['no-objects'],
  },
  {
    name: 'healthy Flux service',
    input: healthy,
    status: 'healthy',
    codes: [],
  },
  {
    name: 'a ready Kustomization without any workload',
    input: {
      kustomizations: [kustomization()],
      gitRepositories: [gitRepository()],
    },
    status: 'healthy',
    codes: ['no-workloads'],
  },
  {
    name: 'a Service alone counts as deployed',
    input: { services: [service()] },
    status: 'healthy',
    codes: [],
  },

  // Flux Kustomization
  {
    name: 'reconciling',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            conditions: [
              condition(
                'Reconciling',
                'True',
                'Progressing',
                `Fetching manifests for revision ${COMMIT_FETCHED} with a timeout of 9m30s`,
              ),
              condition(
                'Ready',
                'Unknown',
                'Progressing',
                'Reconciliation in progress',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'progressing',
    codes: ['flux-reconciling'],
  },
  {
    name: 'Kustomization failed with a message',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            lastAttemptedRevision: COMMIT_FETCHED,
            conditions: [
              condition(
                'Reconciling',
                'True',
                'ProgressingWithRetry',
                'Detecting drift',
              ),
              condition('Ready', 'False', 'BuildFailed', buildMessage),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['flux-not-ready'],
  },
  {
    name: 'Kustomization failed on a new revision the source fetched',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            lastAttemptedRevision: COMMIT_FETCHED,
            conditions: [
              condition(
                'Ready',
                'False',
                'HealthCheckFailed',
                "timeout waiting for: [Deployment/nlp/support-sentiment-api status: 'InProgress']",
              ),
            ],
          },
        }),
      ],
      gitRepositories: [
        gitRepository({ status: { artifact: { revision: COMMIT_FETCHED } } }),
      ],
    }),
    status: 'degraded',
    codes: ['flux-not-ready', 'flux-revision-not-applied'],
  },
  {
    name: 'stalled wins over the Ready message it repeats',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            conditions: [
              condition(
                'Ready',
                'False',
                'InvalidCELExpression',
                'terminal error: invalid CEL',
              ),
              condition(
                'Stalled',
                'True',
                'InvalidCELExpression',
                'terminal error: invalid CEL',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['flux-stalled'],
  },
  {
    name: 'waiting for a dependency',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            conditions: [
              condition(
                'Ready',
                'False',
                'DependencyNotReady',
                "dependency 'flux-system/infra-controllers' is not ready",
              ),
            ],
          },
        }),
      ],
    }),
    status: 'progressing',
    codes: ['flux-dependency-not-ready'],
  },
  {
    name: 'Ready False with a progressing reason is reconciling',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            conditions: [
              condition(
                'Ready',
                'False',
                'Progressing',
                'Reconciliation in progress',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'progressing',
    codes: ['flux-reconciling'],
  },
  {
    name: 'suspended: its frozen failure is not judged',
    input: with_({
      kustomizations: [
        kustomization({
          spec: { suspend: true },
          status: {
            conditions: [
              condition('Ready', 'False', 'BuildFailed', buildMessage),
            ],
          },
        }),
      ],
      gitRepositories: [
        gitRepository({ status: { artifact: { revision: COMMIT_FETCHED } } }),
      ],
    }),
    status: 'suspended',
    codes: ['flux-suspended'],
  },
  {
    name: 'suspended wins over a rollout in progress',
    input: with_({
      kustomizations: [kustomization({ spec: { suspend: true } })],
      deployments: [
        deployment({
          status: {
            updatedReplicas: 1,
            availableReplicas: 2,
            replicas: 3,
            conditions: [
              condition(
                'Progressing',
                'True',
                'ReplicaSetUpdated',
                'ReplicaSet "x" is progressing.',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'suspended',
    codes: ['flux-suspended', 'deployment-rollout-in-progress'],
  },
  {
    name: 'degraded wins over suspended: crash-looping under a suspended Kustomization',
    input: with_({
      kustomizations: [kustomization({ spec: { suspend: true } })],
      pods: [
        pod('support-sentiment-api-7d9c6b5f4d-x2k9p', {
          status: { containerStatuses: [crashLoopingContainer()] },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['pod-crash-looping', 'flux-suspended'],
  },
  {
    name: 'stale status: observedGeneration behind generation',
    input: with_({
      kustomizations: [kustomization({ metadata: { generation: 4 } })],
    }),
    status: 'progressing',
    codes: ['status-not-current'],
  },
  {
    name: 'fetched revision not applied yet',
    input: with_({
      gitRepositories: [
        gitRepository({ status: { artifact: { revision: COMMIT_FETCHED } } }),
      ],
    }),
    status: 'progressing',
    codes: ['flux-revision-not-applied'],
  },
  {
    name: 'nothing applied yet while the source has an artifact',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            lastAppliedRevision: null,
            conditions: [
              condition(
                'Reconciling',
                'True',
                'Progressing',
                'Building manifests',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'progressing',
    codes: ['flux-reconciling', 'flux-revision-not-applied'],
  },
  {
    name: 'source verification failed: the last verified artifact is served',
    input: with_({
      gitRepositories: [
        gitRepository({
          spec: {
            verify: { mode: 'HEAD', secretRef: { name: 'pgp-public-keys' } },
          },
          status: {
            conditions: [
              condition(
                'Ready',
                'False',
                'VerificationError',
                'signature verification of commit failed: no matching key',
              ),
              condition(
                'SourceVerified',
                'False',
                'VerificationError',
                'signature verification of commit failed: no matching key',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['flux-source-verification-failed'],
  },
  {
    name: 'source fetch failing',
    input: with_({
      gitRepositories: [
        gitRepository({
          status: {
            conditions: [
              condition(
                'Ready',
                'False',
                'GitOperationFailed',
                "failed to checkout and determine revision: unable to clone 'https://git.example.com/nlp/support-sentiment-api': authentication required",
              ),
              condition(
                'FetchFailed',
                'True',
                'GitOperationFailed',
                'authentication required',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['flux-source-not-ready'],
  },
  {
    name: 'source verification failed while retrying reports the failure once',
    input: with_({
      gitRepositories: [
        gitRepository({
          status: {
            conditions: [
              condition(
                'Reconciling',
                'True',
                'ProgressingWithRetry',
                'retrying',
              ),
              condition(
                'Ready',
                'False',
                'InvalidCommitSignature',
                'signature verification failed',
              ),
              condition(
                'SourceVerified',
                'False',
                'InvalidCommitSignature',
                'signature verification failed',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['flux-source-verification-failed'],
  },
  {
    name: 'source Ready False with a retry reason is reconciling',
    input: with_({
      gitRepositories: [
        gitRepository({
          status: {
            conditions: [
              condition('Ready', 'False', 'ProgressingWithRetry', 'fetching'),
            ],
          },
        }),
      ],
    }),
    status: 'progressing',
    codes: ['flux-reconciling'],
  },
  {
    name: 'source fetching a new revision',
    input: with_({
      gitRepositories: [
        gitRepository({
          status: {
            conditions: [
              condition(
                'Reconciling',
                'True',
                'Progressing',
                'building artifact: new upstream revision',
              ),
              condition('Ready', 'Unknown', 'Progressing', 'building artifact'),
            ],
          },
        }),
      ],
    }),
    status: 'progressing',
    codes: ['flux-reconciling'],
  },
  {
    name: 'suspended source',
    input: with_({
      gitRepositories: [gitRepository({ spec: { suspend: true } })],
    }),
    status: 'suspended',
    codes: ['flux-suspended'],
  },
  {
    name: 'failing sources nobody references are ignored',
    input: with_({
      gitRepositories: [
        gitRepository(),
        gitRepository({
          metadata: { name: 'someone-else' },
          status: {
            conditions: [
              condition('Ready', 'False', 'GitOperationFailed', 'boom'),
            ],
          },
        }),
      ],
    }),
    status: 'healthy',
    codes: [],
  },
  {
    name: 'sourceRef.namespace selects a source in another namespace',
    input: with_({
      kustomizations: [
        kustomization({ spec: { sourceRef: { namespace: 'shared' } } }),
      ],
      gitRepositories: [
        gitRepository(),
        gitRepository({
          metadata: { namespace: 'shared' },
          status: {
            conditions: [
              condition('Ready', 'False', 'GitOperationFailed', 'boom'),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['flux-source-not-ready'],
  },
  {
    name: 'a Kustomization without any condition has no readable status',
    input: with_({
      kustomizations: [kustomization({ status: { conditions: [] } })],
    }),
    status: 'unknown',
    codes: ['status-missing'],
  },

  // Flux HelmRelease with an OCIRepository chart
  {
    name: 'healthy HelmRelease',
    input: {
      helmReleases: [helmRelease()],
      ociRepositories: [ociRepository()],
      deployments: [deployment()],
    },
    status: 'healthy',
    codes: [],
  },
  {
    name: 'HelmRelease upgrade failed',
    input: {
      helmReleases: [
        helmRelease({
          status: {
            conditions: [
              condition(
                'Ready',
                'False',
                'UpgradeFailed',
                'Helm upgrade failed for release risk/fraud-scoring with chart fraud-scoring@1.5.0: context deadline exceeded',
              ),
              condition(
                'Released',
                'False',
                'UpgradeFailed',
                'context deadline exceeded',
              ),
              condition(
                'Remediated',
                'True',
                'RollbackSucceeded',
                'Helm rollback to previous release risk/fraud-scoring.v4 succeeded',
              ),
            ],
          },
        }),
      ],
      ociRepositories: [ociRepository()],
      deployments: [deployment()],
    },
    status: 'degraded',
    codes: ['flux-not-ready'],
  },
  {
    name: 'HelmRelease behind the OCI digest its source fetched',
    input: {
      helmReleases: [helmRelease()],
      ociRepositories: [
        ociRepository({
          status: { artifact: { revision: `1.5.0@${DIGEST_B}` } },
        }),
      ],
      deployments: [deployment()],
    },
    status: 'progressing',
    codes: ['flux-revision-not-applied'],
  },
  {
    name: 'OCIRepository signature verification failed',
    input: {
      helmReleases: [helmRelease()],
      ociRepositories: [
        ociRepository({
          status: {
            conditions: [
              condition(
                'Ready',
                'False',
                'VerificationError',
                verificationMessage,
              ),
              condition(
                'SourceVerified',
                'False',
                'VerificationError',
                verificationMessage,
              ),
            ],
          },
        }),
      ],
      deployments: [deployment()],
    },
    status: 'degraded',
    codes: ['flux-source-verification-failed'],
  },
  {
    name: 'suspended HelmRelease',
    input: {
      helmReleases: [helmRelease({ spec: { suspend: true } })],
      ociRepositories: [ociRepository()],
      deployments: [deployment()],
    },
    status: 'suspended',
    codes: ['flux-suspended'],
  },

  // Argo CD
  {
    name: 'synced and healthy Application',
    input: {
      applications: [application()],
      inferenceServices: [inferenceService()],
    },
    status: 'healthy',
    codes: [],
  },
  {
    name: 'Application OutOfSync',
    input: {
      applications: [
        application({
          spec: { syncPolicy: null },
          status: {
            sync: { status: 'OutOfSync' },
            resources: [
              {
                kind: 'InferenceService',
                namespace: 'nlp',
                name: 'review-sentiment-service',
                status: 'OutOfSync',
              },
            ],
          },
        }),
      ],
      inferenceServices: [inferenceService()],
    },
    status: 'progressing',
    codes: ['argocd-out-of-sync'],
  },
  {
    name: 'Application Degraded',
    input: {
      applications: [
        application({
          status: {
            health: { status: 'Degraded' },
            resources: [
              {
                kind: 'Deployment',
                namespace: 'nlp',
                name: 'review-sentiment-service',
                status: 'Synced',
                health: {
                  status: 'Degraded',
                  message:
                    'Deployment "review-sentiment-service" exceeded its progress deadline',
                },
              },
            ],
          },
        }),
      ],
      deployments: [deployment()],
    },
    status: 'degraded',
    codes: ['argocd-degraded'],
  },
  {
    name: 'Application sync operation failed',
    input: {
      applications: [
        application({
          status: {
            sync: { status: 'OutOfSync' },
            operationState: {
              phase: 'Failed',
              message:
                'one or more objects failed to apply, reason: admission webhook "validate.kserve.io" denied the request',
            },
          },
        }),
      ],
      inferenceServices: [inferenceService()],
    },
    status: 'degraded',
    codes: ['argocd-operation-failed', 'argocd-out-of-sync'],
  },
  {
    name: 'Application cannot be compared',
    input: {
      applications: [
        application({
          status: {
            sync: { status: 'Unknown' },
            health: { status: 'Healthy' },
            conditions: [
              {
                type: 'ComparisonError',
                message:
                  'Failed to load target state: rpc error: code = Unknown desc = authentication required',
              },
              {
                type: 'SharedResourceWarning',
                message:
                  'InferenceService/review-sentiment-service is part of applications argocd/a and argocd/b',
              },
            ],
          },
        }),
      ],
      inferenceServices: [inferenceService()],
    },
    status: 'degraded',
    codes: [
      'argocd-condition-error',
      'argocd-sync-unknown',
      'argocd-condition-warning',
    ],
  },
  {
    name: 'Application progressing with a sync running',
    input: {
      applications: [
        application({
          status: {
            health: { status: 'Progressing' },
            operationState: {
              phase: 'Running',
              message:
                'waiting for healthy state of serving.kserve.io/InferenceService/review-sentiment-service',
            },
          },
        }),
      ],
      inferenceServices: [inferenceService()],
    },
    status: 'progressing',
    codes: ['argocd-operation-running', 'argocd-progressing'],
  },
  {
    name: 'Application resources missing',
    input: {
      applications: [
        application({
          status: {
            sync: { status: 'OutOfSync' },
            health: { status: 'Missing' },
          },
        }),
      ],
    },
    status: 'progressing',
    codes: ['argocd-out-of-sync', 'argocd-missing', 'no-workloads'],
  },
  {
    name: 'Application suspended',
    input: {
      applications: [
        application({ status: { health: { status: 'Suspended' } } }),
      ],
      deployments: [deployment()],
    },
    status: 'suspended',
    codes: ['argocd-suspended'],
  },
  {
    name: 'Application health unknown',
    input: {
      applications: [
        application({ status: { health: { status: 'Unknown' } } }),
      ],
      deployments: [deployment()],
    },
    status: 'unknown',
    codes: ['argocd-health-unknown'],
  },
  {
    name: 'Application not compared yet',
    input: {
      applications: [
        application({
          status: { sync: null, health: null, operationState: null },
        }),
      ],
      deployments: [deployment()],
    },
    status: 'unknown',
    codes: ['status-missing'],
  },

  // Deployments, ReplicaSets, Pods, Services
  {
    name: 'rollout in progress',
    input: with_({
      deployments: [
        deployment({
          status: {
            replicas: 3,
            updatedReplicas: 1,
            availableReplicas: 2,
            conditions: [
              condition(
                'Progressing',
                'True',
                'ReplicaSetUpdated',
                'ReplicaSet "support-sentiment-api-6c8b5d7f9" is progressing.',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'progressing',
    codes: ['deployment-rollout-in-progress'],
  },
  {
    name: 'Deployment status not current yet',
    input: with_({
      deployments: [deployment({ metadata: { generation: 6 } })],
    }),
    status: 'progressing',
    codes: ['status-not-current', 'deployment-rollout-in-progress'],
  },
  {
    name: 'progress deadline exceeded',
    input: with_({
      deployments: [
        deployment({
          status: {
            availableReplicas: 1,
            conditions: [
              condition(
                'Available',
                'True',
                'MinimumReplicasAvailable',
                'Deployment has minimum availability.',
              ),
              condition(
                'Progressing',
                'False',
                'ProgressDeadlineExceeded',
                'ReplicaSet "support-sentiment-api-6c8b5d7f9" has timed out progressing.',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['deployment-progress-deadline-exceeded'],
  },
  {
    name: 'replicas unavailable after a finished rollout',
    input: with_({
      deployments: [
        deployment({
          status: {
            readyReplicas: 0,
            availableReplicas: 0,
            unavailableReplicas: 2,
            conditions: [
              condition(
                'Available',
                'False',
                'MinimumReplicasUnavailable',
                'Deployment does not have minimum availability.',
              ),
              condition(
                'Progressing',
                'True',
                'NewReplicaSetAvailable',
                'ReplicaSet "support-sentiment-api-7d9c6b5f4d" has successfully progressed.',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['replicas-unavailable'],
  },
  {
    name: 'paused Deployment',
    input: with_({ deployments: [deployment({ spec: { paused: true } })] }),
    status: 'suspended',
    codes: ['deployment-paused'],
  },
  {
    name: 'scaled to zero',
    input: with_({
      deployments: [
        deployment({
          spec: { replicas: 0 },
          status: {
            replicas: 0,
            updatedReplicas: 0,
            readyReplicas: 0,
            availableReplicas: 0,
          },
        }),
      ],
      pods: [],
    }),
    status: 'healthy',
    codes: ['deployment-scaled-to-zero'],
  },
  {
    name: 'ReplicaSet cannot create pods (reported once)',
    input: with_({
      deployments: [
        deployment({
          status: {
            conditions: [
              condition(
                'Available',
                'True',
                'MinimumReplicasAvailable',
                'Deployment has minimum availability.',
              ),
              condition('Progressing', 'True', 'NewReplicaSetAvailable', 'ok'),
              condition(
                'ReplicaFailure',
                'True',
                'FailedCreate',
                'pods "support-sentiment-api-7d9c6b5f4d-" is forbidden: exceeded quota: compute',
              ),
            ],
          },
        }),
      ],
      replicaSets: [
        replicaSet({
          status: {
            conditions: [
              condition(
                'ReplicaFailure',
                'True',
                'FailedCreate',
                'pods "support-sentiment-api-7d9c6b5f4d-" is forbidden: exceeded quota: compute',
              ),
            ],
          },
        }),
        replicaSet({
          metadata: { name: 'support-sentiment-api-old' },
          spec: { replicas: 0 },
          status: {
            conditions: [
              condition(
                'ReplicaFailure',
                'True',
                'FailedCreate',
                'old failure',
              ),
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['replica-failure'],
  },
  {
    name: 'crash-looping pods during a rollout',
    input: with_({
      deployments: [
        deployment({
          status: {
            availableReplicas: 0,
            readyReplicas: 0,
            conditions: [
              condition(
                'Progressing',
                'True',
                'ReplicaSetUpdated',
                'ReplicaSet "support-sentiment-api-6c8b5d7f9" is progressing.',
              ),
            ],
          },
        }),
      ],
      pods: [
        pod('support-sentiment-api-6c8b5d7f9-a', {
          status: { containerStatuses: [crashLoopingContainer('api', 7)] },
        }),
        pod('support-sentiment-api-6c8b5d7f9-b', {
          status: { containerStatuses: [crashLoopingContainer('api', 6)] },
        }),
      ],
    }),
    status: 'degraded',
    codes: [
      'pod-crash-looping',
      'pod-crash-looping',
      'deployment-rollout-in-progress',
    ],
  },
  {
    name: 'kit unpack init container crash-looping',
    input: with_({
      pods: [
        pod('support-sentiment-api-7d9c6b5f4d-x2k9p', {
          status: {
            phase: 'Pending',
            initContainerStatuses: [crashLoopingContainer('kit-unpack', 4)],
            containerStatuses: [
              {
                name: 'api',
                ready: false,
                restartCount: 0,
                state: { waiting: { reason: 'PodInitializing' } },
              },
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['pod-crash-looping'],
  },
  {
    name: 'image pull failing',
    input: with_({
      pods: [
        pod('p', {
          status: {
            containerStatuses: [
              {
                name: 'api',
                restartCount: 0,
                state: {
                  waiting: {
                    reason: 'ImagePullBackOff',
                    message:
                      'Back-off pulling image "registry.example.com/nlp/support-sentiment-api:1.9.0"',
                  },
                },
              },
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['pod-image-pull-failed'],
  },
  {
    name: 'container config error',
    input: with_({
      pods: [
        pod('p', {
          status: {
            containerStatuses: [
              {
                name: 'api',
                restartCount: 0,
                state: {
                  waiting: {
                    reason: 'CreateContainerConfigError',
                    message: 'secret "hf-token" not found',
                  },
                },
              },
            ],
          },
        }),
      ],
    }),
    status: 'degraded',
    codes: ['pod-container-error'],
  },
  {
    name: 'restarted often but running now',
    input: with_({
      pods: [
        pod('p', {
          status: {
            containerStatuses: [
              { name: 'api', restartCount: 9, state: { running: {} } },
            ],
          },
        }),
      ],
    }),
    status: 'healthy',
    codes: ['pod-restarting'],
  },
  {
    name: 'terminating and completed pods are ignored',
    input: with_({
      pods: [
        pod('old', {
          metadata: { deletionTimestamp: '2025-06-01T12:05:00Z' },
          status: { containerStatuses: [crashLoopingContainer()] },
        }),
        pod('job', { status: { phase: 'Succeeded' } }),
      ],
    }),
    status: 'healthy',
    codes: [],
  },
  {
    name: 'evicted pod',
    input: with_({
      pods: [
        pod('p', {
          status: {
            phase: 'Failed',
            reason: 'Evicted',
            message: 'The node was low on resource: memory.',
          },
        }),
      ],
    }),
    status: 'healthy',
    codes: ['pod-failed'],
  },
  {
    name: 'unschedulable pod',
    input: with_({
      pods: [
        pod('p', {
          status: {
            phase: 'Pending',
            conditions: [
              condition(
                'PodScheduled',
                'False',
                'Unschedulable',
                '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
              ),
            ],
            containerStatuses: [],
          },
        }),
      ],
    }),
    status: 'progressing',
    codes: ['pod-unschedulable'],
  },
  {
    name: 'LoadBalancer without an address',
    input: with_({ services: [service({ spec: { type: 'LoadBalancer' } })] }),
    status: 'progressing',
    codes: ['service-load-balancer-pending'],
  },
  {
    name: 'Deployment being deleted',
    input: with_({
      deployments: [
        deployment({ metadata: { deletionTimestamp: '2025-06-01T12:05:00Z' } }),
      ],
    }),
    status: 'progressing',
    codes: ['object-terminating'],
  },

  // KServe
  {
    name: 'ready InferenceService',
    input: { inferenceServices: [inferenceService()] },
    status: 'healthy',
    codes: [],
  },
  {
    name: 'canary at 10 %',
    input: {
      inferenceServices: [
        inferenceService({
          metadata: { generation: 3 },
          spec: { predictor: { canaryTrafficPercent: 10 } },
          status: {
            observedGeneration: 3,
            components: {
              predictor: {
                latestCreatedRevision:
                  'review-sentiment-service-predictor-00003',
                latestReadyRevision: 'review-sentiment-service-predictor-00003',
                latestRolledoutRevision:
                  'review-sentiment-service-predictor-00002',
                traffic: [
                  {
                    revisionName: 'review-sentiment-service-predictor-00003',
                    percent: 10,
                    latestRevision: true,
                    tag: 'latest',
                  },
                  {
                    revisionName: 'review-sentiment-service-predictor-00002',
                    percent: 90,
                    latestRevision: false,
                    tag: 'prev',
                  },
                ],
              },
            },
          },
        }),
      ],
    },
    status: 'progressing',
    codes: ['inference-service-canary'],
  },
  {
    name: 'InferenceService and predictor not ready',
    input: {
      inferenceServices: [
        inferenceService({
          status: {
            conditions: [
              condition(
                'PredictorReady',
                'False',
                'RevisionFailed',
                'Revision "review-sentiment-service-predictor-00003" failed with message: Container failed with: storage initializer: kit unpack: unauthorized.',
              ),
              condition(
                'Ready',
                'False',
                'RevisionFailed',
                'Revision "review-sentiment-service-predictor-00003" failed with message: Container failed with: storage initializer: kit unpack: unauthorized.',
              ),
            ],
          },
        }),
      ],
    },
    status: 'degraded',
    codes: [
      'inference-service-not-ready',
      'inference-service-predictor-not-ready',
    ],
  },
  {
    name: 'InferenceService rolling out',
    input: {
      inferenceServices: [
        inferenceService({
          status: {
            conditions: [
              condition(
                'Ready',
                'Unknown',
                'RevisionMissing',
                'Configuration "review-sentiment-service-predictor" is waiting for a Revision to become ready.',
              ),
            ],
          },
        }),
      ],
    },
    status: 'progressing',
    codes: ['inference-service-pending'],
  },
  {
    name: 'model failed to load',
    input: {
      inferenceServices: [
        inferenceService({
          status: {
            modelStatus: {
              transitionStatus: 'BlockedByFailedLoad',
              states: {
                activeModelState: 'Loaded',
                targetModelState: 'FailedToLoad',
              },
              lastFailureInfo: {
                reason: 'ModelLoadFailed',
                message: 'Failed to load model: unsupported architecture',
              },
            },
          },
        }),
      ],
    },
    status: 'degraded',
    codes: ['inference-service-model-load-failed'],
  },
  {
    name: 'stopped InferenceService',
    input: {
      inferenceServices: [
        inferenceService({
          status: {
            conditions: [
              condition(
                'Ready',
                'False',
                'Stopped',
                'The inference service is stopped',
              ),
              condition(
                'Stopped',
                'True',
                'Stopped',
                'The inference service is stopped',
              ),
            ],
          },
        }),
      ],
    },
    status: 'suspended',
    codes: ['inference-service-stopped'],
  },

  // ModelKits
  {
    name: 'running version fails policy',
    input: with_({
      modelKits: [
        {
          reference: `registry.example.com/kitstage-demo/support-sentiment@${DIGEST_A}`,
          digest: DIGEST_A,
          pinnedByDigest: true,
          policy: 'failed',
          policyMessage:
            'no SLSA provenance signed by https://github.com/kitstage-demo/*',
          object: {
            kind: 'Deployment',
            namespace: 'nlp',
            name: 'support-sentiment-api',
          },
        },
      ],
    }),
    status: 'degraded',
    codes: ['modelkit-policy-failed'],
  },
  {
    name: 'mutable tag and missing attestation warn without changing the status',
    input: with_({
      modelKits: [
        {
          reference: 'registry.example.com/kitstage-demo/support-sentiment:v3',
          digest: DIGEST_B,
          pinnedByDigest: false,
          policy: 'missing',
        },
        {
          reference: `registry.example.com/kitstage-demo/support-tickets@${DIGEST_A}`,
          digest: DIGEST_A,
          pinnedByDigest: true,
          policy: 'passed',
        },
      ],
    }),
    status: 'healthy',
    codes: ['modelkit-policy-missing', 'modelkit-mutable-tag'],
  },

  // Precedence across sources of truth
  {
    name: 'degraded wins over progressing and unknown',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            conditions: [
              condition(
                'Ready',
                'Unknown',
                'Progressing',
                'Reconciliation in progress',
              ),
            ],
          },
        }),
      ],
      deployments: [{ metadata: { name: 'no-status', namespace: 'nlp' } }],
      pods: [
        pod('p', { status: { containerStatuses: [crashLoopingContainer()] } }),
      ],
    }),
    status: 'degraded',
    codes: ['pod-crash-looping', 'flux-reconciling', 'status-missing'],
  },
  {
    name: 'progressing wins over unknown',
    input: with_({
      kustomizations: [
        kustomization({
          status: {
            conditions: [
              condition(
                'Ready',
                'Unknown',
                'Progressing',
                'Reconciliation in progress',
              ),
            ],
          },
        }),
      ],
      deployments: [{ metadata: { name: 'no-status', namespace: 'nlp' } }],
    }),
    status: 'progressing',
    codes: ['flux-reconciling', 'status-missing'],
  },
  {
    name: 'suspended wins over unknown',
    input: {
      kustomizations: [kustomization({ spec: { suspend: true } })],
      deployments: [{ metadata: { name: 'x' } }],
    },
    status: 'suspended',
    codes: ['flux-suspended', 'status-missing'],
  },
  {
    name: 'unknown wins over healthy',
    input: with_({
      deployments: [
        deployment(),
        {
          metadata: { name: 'no-status', namespace: 'nlp' },
          spec: { replicas: 1 },
        },
      ],
    }),
    status: 'unknown',
    codes: ['status-missing'],
  },

  // Missing and odd fields: unknown with a reason, never a throw
  {
    name: 'input is null',
    input: null,
    status: 'not-deployed',
    codes: ['status-malformed', 'no-objects'],
  },
  {
    name: 'a list that is not a list',
    input: { deployments: 'support-sentiment-api', pods: [pod('p')] },
    status: 'unknown',
    codes: ['status-malformed'],
  },
  {
    name: 'entries that are not objects',
    input: { deployments: [null, 42, deployment()] },
    status: 'unknown',
    codes: ['status-malformed', 'status-malformed'],
  },
  {
    name: 'status absent',
    input: { deployments: [deployment({ status: null })] },
    status: 'unknown',
    codes: ['status-missing'],
  },
  {
    name: 'status of the wrong type',
    input: {
      kustomizations: [kustomization({ status: 'Ready' })],
      deployments: [deployment()],
    },
    status: 'unknown',
    codes: ['status-malformed'],
  },
  {
    name: 'conditions of the wrong type',
    input: {
      kustomizations: [
        kustomization({ status: { conditions: { Ready: 'True' } } }),
      ],
      deployments: [deployment()],
    },
    status: 'unknown',
    codes: ['status-malformed', 'status-missing'],
  },
  {
    name: 'conditions without type or status',
    input: {
      kustomizations: [
        kustomization({
          status: {
            conditions: [{ reason: 'x' }, { type: 'Ready', status: true }],
          },
        }),
      ],
      deployments: [deployment()],
    },
    status: 'unknown',
    codes: ['status-malformed', 'status-missing'],
  },
  {
    name: 'a Ready condition with an odd status',
    input: {
      kustomizations: [
        kustomization({
          status: {
            conditions: [condition('Ready', 'Maybe' as 'True', 'x', 'y')],
          },
        }),
      ],
      deployments: [deployment()],
    },
    status: 'unknown',
    codes: ['status-malformed'],
  },
  {
    name: 'observedGeneration and replicas of the wrong type',
    input: {
      deployments: [
        deployment({
          spec: { replicas: '2' },
          status: { observedGeneration: '5', availableReplicas: 'two' },
        }),
      ],
    },
    status: 'unknown',
    codes: ['status-malformed', 'status-malformed', 'status-malformed'],
  },
  {
    name: 'spec of the wrong type and suspend as a string',
    input: {
      kustomizations: [kustomization({ spec: { suspend: 'true' } })],
      deployments: [deployment({ spec: 'oops' })],
    },
    status: 'unknown',
    codes: ['status-malformed', 'status-malformed'],
  },
  {
    name: 'unknown Argo CD sync and health words',
    input: {
      applications: [
        application({
          status: { sync: { status: 'Drifting' }, health: { status: 'Meh' } },
        }),
      ],
      deployments: [deployment()],
    },
    status: 'unknown',
    codes: ['status-malformed', 'status-malformed'],
  },
  {
    name: 'ModelKit entries without a reference or with an odd policy',
    input: with_({
      modelKits: [
        { digest: DIGEST_A },
        { reference: `r@${DIGEST_A}`, pinnedByDigest: true, policy: 'maybe' },
      ],
    }),
    status: 'unknown',
    codes: ['status-malformed', 'status-malformed'],
  },
  {
    name: 'container statuses of the wrong type',
    input: { pods: [pod('p', { status: { containerStatuses: 'running' } })] },
    status: 'unknown',
    codes: ['status-malformed'],
  },
  {
    name: 'InferenceService without a Ready condition',
    input: {
      inferenceServices: [inferenceService({ status: { conditions: [] } })],
    },
    status: 'unknown',
    codes: ['status-missing'],
  },
  ...ROLLOUT_SCENARIOS,
  ...LLM_INFERENCE_SERVICE_SCENARIOS,
  ...ARGOCD_RESOURCE_SCENARIOS,
];

describe('evaluateDeploymentHealth', () => {
  it.each(scenarios.map(s => [s.name, s] as const))('%s', (_name, scenario) => {
    const result = evaluateDeploymentHealth(
      scenario.input as DeploymentHealthInput,
    );
    expect({
      status: result.status,
      codes: result.reasons.map(r => r.code),
    }).toEqual({
      status: scenario.status,
      codes: scenario.codes,
    });
    for (const reason of result.reasons) {
      expect(HEALTH_REASON_CODES[reason.code]).toEqual({
        impact: reason.impact,
        severity: reason.severity,
      });
      expect(reason.message.length).toBeGreaterThan(10);
    }
  });

  it('has a scenario for every reason code', () => {
    const produced = new Set(
      scenarios.flatMap(s =>
        evaluateDeploymentHealth(s.input as DeploymentHealthInput).reasons.map(
          r => r.code,
        ),
      ),
    );
    expect([...produced].sort()).toEqual(
      Object.keys(HEALTH_REASON_CODES).sort(),
    );
  });

  it("quotes Flux's Ready message and reason and names the object", () => {
    const { reasons } = evaluateDeploymentHealth(
      scenarios.find(s => s.name === 'Kustomization failed with a message')!
        .input as DeploymentHealthInput,
    );
    expect(reasons).toEqual([
      {
        code: 'flux-not-ready',
        severity: 'error',
        impact: 'degraded',
        message: `Kustomization flux-system/support-sentiment-api is not ready: ${buildMessage}`,
        controllerReason: 'BuildFailed',
        object: {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'support-sentiment-api',
        },
      },
    ]);
  });

  it('says which revision is applied and which is fetched', () => {
    const { reasons } = evaluateDeploymentHealth(
      with_({
        gitRepositories: [
          gitRepository({ status: { artifact: { revision: COMMIT_FETCHED } } }),
        ],
      }) as DeploymentHealthInput,
    );
    expect(reasons[0].message).toBe(
      `Kustomization flux-system/support-sentiment-api applied revision ${COMMIT_APPLIED}, but GitRepository flux-system/support-sentiment-api has fetched ${COMMIT_FETCHED}`,
    );
  });

  it('says the last verified artifact is still served when verification fails', () => {
    const { reasons } = evaluateDeploymentHealth(
      scenarios.find(
        s => s.name === 'OCIRepository signature verification failed',
      )!.input as DeploymentHealthInput,
    );
    expect(reasons[0]).toMatchObject({
      object: {
        kind: 'OCIRepository',
        namespace: 'flux-system',
        name: 'fraud-scoring',
      },
      controllerReason: 'VerificationError',
      message: `OCIRepository flux-system/fraud-scoring failed to verify the new revision and keeps serving the last verified artifact 1.4.0@${DIGEST_A}: ${verificationMessage}`,
    });
  });

  it('describes a crash loop with restarts and the last exit', () => {
    const { reasons } = evaluateDeploymentHealth(
      scenarios.find(s => s.name === 'kit unpack init container crash-looping')!
        .input as DeploymentHealthInput,
    );
    expect(reasons[0]).toMatchObject({
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        namespace: 'nlp',
        name: 'support-sentiment-api-7d9c6b5f4d-x2k9p',
      },
      controllerReason: 'CrashLoopBackOff',
      message:
        'Pod nlp/support-sentiment-api-7d9c6b5f4d-x2k9p: init container kit-unpack is crash-looping after 4 restarts (last exit code 1, Error): OSError: model weights not found in /models',
    });
  });

  it('describes the canary split from the observed traffic', () => {
    const { reasons } = evaluateDeploymentHealth(
      scenarios.find(s => s.name === 'canary at 10 %')!
        .input as DeploymentHealthInput,
    );
    expect(reasons[0].message).toBe(
      'InferenceService nlp/review-sentiment-service is in a canary rollout: 10 % of traffic goes to the latest revision review-sentiment-service-predictor-00003, 90 % to review-sentiment-service-predictor-00002 (canaryTrafficPercent: 10)',
    );
  });

  it('lists the out-of-sync resources and notes manual sync', () => {
    const { reasons } = evaluateDeploymentHealth(
      scenarios.find(s => s.name === 'Application OutOfSync')!
        .input as DeploymentHealthInput,
    );
    expect(reasons[0].message).toBe(
      'Application argocd/review-sentiment-service is out of sync with revision 3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b: InferenceService nlp/review-sentiment-service (automated sync is off: someone has to sync it)',
    );
  });

  it('quotes the unhealthy resource when Argo CD says Degraded', () => {
    const { reasons } = evaluateDeploymentHealth(
      scenarios.find(s => s.name === 'Application Degraded')!
        .input as DeploymentHealthInput,
    );
    expect(reasons[0].message).toBe(
      'Application argocd/review-sentiment-service is degraded: Deployment nlp/review-sentiment-service: Deployment "review-sentiment-service" exceeded its progress deadline',
    );
  });

  it('names the workload and digest of a ModelKit that fails policy', () => {
    const { reasons } = evaluateDeploymentHealth(
      with_({
        modelKits: [
          {
            reference:
              'registry.example.com/kitstage-demo/support-sentiment:v3',
            digest: DIGEST_A,
            pinnedByDigest: false,
            policy: 'failed',
            object: {
              kind: 'Deployment',
              namespace: 'nlp',
              name: 'support-sentiment-api',
            },
          },
        ],
      }) as DeploymentHealthInput,
    );
    expect(reasons.map(r => r.message)).toEqual([
      `Deployment nlp/support-sentiment-api runs ModelKit registry.example.com/kitstage-demo/support-sentiment:v3 (${DIGEST_A}), which fails the attestation policy`,
      `Deployment nlp/support-sentiment-api runs ModelKit registry.example.com/kitstage-demo/support-sentiment:v3 by a mutable tag; it resolves to ${DIGEST_A} now, and a push to the tag changes what the next pod runs`,
    ]);
    expect(reasons[0].object).toEqual({
      kind: 'Deployment',
      namespace: 'nlp',
      name: 'support-sentiment-api',
    });
  });

  it('names list items without kind by the list they came from', () => {
    const { reasons } = evaluateDeploymentHealth({
      deployments: [{ status: { replicas: 'x' } } as never],
    });
    expect(reasons[0]).toMatchObject({
      code: 'status-malformed',
      object: {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        name: 'deployments[0]',
      },
    });
  });

  it('honours the restart warning threshold', () => {
    const input = with_({
      pods: [
        pod('p', {
          status: {
            containerStatuses: [
              { name: 'api', restartCount: 2, state: { running: {} } },
            ],
          },
        }),
      ],
    }) as DeploymentHealthInput;
    expect(evaluateDeploymentHealth(input).reasons).toEqual([]);
    expect(
      evaluateDeploymentHealth(input, {
        podRestartWarningThreshold: 2,
      }).reasons.map(r => r.code),
    ).toEqual(['pod-restarting']);
  });

  it('never throws, whatever the input', () => {
    // A small deterministic generator of odd JSON values.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const odd = (depth: number): unknown => {
      const pick = Math.floor(random() * 9);
      if (depth > 3 || pick < 3) {
        return [null, undefined, 0, -1, 'True', 'False', '', true, NaN][
          Math.floor(random() * 9)
        ];
      }
      if (pick < 5) {
        return Array.from({ length: Math.floor(random() * 3) }, () =>
          odd(depth + 1),
        );
      }
      const keys = [
        'metadata',
        'spec',
        'status',
        'conditions',
        'type',
        'status',
        'reason',
        'message',
        'replicas',
        'generation',
        'observedGeneration',
        'suspend',
        'sourceRef',
        'kind',
        'name',
        'traffic',
        'percent',
        'containerStatuses',
        'state',
        'waiting',
        'sync',
        'health',
        'artifact',
        'revision',
        'abort',
        'paused',
        'pauseConditions',
        'currentStepIndex',
        'currentPodHash',
        'stableRS',
        'strategy',
        'canary',
        'steps',
        'setWeight',
        'phase',
        'resources',
        'ownerReferences',
        'model',
        'uri',
      ];
      return Object.fromEntries(
        Array.from({ length: 1 + Math.floor(random() * 4) }, () => [
          keys[Math.floor(random() * keys.length)],
          odd(depth + 1),
        ]),
      );
    };
    const lists = [
      'kustomizations',
      'helmReleases',
      'gitRepositories',
      'ociRepositories',
      'applications',
      'deployments',
      'replicaSets',
      'pods',
      'services',
      'inferenceServices',
      'llmInferenceServices',
      'rollouts',
      'analysisRuns',
      'modelKits',
    ];
    for (let i = 0; i < 500; i++) {
      const input = Object.fromEntries(
        lists.map(list => [list, random() < 0.5 ? [odd(0), odd(0)] : odd(0)]),
      );
      const result = evaluateDeploymentHealth(input as DeploymentHealthInput);
      expect(DEPLOYMENT_HEALTH_PRECEDENCE).toContain(result.status);
      for (const reason of result.reasons) {
        expect(HEALTH_REASON_CODES).toHaveProperty([reason.code]);
      }
    }
  });
});
