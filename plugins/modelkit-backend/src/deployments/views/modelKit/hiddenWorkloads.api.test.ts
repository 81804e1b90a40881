// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import '../../__testUtils__/allowNativeDynamicImport';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { ModelKitDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  KubernetesObject,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { TestPermissionPolicy } from '../../../__testUtils__/permissionTestFeatures';
import {
  component,
  modelKit as modelKitEntity,
} from '../../__fixtures__/catalog';
import { CLUSTER, modelKit } from '../../__testUtils__/deliveryActionsKit';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
  TEST_USERS,
} from '../../__testUtils__/startDeploymentsTestBackend';

// Where a ModelKit runs, for a caller who may read only her own Components and ModelKits:
// another team's Component names its workload only through the labels of its pod template,
// which its ReplicaSets and Pods carry and its Deployment does not. That workload runs her
// ModelKit, yet her view must not list it (nor its pods), as the Component view shows her
// none of its objects. A caller who may read that team's Component is shown it.

jest.setTimeout(120_000);

const MALLORY = 'user:default/mallory';
const TEAM = 'group:default/secret-team';
const KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** The objects of a service whose Deployment itself carries no kubernetes-id label. */
function labelledOnlyOnItsPodTemplate(
  objects: KubernetesObject[],
): KubernetesObject[] {
  return objects.map(object => {
    if (object.kind !== 'Deployment') return object;
    const { [KUBERNETES_ID]: _id, ...labels } = object.metadata.labels ?? {};
    return { ...object, metadata: { ...object.metadata, labels } };
  });
}

describe('where a ModelKit runs, beside workloads of Components hidden from the caller', () => {
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  /** Each workload that runs a version of the ModelKit: its namespace, name and pods. */
  const workloadsShown = async (caller: string) => {
    const response = await backend.get(
      '/api/modelkit/deployments/modelkits/default/mallory-model',
      caller,
    );
    expect(response.status).toBe(200);
    return (response.body as ModelKitDeploymentsResponse).versions.flatMap(
      version =>
        version.deployments.map(d => ({
          workload: `${d.workload.namespace}/${d.workload.name}`,
          component: d.component?.ref,
          pods: d.pods,
        })),
    );
  };

  const hidden = labelledOnlyOnItsPodTemplate(
    buildServiceScenario('healthy', {
      service: 'secret-pods',
      namespace: 'secret',
      // Her ModelKit, the version her own service runs.
      modelKit: modelKit('mallory-api'),
      cluster: CLUSTER,
    }),
  );

  beforeAll(async () => {
    cluster = await startKubernetesSimulator({
      objects: [
        ...buildServiceScenario('healthy', {
          service: 'mallory-api',
          namespace: 'mallory',
          modelKit: modelKit('mallory-api'),
          cluster: CLUSTER,
        }),
        ...hidden,
      ],
    });
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: CLUSTER, url: cluster.url, token: cluster.token }],
      entities: [
        component('mallory-api', MALLORY),
        component('secret-pods', TEAM),
        modelKitEntity(
          'mallory-model',
          modelKit('mallory-api').repository,
          MALLORY,
        ),
      ],
      policy: new TestPermissionPolicy([
        {
          user: MALLORY,
          permission: catalogEntityReadPermission,
          decision: { ownedBy: [MALLORY] },
        },
      ]),
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });

  it('names the hidden Component only in the labels of its pod template, which its ReplicaSets and Pods carry', () => {
    const labelsOf = (kind: string) =>
      hidden
        .filter(o => o.kind === kind)
        .map(o => o.metadata.labels?.[KUBERNETES_ID]);
    expect(labelsOf('Deployment')).toEqual([undefined]);
    expect(labelsOf('ReplicaSet').length).toBeGreaterThan(0);
    expect(labelsOf('Pod').length).toBeGreaterThan(0);
    for (const kind of ['ReplicaSet', 'Pod']) {
      expect(new Set(labelsOf(kind))).toEqual(new Set(['secret-pods']));
    }
  });

  it('lists only her own workload to a caller who may not read the hidden Component', async () => {
    expect(await workloadsShown(MALLORY)).toEqual([
      {
        workload: 'mallory/mallory-api',
        component: 'component:default/mallory-api',
        pods: 2,
      },
    ]);
  });

  it('lists the hidden Component’s workload, with its pods, to a caller who may read it', async () => {
    expect(await workloadsShown(TEST_USERS.reader)).toEqual([
      {
        workload: 'mallory/mallory-api',
        component: 'component:default/mallory-api',
        pods: 2,
      },
      { workload: 'secret/secret-pods', component: undefined, pods: 2 },
    ]);
  });
});
