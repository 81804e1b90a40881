// Must come first: the Kubernetes backend below imports an ESM-only package dynamically.
import '../../deployments/__testUtils__/allowNativeDynamicImport';
import { TestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import {
  AttestationTypes,
  modelkitReadPermission,
} from '@kitstage/plugin-modelkit-common';
import {
  buildCosignAttestationImage,
  buildInTotoStatement,
  buildServiceScenario,
  buildTestModelKit,
  cosignTagFor,
  generateTestSigningKey,
  KubernetesSimulator,
  signDsseEnvelope,
  startKubernetesSimulator,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import request from 'supertest';
import { component, group } from '../../deployments/__fixtures__/catalog';
import { startDeploymentsTestBackend } from '../../deployments/__testUtils__/startDeploymentsTestBackend';
import { TestPermissionPolicy } from '../../__testUtils__/permissionTestFeatures';

/**
 * Users of the test permission policy.
 *
 * @internal
 */
export const ACTION_USERS = {
  /** May read everything. */
  reader: 'user:default/reader',
  /** May not read any catalog entity. */
  outsider: 'user:default/outsider',
  /** May read entities, but not the registry data of any ModelKit. */
  viewer: 'user:default/viewer',
};

/**
 * What the test registry holds: `team/churn` `v1` and `v2` (with a scan evaluation signed by
 * the configured key), and `team/secret` `v1`.
 *
 * @internal
 */
export interface ActionsTestArtifacts {
  v1: TestArtifact;
  v2: TestArtifact;
  secret: TestArtifact;
}

/**
 * A running backend serving the modelkit plugin's REST API and its actions, over the plugin's
 * actions endpoint and the MCP actions backend.
 *
 * @internal
 */
export interface ActionsTestBackend {
  backend: TestBackend;
  registry: TestRegistry;
  artifacts: ActionsTestArtifacts;
  /** A REST call on the backend as a user. */
  rest(
    method: 'GET' | 'POST',
    path: string,
    user: string,
    body?: object,
  ): request.Test;
  /** Invokes a modelkit action through the plugin's actions endpoint as a user. */
  invoke(name: string, input: object, user: string): request.Test;
  stop(): Promise<void>;
}

function modelKit(
  name: string,
  repository: string,
  owner: string,
  framework: string,
): Entity {
  return {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name, title: `${name} model` },
    spec: {
      type: 'model',
      owner,
      lifecycle: 'production',
      repository,
      framework,
    },
  };
}

/**
 * Starts a real docker-registry with two ModelKits (one version signed by a configured key),
 * the loopback Kubernetes simulator running `churn:v1` for the Component `churn-predictor`,
 * and the deployments test backend (real catalog, permission backend with the test policy,
 * Kubernetes backend and modelkit plugin) with the MCP actions backend, configured to serve
 * the modelkit plugin's actions (`backend.actions.pluginSources`). Resolves once the catalog
 * serves every entity with its relations.
 *
 * @internal
 */
export async function startActionsTestBackend(): Promise<ActionsTestBackend> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop();
    }
  };
  try {
    const registry = await startTestRegistry();
    stops.push(() => registry.stop());
    const key = generateTestSigningKey('ed25519');
    const kit = (version: string, name = 'churn') =>
      buildTestModelKit({
        kitfile: {
          package: { name, version },
          model: { path: 'model.bin', framework: 'pytorch' },
        },
        annotations: {
          'org.opencontainers.image.created': `2026-0${version[0]}-01T08:00:00Z`,
        },
      });
    const artifacts: ActionsTestArtifacts = {
      v1: await kit('1.0.0'),
      v2: await kit('2.0.0'),
      secret: await kit('1.0.0', 'secret'),
    };
    const churn = 'team/churn';
    await registry.pusher.push(churn, artifacts.v1, ['v1']);
    await registry.pusher.push(churn, artifacts.v2, ['v2']);
    await registry.pusher.push('team/secret', artifacts.secret, ['v1']);
    await registry.pusher.push(
      churn,
      buildCosignAttestationImage([
        {
          envelope: signDsseEnvelope({
            payload: buildInTotoStatement({
              digests: [artifacts.v2.digest],
              predicateType: AttestationTypes.scanEvaluationV1,
              predicate: {
                scanner: { name: 'modelscan', version: '0.8.1' },
                modelKit: { reference: 'v2', digest: artifacts.v2.digest },
                metrics: [],
                findings: [],
                timing: {
                  startedOn: '2026-03-01T10:00:00Z',
                  finishedOn: '2026-03-01T10:04:30Z',
                },
              },
            }),
            signers: [{ key }],
          }),
        },
      ]),
      [cosignTagFor(artifacts.v2.digest, 'att')],
    );

    const cluster: KubernetesSimulator = await startKubernetesSimulator({
      objects: buildServiceScenario('healthy', {
        service: 'churn-predictor',
        namespace: 'crm',
        modelKit: {
          repository: `${registry.host}/${churn}`,
          tag: 'v1',
          pinnedByDigest: false,
        },
        cluster: 'prod-eu',
      }),
    });
    stops.push(() => cluster.close());

    const entities: Entity[] = [
      group('nlp-team'),
      group('security-team'),
      {
        ...component('churn-predictor', 'group:nlp-team'),
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'group:nlp-team',
          dependsOn: ['modelkit:churn'],
        },
      },
      modelKit(
        'churn',
        `${registry.host}/${churn}`,
        'group:nlp-team',
        'pytorch',
      ),
      modelKit(
        'secret',
        `${registry.host}/team/secret`,
        'group:security-team',
        'sklearn',
      ),
    ];

    const test = await startDeploymentsTestBackend({
      clusters: [{ name: 'prod-eu', url: cluster.url, token: cluster.token }],
      entities,
      policy: new TestPermissionPolicy([
        {
          user: ACTION_USERS.outsider,
          permission: catalogEntityReadPermission,
          decision: 'deny',
        },
        {
          user: ACTION_USERS.viewer,
          permission: modelkitReadPermission,
          decision: 'deny',
        },
      ]),
      features: [mcpActionsPlugin],
      config: {
        // The actions registry and the MCP actions backend serve these plugins' actions.
        backend: { actions: { pluginSources: ['modelkit'] } },
        kitstage: {
          registries: [registry.configEntry('main', { ingest: false })],
          attestations: {
            keys: [{ name: 'release', publicKey: key.publicKeyPem }],
          },
          policies: {
            lifecycles: {
              production: {
                rules: [
                  {
                    id: 'scan-clean',
                    require: 'scan-evaluation',
                    signers: ['release'],
                  },
                ],
              },
            },
          },
          environments: [{ name: 'production', policy: 'production' }],
        },
      },
    });
    stops.push(() => test.stop());
    const backend = test.backend;

    const rest = (
      method: 'GET' | 'POST',
      path: string,
      user: string,
      body?: object,
    ) => test.call(method, path, user, body);
    const invoke = (name: string, input: object, user: string) =>
      rest(
        'POST',
        `/api/modelkit/.backstage/actions/v1/actions/modelkit:${name}/invoke`,
        user,
        input,
      );

    return { backend, registry, artifacts, rest, invoke, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
