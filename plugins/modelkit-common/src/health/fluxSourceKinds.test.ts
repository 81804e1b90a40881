import { DeploymentHealthInput } from './DeploymentHealthInput';
import { evaluateDeploymentHealth } from './evaluateDeploymentHealth';
import {
  condition,
  healthyFluxService,
  helmRelease,
  kustomization,
  merge,
} from './__fixtures__/objects';

const failing = (reason: string, message: string) => ({
  observedGeneration: 1,
  conditions: [
    condition('Ready', 'False', reason, message),
    condition('FetchFailed', 'True', reason, message),
  ],
});

const helmRepository = (patch: Record<string, unknown> = {}) =>
  merge(
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'charts', namespace: 'flux-system', generation: 1 },
      spec: { interval: '5m0s', url: 'https://charts.example.com' },
    },
    patch,
  );

/** A HelmRelease whose chart comes from the HelmRepository `charts`. */
const chartRelease = () => {
  const release = helmRelease() as { spec: Record<string, unknown> };
  const { chartRef: _chartRef, ...spec } = release.spec;
  return {
    ...release,
    spec: {
      ...spec,
      chart: {
        spec: {
          chart: 'fraud-scoring',
          sourceRef: { kind: 'HelmRepository', name: 'charts' },
        },
      },
    },
  };
};

const evaluate = (input: Record<string, unknown>) =>
  evaluateDeploymentHealth(input as DeploymentHealthInput);

describe('HelmRepository and Bucket sources', () => {
  it('reports a HelmRepository whose Ready condition is False, as a GitRepository', () => {
    const health = evaluate({
      ...healthyFluxService(),
      kustomizations: [],
      gitRepositories: [],
      helmReleases: [chartRelease()],
      helmRepositories: [
        helmRepository({
          status: failing(
            'IndexationFailed',
            'failed to fetch https://charts.example.com/index.yaml : 503 Service Unavailable',
          ),
        }),
      ],
    });
    expect(health.reasons).toEqual([
      expect.objectContaining({
        code: 'flux-source-not-ready',
        message:
          'HelmRepository flux-system/charts is not ready: failed to fetch https://charts.example.com/index.yaml : 503 Service Unavailable',
        object: expect.objectContaining({
          kind: 'HelmRepository',
          name: 'charts',
        }),
      }),
    ]);
    expect(health.status).toBe('degraded');
  });

  it('reports a Bucket whose Ready condition is False', () => {
    const health = evaluate({
      ...healthyFluxService(),
      gitRepositories: [],
      kustomizations: [
        kustomization({
          spec: { sourceRef: { kind: 'Bucket', name: 'models' } },
        }),
      ],
      buckets: [
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'Bucket',
          metadata: { name: 'models', namespace: 'flux-system', generation: 1 },
          spec: { bucketName: 'models', endpoint: 'minio.example.com' },
          status: failing(
            'BucketOperationFailed',
            "bucket 'models' does not exist",
          ),
        },
      ],
    });
    expect(health.reasons.map(r => [r.code, r.message])).toContainEqual([
      'flux-source-not-ready',
      "Bucket flux-system/models is not ready: bucket 'models' does not exist",
    ]);
    expect(health.status).toBe('degraded');
  });

  it('does not judge a HelmRepository of type oci, which Flux does not reconcile', () => {
    const health = evaluate({
      ...healthyFluxService(),
      kustomizations: [],
      gitRepositories: [],
      helmReleases: [chartRelease()],
      helmRepositories: [
        helmRepository({
          spec: { type: 'oci', url: 'oci://registry.example.com/charts' },
        }),
      ],
    });
    expect(health.reasons).toEqual([]);
    expect(health.status).toBe('healthy');
  });
});
