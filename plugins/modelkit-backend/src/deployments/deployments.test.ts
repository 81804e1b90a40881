// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import './__testUtils__/allowNativeDynamicImport';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type {
  ComponentDeploymentCard,
  ComponentDeploymentsResponse,
  FleetDeploymentsResponse,
  KubernetesObjectLike,
  ModelKitDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  ModelKitPolicyStatusRequest,
  modelkitPolicyStatusServiceRef,
} from '@kitstage/plugin-modelkit-node';
import {
  buildDemoFleet,
  buildServiceScenario,
  buildTestModelKit,
  DEMO_MODELKIT_DIGESTS,
  KubernetesSimulator,
  RunningSimulatedFleet,
  startKubernetesSimulator,
  startSimulatedFleet,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  component,
  DEMO_REGISTRY,
  group,
  modelKit,
  system,
} from './__fixtures__/catalog';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
  TEST_USERS,
} from './__testUtils__/startDeploymentsTestBackend';
import { RESOURCE_TYPES, qualifiedName } from './kubernetes/resources';

// The real Kubernetes backend and the modelkit plugin in one backend, with the real catalog
// and permission backend, reading four simulated clusters: the demo fleet (prod-eu, prod-us,
// staging) and a cluster with the remaining scenarios. One ModelKit is pushed to a real
// docker-registry and deployed by a mutable tag, so its digest must come from the registry.

const API = '/api/modelkit/deployments';

const byCluster = (response: ComponentDeploymentsResponse) =>
  Object.fromEntries(response.clusters.map(card => [card.cluster.name, card]));

const codes = (card: ComponentDeploymentCard) =>
  card.reasons.map(reason => reason.code);

const readyMessage = (object: KubernetesObjectLike | undefined) =>
  (
    (
      object?.status as {
        conditions?: Array<{ type: string; message: string }>;
      }
    )?.conditions ?? []
  ).find(c => c.type === 'Ready')?.message;

describe('deployment health routes', () => {
  let fleet: RunningSimulatedFleet;
  let scenarios: KubernetesSimulator;
  let registry: TestRegistry;
  let churn: TestArtifact;
  let guarded: TestArtifact;
  let backend: DeploymentsTestBackend;
  const demo = buildDemoFleet();
  const now = new Date();
  const scenarioObjects = [
    ...buildServiceScenario('kustomization-failed', {
      service: 'ledger-api',
      namespace: 'payments',
      modelKit: { repository: `${DEMO_REGISTRY}/ledger-model`, tag: 'v2.0.0' },
      previousModelKit: {
        repository: `${DEMO_REGISTRY}/ledger-model`,
        tag: 'v1.9.0',
      },
      cluster: 'scenarios',
      now,
    }),
    ...buildServiceScenario('stale-status', {
      service: 'search-api',
      namespace: 'search',
      modelKit: { repository: `${DEMO_REGISTRY}/search-model`, tag: 'v3.0.0' },
      cluster: 'scenarios',
      now,
    }),
    ...buildServiceScenario('argocd-degraded', {
      service: 'recommender',
      namespace: 'recs',
      modelKit: { repository: `${DEMO_REGISTRY}/recs-model`, tag: 'v1.0.0' },
      cluster: 'scenarios',
      now,
    }),
  ];
  const policyRequests: ModelKitPolicyStatusRequest[] = [];

  beforeAll(async () => {
    registry = await startTestRegistry();
    churn = await buildTestModelKit({
      kitfile: {
        package: { name: 'churn', version: '1.0.0' },
        model: { path: 'model.bin' },
      },
    });
    await registry.pusher.push('team/churn', churn, ['v1']);
    // The NLP team's ModelKit, run by a platform team's Component.
    guarded = await buildTestModelKit({
      kitfile: {
        package: { name: 'guarded', version: '1.0.0' },
        model: { path: 'model.bin' },
      },
    });
    await registry.pusher.push('team/guarded', guarded, ['v1']);
    fleet = await startSimulatedFleet(demo);
    scenarios = await startKubernetesSimulator({
      objects: [
        ...scenarioObjects,
        ...buildServiceScenario('healthy', {
          service: 'churn-predictor',
          namespace: 'crm',
          modelKit: {
            repository: `${registry.host}/team/churn`,
            tag: 'v1',
            pinnedByDigest: false,
          },
          cluster: 'scenarios',
          now,
        }),
        ...buildServiceScenario('healthy', {
          service: 'guarded-runner',
          namespace: 'crm',
          modelKit: {
            repository: `${registry.host}/team/guarded`,
            tag: 'v1',
            pinnedByDigest: false,
          },
          cluster: 'scenarios',
          now,
        }),
      ],
    });
    const churnDigest = churn.digest;
    backend = await startDeploymentsTestBackend({
      clusters: [
        ...fleet.clusters.map(c => ({
          name: c.name,
          url: c.simulator.url,
          token: c.simulator.token,
        })),
        { name: 'scenarios', url: scenarios.url, token: scenarios.token },
      ],
      entities: [
        group('nlp-team'),
        group('risk-team'),
        group('platform-team'),
        system('customer-insights', 'group:nlp-team'),
        component('support-sentiment-api', 'group:nlp-team', {
          system: 'customer-insights',
        }),
        component('review-sentiment-service', 'group:nlp-team', {
          system: 'customer-insights',
        }),
        component('fraud-scoring', 'group:risk-team', {
          system: 'customer-insights',
        }),
        component('ledger-api', 'group:platform-team'),
        component('search-api', 'group:platform-team'),
        component('recommender', 'group:platform-team'),
        component('churn-predictor', 'group:platform-team'),
        component('guarded-runner', 'group:platform-team'),
        component('docs-site', 'group:platform-team', { annotations: {} }),
        component('bad-selector', 'group:platform-team', {
          annotations: { 'backstage.io/kubernetes-label-selector': 'app=a b' },
        }),
        modelKit(
          'support-sentiment',
          `${DEMO_REGISTRY}/support-sentiment`,
          'group:nlp-team',
        ),
        modelKit(
          'review-sentiment',
          `${DEMO_REGISTRY}/review-sentiment`,
          'group:nlp-team',
        ),
        modelKit('guarded', `${registry.host}/team/guarded`, 'group:nlp-team'),
        modelKit(
          'churn',
          `${registry.host}/team/churn`,
          'group:platform-team',
          'experimental',
        ),
      ],
      kitstage: {
        registries: [registry.configEntry('test', { ingest: false })],
        // Long enough that every test of this file shares one read per cluster.
        deployments: { cacheTtl: { minutes: 10 } },
      },
      features: [
        createServiceFactory({
          service: modelkitPolicyStatusServiceRef,
          deps: {},
          factory: () => ({
            async getPolicyStatus(request: ModelKitPolicyStatusRequest) {
              policyRequests.push({ ...request, signal: undefined });
              if (request.digest === churnDigest) {
                return {
                  status: 'failed' as const,
                  message: 'no SLSA provenance from the release pipeline',
                  lifecycle: request.entity?.lifecycle,
                };
              }
              return request.repository.endsWith('/support-sentiment')
                ? { status: 'passed' as const }
                : undefined;
            },
          }),
        }),
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await fleet?.close();
    await scenarios?.close();
    await registry?.stop();
  });

  async function componentOf(name: string) {
    const response = await backend.get(`${API}/components/default/${name}`);
    expect(response.status).toBe(200);
    return response.body as ComponentDeploymentsResponse;
  }

  it('serves a card per cluster for a Component, in the Kubernetes plugin order', async () => {
    const body = await componentOf('support-sentiment-api');
    expect(body.entity).toEqual({
      ref: 'component:default/support-sentiment-api',
      kind: 'Component',
      namespace: 'default',
      name: 'support-sentiment-api',
      owner: 'group:default/nlp-team',
      system: 'system:default/customer-insights',
    });
    expect(body.selector).toEqual({ kubernetesId: 'support-sentiment-api' });
    expect(
      body.clusters.map(c => [c.cluster.name, c.cluster.title, c.status]),
    ).toEqual([
      ['prod-eu', 'prod-eu (simulated)', 'healthy'],
      ['prod-us', 'prod-us (simulated)', 'progressing'],
      ['staging', 'staging (simulated)', 'degraded'],
      ['scenarios', 'scenarios (simulated)', 'not-deployed'],
    ]);
    expect(body.rollup).toMatchObject({
      status: 'degraded',
      worst: ['staging'],
    });

    const cards = byCluster(body);
    const digest = DEMO_MODELKIT_DIGESTS['support-sentiment:v1.1.0'];
    const healthy = cards['prod-eu'];
    expect(healthy.reasons).toEqual([]);
    expect(healthy.error).toBeUndefined();
    expect(healthy.deliveries).toHaveLength(1);
    expect(healthy.deliveries[0]).toMatchObject({
      controller: 'flux',
      object: { kind: 'Kustomization', namespace: 'flux-system' },
      suspended: false,
      ready: { status: 'True', reason: 'ReconciliationSucceeded' },
      source: {
        kind: 'GitRepository',
        url: 'https://git.example.com/kitstage-demo/support-sentiment-api.git',
      },
    });
    expect(healthy.deliveries[0].appliedRevision).toMatch(
      /^main@sha1:[0-9a-f]{40}$/,
    );
    expect(healthy.deliveries[0].source?.revision).toBe(
      healthy.deliveries[0].appliedRevision,
    );
    expect(healthy.workloads).toEqual([
      expect.objectContaining({
        object: expect.objectContaining({
          kind: 'Deployment',
          namespace: 'nlp',
          name: 'support-sentiment-api',
        }),
        replicas: { desired: 2, ready: 2, available: 2, updated: 2 },
        pods: { total: 2, ready: 2, crashLooping: 0, restarts: 0 },
      }),
    ]);
    expect(healthy.modelKits).toHaveLength(1);
    expect(healthy.modelKits[0]).toMatchObject({
      repository: `${DEMO_REGISTRY}/support-sentiment`,
      tag: 'v1.1.0',
      digest,
      digestFrom: 'reference',
      pinnedByDigest: true,
      pods: 2,
      entity: { ref: 'modelkit:default/support-sentiment' },
      policy: { status: 'passed' },
    });
    expect(
      healthy.modelKits[0].foundIn.map(f => [f.object.kind, f.via]),
    ).toEqual([
      ['Deployment', 'annotation'],
      ['Deployment', 'kit-unpack'],
      ['Deployment', 'env'],
    ]);
    expect(healthy.commands.map(c => c.command)).toEqual([
      'flux get kustomizations support-sentiment-api --namespace flux-system',
      'flux events --for Kustomization/support-sentiment-api --namespace flux-system',
      'flux tree kustomization support-sentiment-api --namespace flux-system',
      'flux get sources git support-sentiment-api --namespace flux-system',
      'kubectl describe deployment support-sentiment-api --namespace nlp',
      'kubectl get pods --selector backstage.io/kubernetes-id=support-sentiment-api --all-namespaces --output wide',
    ]);

    const reconciling = cards['prod-us'];
    expect(codes(reconciling)).toEqual([
      'flux-reconciling',
      'flux-revision-not-applied',
      'deployment-rollout-in-progress',
    ]);
    expect(reconciling.deliveries[0].attemptedRevision).toBe(
      reconciling.deliveries[0].source?.revision,
    );
    // Rolling out a configuration change: the new pod and the two old ones run one version.
    expect(reconciling.modelKits.map(m => [m.tag, m.pods])).toEqual([
      ['v1.1.0', 3],
    ]);

    const crashing = cards.staging;
    expect(codes(crashing)).toContain('pod-crash-looping');
    expect(crashing.workloads[0].pods).toMatchObject({
      total: 2,
      ready: 0,
      crashLooping: 2,
    });

    expect(cards.scenarios).toMatchObject({
      status: 'not-deployed',
      deliveries: [],
      workloads: [],
      modelKits: [],
      commands: [],
    });
    expect(codes(cards.scenarios)).toEqual(['no-objects']);

    // Cluster credentials never reach a response.
    const text = JSON.stringify(body);
    for (const cluster of fleet.clusters) {
      expect(text).not.toContain(cluster.simulator.token);
    }
    expect(text).not.toContain(scenarios.token);
  });

  it("reports Flux failures with the controller's own message", async () => {
    const failed = byCluster(await componentOf('ledger-api')).scenarios;
    const kustomization = scenarioObjects.find(
      o => o.kind === 'Kustomization' && o.metadata.name === 'ledger-api',
    );
    expect(failed.status).toBe('degraded');
    expect(failed.reasons[0]).toEqual({
      code: 'flux-not-ready',
      severity: 'error',
      impact: 'degraded',
      message: `Kustomization flux-system/ledger-api is not ready: ${readyMessage(
        kustomization,
      )}`,
      object: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'ledger-api',
      },
      controllerReason: 'BuildFailed',
    });
    // The previous version keeps running.
    expect(failed.modelKits.map(m => m.tag)).toEqual(['v1.9.0']);

    const stale = byCluster(await componentOf('search-api')).scenarios;
    expect(stale.status).toBe('progressing');
    expect(stale.reasons[0]).toMatchObject({
      code: 'status-not-current',
      message:
        'Kustomization flux-system/search-api is at generation 5 but its controller last reported on generation 4: the status is not yet current',
    });

    const fraud = byCluster(await componentOf('fraud-scoring'));
    expect(fraud['prod-us'].status).toBe('suspended');
    expect(codes(fraud['prod-us'])).toContain('flux-suspended');
    expect(fraud['prod-us'].deliveries[0]).toMatchObject({
      object: { kind: 'HelmRelease', name: 'fraud-scoring' },
      suspended: true,
      source: { kind: 'OCIRepository', name: 'fraud-scoring' },
    });
    expect(fraud.staging.status).toBe('degraded');
    const verification = fraud.staging.reasons.find(
      r => r.code === 'flux-source-verification-failed',
    );
    expect(verification?.message).toMatch(
      /^OCIRepository flux-system\/fraud-scoring failed to verify the new revision and keeps serving the last verified artifact 1\.4\.0@sha256:[0-9a-f]{64}: /,
    );
    expect(fraud.staging.deliveries[0].source?.verified).toMatchObject({
      status: 'False',
    });
    // On prod-eu the service is an Argo Rollouts canary part-way through its steps.
    expect(fraud['prod-eu'].status).toBe('progressing');
  });

  it('reports Argo CD Applications out of sync and degraded', async () => {
    const review = byCluster(await componentOf('review-sentiment-service'));
    expect(review.staging.status).toBe('progressing');
    expect(codes(review.staging)).toContain('argocd-out-of-sync');
    expect(review.staging.deliveries).toEqual([
      expect.objectContaining({
        controller: 'argocd',
        object: expect.objectContaining({
          kind: 'Application',
          namespace: 'argocd',
          name: 'review-sentiment-service',
        }),
        syncStatus: 'OutOfSync',
        healthStatus: 'Healthy',
        repoURL:
          'https://git.example.com/kitstage-demo/review-sentiment-service.git',
      }),
    ]);

    const degraded = byCluster(await componentOf('recommender')).scenarios;
    expect(degraded.status).toBe('degraded');
    expect(degraded.reasons[0]).toMatchObject({
      code: 'argocd-degraded',
      message:
        'Application argocd/recommender is degraded: Deployment recs/recommender: Deployment "recommender" exceeded its progress deadline',
    });
    expect(degraded.deliveries[0]).toMatchObject({
      syncStatus: 'Synced',
      healthStatus: 'Degraded',
    });
  });

  it('shows a KServe canary at 10 % with the version each revision serves', async () => {
    const canary = byCluster(await componentOf('review-sentiment-service'))[
      'prod-eu'
    ];
    expect(canary.status).toBe('progressing');
    expect(canary.reasons[0]).toMatchObject({
      code: 'inference-service-canary',
      message: expect.stringContaining(
        '10 % of traffic goes to the latest revision',
      ),
    });
    expect(
      canary.modelKits.map(m => [m.tag, m.digest, m.trafficPercent, m.pods]),
    ).toEqual([
      ['v0.3.0', DEMO_MODELKIT_DIGESTS['review-sentiment:v0.3.0'], 10, 1],
      ['v0.2.0', DEMO_MODELKIT_DIGESTS['review-sentiment:v0.2.0'], 90, 1],
    ]);
    expect(canary.modelKits[0].foundIn[0]).toMatchObject({
      object: { kind: 'InferenceService', name: 'review-sentiment-service' },
    });
    expect(canary.workloads[0].traffic).toEqual([
      expect.objectContaining({ percent: 10, latest: true }),
      expect.objectContaining({ percent: 90, latest: false }),
    ]);
  });

  it('resolves tags through configured registries only and asks the policy seam about each digest', async () => {
    const churnCard = byCluster(await componentOf('churn-predictor')).scenarios;
    expect(churnCard.modelKits).toEqual([
      expect.objectContaining({
        reference: `${registry.host}/team/churn:v1`,
        tag: 'v1',
        digest: churn.digest,
        digestFrom: 'registry',
        pinnedByDigest: false,
        entity: expect.objectContaining({ ref: 'modelkit:default/churn' }),
        policy: {
          status: 'failed',
          message: 'no SLSA provenance from the release pipeline',
          lifecycle: 'experimental',
        },
      }),
    ]);
    expect(churnCard.status).toBe('degraded');
    expect(codes(churnCard)).toEqual([
      'modelkit-policy-failed',
      'modelkit-mutable-tag',
    ]);
    expect(churnCard.reasons[0].message).toBe(
      `Deployment crm/churn-predictor runs ModelKit ${registry.host}/team/churn:v1 (${churn.digest}), which fails the attestation policy: no SLSA provenance from the release pipeline`,
    );
    expect(policyRequests).toContainEqual({
      repository: `${registry.host}/team/churn`,
      digest: churn.digest,
      entity: { ref: 'modelkit:default/churn', lifecycle: 'experimental' },
      signal: undefined,
    });

    // No ModelKit entity names registry.example.com/…/fraud-detector (nor is that registry
    // configured): the tag is not resolved, and no request leaves.
    const fraud = byCluster(await componentOf('fraud-scoring'))['prod-us'];
    expect(fraud.modelKits[0]).toMatchObject({
      reference: `${DEMO_REGISTRY}/fraud-detector:v1.1.0`,
      pinnedByDigest: false,
      resolveError: `No ModelKit you may read, from a configured registry, is stored in ${DEMO_REGISTRY}/fraud-detector, so the tag v1.1.0 is not resolved to a digest`,
    });
    expect(fraud.modelKits[0].digest).toBeUndefined();
    expect(codes(fraud)).toContain('modelkit-mutable-tag');
  });

  it("resolves a tag only for a caller who may read the ModelKit's registry data, on a configured registry too", async () => {
    // A workload anyone may write names the repository and the tag: resolving them with the
    // backend's registry credentials for a caller without kitstage.modelkit.read on that
    // ModelKit would tell them its versions (or that it exists).
    const reference = `${registry.host}/team/guarded:v1`;
    const reader = byCluster(await componentOf('guarded-runner')).scenarios;
    expect(reader.modelKits).toEqual([
      expect.objectContaining({
        reference,
        digest: guarded.digest,
        digestFrom: 'registry',
        entity: expect.objectContaining({ ref: 'modelkit:default/guarded' }),
      }),
    ]);

    const response = await backend.get(
      `${API}/components/default/guarded-runner`,
      TEST_USERS.platformMember,
    );
    expect(response.status).toBe(200);
    const member = byCluster(
      response.body as ComponentDeploymentsResponse,
    ).scenarios;
    expect(member.modelKits).toEqual([
      expect.objectContaining({
        reference,
        tag: 'v1',
        pinnedByDigest: false,
        resolveError: `No ModelKit you may read, from a configured registry, is stored in ${registry.host}/team/guarded, so the tag v1 is not resolved to a digest`,
      }),
    ]);
    expect(member.modelKits[0].digest).toBeUndefined();
    expect(member.modelKits[0].entity).toBeUndefined();
    expect(member.modelKits[0].policy).toBeUndefined();
    // The policy seam is asked only about versions of ModelKits the caller may read, here
    // and for every view of this file so far (digests pinned in repositories without one
    // included).
    expect(policyRequests.filter(r => r.entity === undefined)).toEqual([]);
  });

  it('shows where each version of a ModelKit runs', async () => {
    const response = await backend.get(
      `${API}/modelkits/default/support-sentiment`,
    );
    expect(response.status).toBe(200);
    const body = response.body as ModelKitDeploymentsResponse;
    const repository = `${DEMO_REGISTRY}/support-sentiment`;
    expect(body.entity).toMatchObject({
      ref: 'modelkit:default/support-sentiment',
      repository,
    });
    expect(
      body.versions.map(v => ({
        digest: v.digest,
        tags: v.tags,
        policy: v.policy?.status,
        where: v.deployments.map(d => [
          d.cluster.name,
          d.component?.ref,
          d.workload.kind,
          d.status,
          d.pods,
        ]),
      })),
    ).toEqual([
      {
        digest: DEMO_MODELKIT_DIGESTS['support-sentiment:v1.1.0'],
        tags: ['v1.1.0'],
        policy: 'passed',
        where: [
          [
            'prod-eu',
            'component:default/support-sentiment-api',
            'Deployment',
            'healthy',
            2,
          ],
          [
            'prod-us',
            'component:default/support-sentiment-api',
            'Deployment',
            'progressing',
            3,
          ],
        ],
      },
      {
        digest: DEMO_MODELKIT_DIGESTS['support-sentiment:v2.0.0'],
        tags: ['v2.0.0'],
        policy: 'passed',
        where: [
          [
            'staging',
            'component:default/support-sentiment-api',
            'Deployment',
            'degraded',
            2,
          ],
        ],
      },
    ]);
    expect(body.clusters.map(c => [c.name, c.error, c.apis])).toEqual([
      ['prod-eu', undefined, { flux: true, argoCd: true, kserve: true }],
      ['prod-us', undefined, { flux: true, argoCd: false, kserve: true }],
      ['staging', undefined, { flux: true, argoCd: true, kserve: true }],
      ['scenarios', undefined, { flux: true, argoCd: true, kserve: true }],
    ]);
  });

  it('serves the fleet matrix with the status of every placement and counts', async () => {
    const response = await backend.get(`${API}/fleet`);
    expect(response.status).toBe(200);
    const body = response.body as FleetDeploymentsResponse;
    expect(body.clusters.map(c => c.name)).toEqual([
      'prod-eu',
      'prod-us',
      'staging',
      'scenarios',
    ]);
    const cell = (service: string, cluster: string) =>
      body.services
        .find(s => s.entity.name === service)
        ?.cells.find(c => c.cluster === cluster)?.status;
    for (const placement of demo.placements) {
      expect([
        placement.service,
        placement.cluster,
        cell(placement.service, placement.cluster),
      ]).toEqual([
        placement.service,
        placement.cluster,
        placement.expectedStatus,
      ]);
    }
    expect(
      body.services.map(s => [s.entity.name, s.status, s.selectorError]),
    ).toEqual([
      [
        'bad-selector',
        'unknown',
        'The annotation backstage.io/kubernetes-label-selector of component:default/bad-selector is not a valid label selector: "app=a b" is not key=value, key!=value, key in (...), key notin (...), key or !key',
      ],
      ['churn-predictor', 'degraded', undefined],
      ['fraud-scoring', 'degraded', undefined],
      ['guarded-runner', 'healthy', undefined],
      ['ledger-api', 'degraded', undefined],
      ['recommender', 'degraded', undefined],
      ['review-sentiment-service', 'progressing', undefined],
      ['search-api', 'progressing', undefined],
      ['support-sentiment-api', 'degraded', undefined],
    ]);
    expect(body.total).toBe(9);
    expect(body.counts.services).toEqual({
      degraded: 5,
      suspended: 0,
      progressing: 2,
      unknown: 1,
      healthy: 1,
      'not-deployed': 0,
    });
    expect(Object.values(body.counts.cells).reduce((a, b) => a + b, 0)).toBe(
      9 * 4,
    );
    expect(body.facets).toEqual({
      owners: [
        'group:default/nlp-team',
        'group:default/platform-team',
        'group:default/risk-team',
      ],
      systems: ['system:default/customer-insights'],
    });
    const fraudRow = body.services.find(s => s.entity.name === 'fraud-scoring');
    expect(fraudRow?.cells[1]).toMatchObject({
      cluster: 'prod-us',
      status: 'suspended',
      topReason: { code: 'flux-suspended' },
      modelKits: [
        {
          repository: `${DEMO_REGISTRY}/fraud-detector`,
          tag: 'v1.1.0',
          pinnedByDigest: false,
        },
      ],
    });
    expect(body.clusters[0].rollup.status).toBe('progressing');
  });

  it('filters the fleet by owner, system and status', async () => {
    const names = async (query: string) => {
      const response = await backend.get(`${API}/fleet?${query}`);
      expect(response.status).toBe(200);
      const body = response.body as FleetDeploymentsResponse;
      return {
        names: body.services.map(s => s.entity.name),
        total: body.total,
      };
    };
    expect(await names('owner=risk-team')).toEqual({
      names: ['fraud-scoring'],
      total: 1,
    });
    expect(
      await names('owner=group:default/nlp-team&owner=group:risk-team'),
    ).toEqual({
      names: [
        'fraud-scoring',
        'review-sentiment-service',
        'support-sentiment-api',
      ],
      total: 3,
    });
    expect(await names('system=customer-insights&status=progressing')).toEqual({
      names: ['review-sentiment-service'],
      total: 3,
    });
    expect(await names('status=progressing&status=unknown')).toEqual({
      names: ['bad-selector', 'review-sentiment-service', 'search-api'],
      total: 9,
    });
  });

  it('rejects bad input with an error naming the field', async () => {
    const bad = await backend.get(`${API}/fleet?status=broken&pageSize=3`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: {
        name: 'InputError',
        message:
          'Invalid query: status must be one of degraded, suspended, progressing, unknown, healthy, not-deployed, got "broken"; has unknown parameters pageSize; use owner, system, status, limit or offset',
      },
      // Backstage's error handler names the URL within the plugin's router.
      request: {
        method: 'GET',
        url: '/deployments/fleet?status=broken&pageSize=3',
      },
      response: { statusCode: 400 },
    });

    const plain = await backend.get(`${API}/components/default/docs-site`);
    expect(plain.status).toBe(400);
    expect(plain.body.error).toEqual({
      name: 'InputError',
      message:
        'Component component:default/docs-site has neither a backstage.io/kubernetes-id nor a backstage.io/kubernetes-label-selector annotation, so its objects cannot be found on clusters',
    });

    const selector = await backend.get(
      `${API}/components/default/bad-selector`,
    );
    expect(selector.status).toBe(400);
    expect(selector.body.error.message).toBe(
      'The annotation backstage.io/kubernetes-label-selector of component:default/bad-selector is not a valid label selector: "app=a b" is not key=value, key!=value, key in (...), key notin (...), key or !key',
    );

    const missing = await backend.get(`${API}/components/default/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      name: 'NotFoundError',
      message:
        'No Component entity component:default/nope was found in the catalog',
    });
  });

  it('reads entities with the caller credentials and requires kubernetes.resources.read', async () => {
    const hidden = await backend.get(
      `${API}/components/default/support-sentiment-api`,
      TEST_USERS.outsider,
    );
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.name).toBe('NotFoundError');

    const fleetOfOutsider = await backend.get(
      `${API}/fleet`,
      TEST_USERS.outsider,
    );
    expect(fleetOfOutsider.status).toBe(200);
    expect(fleetOfOutsider.body.services).toEqual([]);

    const denied = await backend.get(
      `${API}/components/default/support-sentiment-api`,
      TEST_USERS.noKubernetes,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error).toEqual({
      name: 'NotAllowedError',
      message:
        'Deployment health needs the permission kubernetes.resources.read',
    });

    const anonymous = await backend.get(`${API}/fleet`, 'none');
    expect(anonymous.status).toBe(401);
  });

  it('lists and watches each resource type once per cluster for every view of this file', () => {
    // Runs last: every view above read the same clusters' memory, listed once and then
    // watched.
    const clusters = [
      ...fleet.clusters.map(c => ({
        name: c.name,
        simulator: c.simulator,
        apis: c.spec.apis,
      })),
      {
        name: 'scenarios',
        simulator: scenarios,
        apis: ['flux', 'argocd', 'kserve'],
      },
    ];
    for (const { name, simulator, apis } of clusters) {
      const served = RESOURCE_TYPES.filter(
        r =>
          r.family === 'core' ||
          apis.includes(r.family === 'argoCd' ? 'argocd' : r.family),
      );
      expect([name, simulator.countRequests({ verb: 'discovery' })]).toEqual([
        name,
        1,
      ]);
      for (const resource of served) {
        expect([
          name,
          qualifiedName(resource),
          simulator.countRequests({
            verb: 'list',
            resource: qualifiedName(resource),
          }),
        ]).toEqual([name, qualifiedName(resource), 1]);
        // Then kept current by one watch per resource type.
        expect([
          name,
          qualifiedName(resource),
          simulator.countRequests({
            verb: 'watch',
            resource: qualifiedName(resource),
          }),
        ]).toEqual([name, qualifiedName(resource), 1]);
      }
      expect([name, simulator.requests.length]).toEqual([
        name,
        1 + 2 * served.length,
      ]);
      // Every request carried the cluster's own service account token.
      expect(
        simulator.requests.every(
          r => r.headers.authorization === `Bearer ${simulator.token}`,
        ),
      ).toBe(true);
    }
  });
});
