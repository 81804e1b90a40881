import {
  mockCredentials,
  mockServices,
  ServiceMock,
} from '@backstage/backend-test-utils';
import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createRegistryService,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import {
  buildServiceScenario,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { component } from '../__fixtures__/catalog';
import { CLUSTER, modelKit, OWNER } from '../__testUtils__/deliveryActionsKit';
import { snapshotOf } from '../__testUtils__/snapshotOf';
import { classifyResponse } from '../kubernetes/ClusterRequestError';
import { HiddenServices } from '../matching/hiddenWorkloads';
import { DeliveryActionsService } from './DeliveryActionsService';
import type { DeliveryClusters } from './liveDeliveryObject';

// A unit test of the service alone: the API tests reach it through the real Kubernetes
// plugin, whose cluster list (all that bringing a snapshot up to date can fail on) a test
// cannot make fail after the patch. Here the cluster is the simulator, read and patched as
// the Kubernetes plugin's proxy would, and bringing its snapshot up to date fails.

const PATH =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/flux-api';

describe('an action whose cluster cannot be read again after the change', () => {
  let cluster: KubernetesSimulator;
  let logger: ServiceMock<LoggerService>;
  let auditor: ServiceMock<AuditorService>;
  let service: DeliveryActionsService;

  /** The Kubernetes plugin's proxy, in front of the simulator. */
  const send = async (path: string, what: string, init: RequestInit = {}) => {
    const response = await fetch(`${cluster.url}${path}`, {
      ...init,
      headers: {
        ...init.headers,
        authorization: `Bearer ${cluster.token}`,
      },
    });
    const text = await response.text();
    if (!response.ok) {
      throw classifyResponse({
        cluster: CLUSTER,
        what,
        statusCode: response.status,
        body: JSON.parse(text),
        text,
      });
    }
    return JSON.parse(text) as unknown;
  };

  beforeAll(async () => {
    const objects = buildServiceScenario('healthy', {
      service: 'flux-api',
      namespace: 'nlp',
      modelKit: modelKit('flux-api'),
      cluster: CLUSTER,
    });
    cluster = await startKubernetesSimulator({ objects });
    const clusters: DeliveryClusters = {
      // The snapshot the views read: the objects as the fixture made them.
      getSnapshots: async () => [snapshotOf(CLUSTER, objects)],
      // The only Component is the caller's own: none is hidden.
      hiddenClaimantsOf: async () => new HiddenServices([]),
      getObject: (_cluster, path, what) => send(path, what),
      patchObject: (_cluster, path, patch, what) =>
        send(path, what, {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: JSON.stringify(patch),
        }),
      refresh: async () => {
        throw new ServiceUnavailableError(
          'The Kubernetes plugin could not be reached at http://localhost/api/kubernetes/clusters',
        );
      },
    };
    const config = new ConfigReader({});
    logger = mockServices.logger.mock();
    auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({
        success: jest.fn(async () => {}),
        fail: jest.fn(async () => {}),
      })),
    });
    service = new DeliveryActionsService({
      clusters,
      access: ModelKitAccessService.create({
        config,
        catalog: catalogServiceMock({
          entities: [component('flux-api', OWNER)],
        }),
        permissions: mockServices.permissions(),
        registries: createRegistryService({
          config,
          logger: mockServices.rootLogger({ level: 'none' }),
        }),
      }),
      auditor,
      config: { enabled: true, prune: false },
      logger,
    });
  });
  afterAll(() => cluster?.close());

  it('answers what was sent, logs that the view shows the change later, and records success', async () => {
    const response = await service.run(
      { namespace: 'default', name: 'flux-api' },
      {
        value: {
          cluster: CLUSTER,
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'flux-api',
          action: 'suspend',
        },
      },
      mockCredentials.user(OWNER),
    );
    const [patch] = cluster.requests.filter(r => r.verb === 'patch');
    expect(patch.status).toBe(200);
    expect(response).toEqual({
      action: 'suspend',
      cluster: CLUSTER,
      object: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'flux-api',
      },
      patch: patch.body,
      requestedAt: expect.stringMatching(/Z$/),
      resourceVersion: expect.stringMatching(/^\d+$/),
    });
    expect(response.patch).toMatchObject({ spec: { suspend: true } });
    const stored = (await send(PATH, 'read')) as {
      spec: { suspend: boolean };
      metadata: { resourceVersion: string };
    };
    expect(stored.spec.suspend).toBe(true);
    expect(response.resourceVersion).toBe(stored.metadata.resourceVersion);
    expect(logger.warn).toHaveBeenCalledWith(
      'Cluster prod-eu could not be read again after suspend Kustomization flux-system/flux-api: ServiceUnavailableError: The Kubernetes plugin could not be reached at http://localhost/api/kubernetes/clusters',
    );
    const event = await (auditor.createEvent as jest.Mock).mock.results[0]
      .value;
    expect(event.success).toHaveBeenCalledTimes(1);
    expect(event.fail).not.toHaveBeenCalled();
  });
});
