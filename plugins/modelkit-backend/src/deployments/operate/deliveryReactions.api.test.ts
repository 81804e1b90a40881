// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import '../__testUtils__/allowNativeDynamicImport';
import type {
  ComponentDeploymentsResponse,
  DeliveryActionRequest,
  DeploymentDelivery,
} from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { component } from '../__fixtures__/catalog';
import {
  actionsOf,
  CLUSTER,
  modelKit,
  OWNER,
  withoutPreconditions,
} from '../__testUtils__/deliveryActionsKit';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from '../__testUtils__/startDeploymentsTestBackend';

// HelmRepository and Bucket sources, and the controllers' reactions to actions, through the
// real backends in front of the loopback Kubernetes simulator, which answers as Flux's
// controllers and Argo CD's application controller do: the sources are listed and operated
// exactly as GitRepositories and OCIRepositories are, and each card shows what the
// controller did with the request (Flux `status.lastHandledReconcileAt`, Argo CD
// `status.reconciledAt` and `status.operationState`).

jest.setTimeout(120_000);

const SOURCES = '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system';
const APPLICATIONS =
  '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications';

const SERVICES = [
  { name: 'flux-api', scenario: 'healthy' as const, options: {} },
  {
    name: 'bucket-api',
    scenario: 'healthy' as const,
    options: { fluxSource: 'bucket' as const },
  },
  {
    name: 'chart-api',
    scenario: 'healthy' as const,
    options: {
      delivery: 'helm-release' as const,
      fluxSource: 'helm-repository' as const,
    },
  },
  {
    name: 'argo-api',
    scenario: 'healthy' as const,
    options: { delivery: 'argocd' as const },
  },
  // A HelmRelease whose HelmRepository is of type oci (made so below).
  {
    name: 'oci-chart-api',
    scenario: 'healthy' as const,
    options: {
      delivery: 'helm-release' as const,
      fluxSource: 'helm-repository' as const,
    },
  },
  // An Application whose automated sync is still running.
  {
    name: 'argo-busy',
    scenario: 'reconciling' as const,
    options: { delivery: 'argocd' as const },
  },
];

describe('delivery sources and the controllers’ reactions to actions', () => {
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  const patches = () =>
    cluster.requests
      .filter(request => request.method === 'PATCH')
      .map(({ path, body, status }) => ({
        path,
        body: withoutPreconditions(body),
        status,
      }));

  const act = (service: string, request: DeliveryActionRequest) =>
    backend.call('POST', actionsOf(service), OWNER, request);

  /** The service's delivery on the cluster, as its Deployments view shows it now. */
  const delivery = async (service: string): Promise<DeploymentDelivery> => {
    const response = await backend.get(
      `/api/modelkit/deployments/components/default/${service}`,
      OWNER,
    );
    expect(response.status).toBe(200);
    const body = response.body as ComponentDeploymentsResponse;
    return body.clusters.find(c => c.cluster.name === CLUSTER)!.deliveries[0];
  };

  /** The delivery once the view shows what the predicate waits for (the controller acts after the write). */
  const deliveryWhen = async (
    service: string,
    predicate: (delivery: DeploymentDelivery) => boolean,
  ): Promise<DeploymentDelivery> => {
    let current = await delivery(service);
    for (let attempt = 0; attempt < 200 && !predicate(current); attempt++) {
      await new Promise(resolve => setTimeout(resolve, 50));
      current = await delivery(service);
    }
    return current;
  };

  beforeAll(async () => {
    cluster = await startKubernetesSimulator({
      objects: SERVICES.flatMap(({ name, scenario, options }) =>
        buildServiceScenario(scenario, {
          service: name,
          namespace: 'nlp',
          modelKit: modelKit(name),
          cluster: CLUSTER,
          ...options,
        }),
      ).map(object =>
        // An OCI HelmRepository, as source-controller keeps it: no artifact, no status.
        object.kind === 'HelmRepository' &&
        object.metadata.name === 'oci-chart-api'
          ? {
              ...object,
              spec: {
                ...(object.spec as object),
                type: 'oci',
                url: 'oci://registry.example.com/charts',
              },
              status: undefined,
            }
          : object,
      ),
    });
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: CLUSTER, url: cluster.url, token: cluster.token }],
      entities: SERVICES.map(({ name }) => component(name, OWNER)),
      config: { kitstage: { deployments: { actions: { enabled: true } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });
  beforeEach(() => cluster.clearRequests());

  it('lists a Kustomization’s Bucket and a HelmRelease’s HelmRepository as their sources', async () => {
    const bucket = await delivery('bucket-api');
    expect(bucket.object).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'bucket-api',
    });
    expect(bucket.source).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'Bucket',
      namespace: 'flux-system',
      name: 'bucket-api',
      url: 'minio.example.com/bucket-api',
      revision: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      ready: {
        status: 'True',
        reason: 'Succeeded',
        message: `stored artifact for revision '${bucket.source?.revision}'`,
      },
      suspended: false,
    });

    const chart = await delivery('chart-api');
    expect(chart.object.kind).toBe('HelmRelease');
    // A chart from a Helm repository index has a version and no OCI digest.
    expect(chart.appliedRevision).toMatch(/^1\.4\.0\+[0-9a-f]{12}$/);
    expect(chart.source).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      namespace: 'flux-system',
      name: 'chart-api',
      url: 'https://charts.example.com',
      revision: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      ready: {
        status: 'True',
        reason: 'Succeeded',
        message: `stored artifact: revision '${chart.source?.revision}'`,
      },
      suspended: false,
    });
  });

  it('reconciles, suspends and resumes a HelmRepository and a Bucket with the patches Flux expects, and shows Flux’s reaction', async () => {
    const helmRepository = {
      cluster: CLUSTER,
      kind: 'HelmRepository',
      namespace: 'flux-system',
      name: 'chart-api',
    };
    const bucket = {
      cluster: CLUSTER,
      kind: 'Bucket',
      namespace: 'flux-system',
      name: 'bucket-api',
    };
    const reconcile = await act('chart-api', {
      ...helmRepository,
      action: 'reconcile',
    });
    expect(reconcile.status).toBe(200);
    const { requestedAt } = reconcile.body;
    expect(reconcile.body.object).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      namespace: 'flux-system',
      name: 'chart-api',
    });
    // source-controller records the request it handled; the card shows it.
    expect((await delivery('chart-api')).source?.lastHandledReconcileAt).toBe(
      requestedAt,
    );

    const bucketSource = async () => (await delivery('bucket-api')).source!;
    expect(
      (await act('bucket-api', { ...bucket, action: 'suspend' })).status,
    ).toBe(200);
    expect((await bucketSource()).suspended).toBe(true);
    const suspendedReconcile = await act('bucket-api', {
      ...bucket,
      action: 'reconcile',
    });
    expect(suspendedReconcile.status).toBe(200);
    // Suspended, the Bucket is not reconciled: the request waits.
    expect((await bucketSource()).lastHandledReconcileAt).toBeUndefined();
    expect(
      (await act('bucket-api', { ...bucket, action: 'resume' })).status,
    ).toBe(200);
    // Resumed, source-controller reconciles it and handles the waiting request.
    expect(await bucketSource()).toMatchObject({
      suspended: false,
      lastHandledReconcileAt: suspendedReconcile.body.requestedAt,
    });

    const [helmPatch, suspend, bucketReconcile, resume] = patches();
    expect(helmPatch).toEqual({
      path: `${SOURCES}/helmrepositories/chart-api`,
      body: {
        metadata: {
          annotations: { 'reconcile.fluxcd.io/requestedAt': requestedAt },
        },
      },
      status: 200,
    });
    expect(suspend).toEqual({
      path: `${SOURCES}/buckets/bucket-api`,
      body: { spec: { suspend: true } },
      status: 200,
    });
    expect(bucketReconcile).toEqual({
      path: `${SOURCES}/buckets/bucket-api`,
      body: {
        metadata: {
          annotations: {
            'reconcile.fluxcd.io/requestedAt':
              suspendedReconcile.body.requestedAt,
          },
        },
      },
      status: 200,
    });
    expect(resume).toEqual({
      path: `${SOURCES}/buckets/bucket-api`,
      body: { spec: { suspend: false } },
      status: 200,
    });
    expect(patches()).toHaveLength(4);
  });

  it('offers no action on an OCI HelmRepository, which Flux does not reconcile, and refuses them', async () => {
    const reason =
      'HelmRepository flux-system/oci-chart-api is of type oci, which Flux does not reconcile (it holds no artifact; the HelmChart or HelmRelease that uses it pulls the chart), so reconcile, suspend and resume would change nothing; act on the HelmRelease instead';
    const view = await backend.get(
      '/api/modelkit/deployments/components/default/oci-chart-api',
      OWNER,
    );
    const card = (view.body as ComponentDeploymentsResponse).clusters.find(
      c => c.cluster.name === CLUSTER,
    )!;
    expect(card.deliveries[0].source?.kind).toBe('HelmRepository');
    expect(card.actions).toEqual({
      enabled: true,
      permitted: true,
      prune: false,
      refused: [
        {
          object: {
            kind: 'HelmRepository',
            namespace: 'flux-system',
            name: 'oci-chart-api',
          },
          reason,
        },
      ],
    });
    for (const action of ['reconcile', 'suspend', 'resume'] as const) {
      const response = await act('oci-chart-api', {
        cluster: CLUSTER,
        kind: 'HelmRepository',
        namespace: 'flux-system',
        name: 'oci-chart-api',
        action,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(reason);
    }
    expect(patches()).toEqual([]);
    // Its HelmRelease takes its actions.
    const release = await act('oci-chart-api', {
      cluster: CLUSTER,
      kind: 'HelmRelease',
      namespace: 'flux-system',
      name: 'oci-chart-api',
      action: 'reconcile',
    });
    expect(release.status).toBe(200);
  });

  it('shows Flux’s reaction to a reconcile of a Kustomization', async () => {
    // The fixture's Kustomization handled a request an hour ago.
    const before = (await delivery('flux-api')).lastHandledReconcileAt;
    expect(Date.parse(before!)).toBeLessThan(Date.now());
    const response = await act('flux-api', {
      cluster: CLUSTER,
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'flux-api',
      action: 'reconcile',
    });
    expect(response.status).toBe(200);
    expect(response.body.requestedAt).not.toBe(before);
    expect((await delivery('flux-api')).lastHandledReconcileAt).toBe(
      response.body.requestedAt,
    );
  });

  it('shows Argo CD’s reaction to a refresh and to a sync: when it compared, and the operation’s outcome', async () => {
    const target = {
      cluster: CLUSTER,
      kind: 'Application',
      namespace: 'argocd',
      name: 'argo-api',
    };
    const before = await delivery('argo-api');
    // The fixture's last sync was automated and succeeded two hours ago.
    expect(before.lastOperation).toEqual({
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: expect.stringMatching(/Z$/),
      finishedAt: expect.stringMatching(/Z$/),
      revision: before.appliedRevision,
      initiatedBy: 'automated',
    });
    expect(Date.parse(before.reconciledAt!)).toBeLessThan(Date.now());

    const refreshedAfter = Date.now() - 1000;
    expect(
      (await act('argo-api', { ...target, action: 'refresh' })).status,
    ).toBe(200);
    const refreshed = await deliveryWhen(
      'argo-api',
      d => Date.parse(d.reconciledAt ?? '') >= refreshedAfter,
    );
    expect(Date.parse(refreshed.reconciledAt!)).toBeGreaterThanOrEqual(
      refreshedAfter,
    );
    // A refresh compares; it runs no operation.
    expect(refreshed.lastOperation).toEqual(before.lastOperation);

    expect((await act('argo-api', { ...target, action: 'sync' })).status).toBe(
      200,
    );
    const synced = await deliveryWhen(
      'argo-api',
      d =>
        d.lastOperation?.initiatedBy === OWNER &&
        d.lastOperation.phase !== 'Running',
    );
    expect(synced.lastOperation).toEqual({
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: expect.stringMatching(/Z$/),
      finishedAt: expect.stringMatching(/Z$/),
      revision: before.appliedRevision,
      initiatedBy: OWNER,
    });
    expect(
      Date.parse(synced.lastOperation!.finishedAt!),
    ).toBeGreaterThanOrEqual(Date.parse(synced.lastOperation!.startedAt!));
    expect(synced.syncStatus).toBe('Synced');
    expect(patches().map(({ path }) => path)).toEqual([
      `${APPLICATIONS}/argo-api`,
      `${APPLICATIONS}/argo-api`,
    ]);
  });

  it('shows a running operation, and refuses to sync while it runs', async () => {
    const busy = await delivery('argo-busy');
    expect(busy.lastOperation).toEqual({
      phase: 'Running',
      message: expect.stringContaining('waiting for healthy state of'),
      startedAt: expect.stringMatching(/Z$/),
      revision: busy.appliedRevision,
      initiatedBy: 'automated',
    });
    const response = await act('argo-busy', {
      cluster: CLUSTER,
      kind: 'Application',
      namespace: 'argocd',
      name: 'argo-busy',
      action: 'sync',
    });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe(
      'Application argocd/argo-busy is already running an operation; wait for it to finish',
    );
    expect(patches()).toEqual([]);
  });
});
