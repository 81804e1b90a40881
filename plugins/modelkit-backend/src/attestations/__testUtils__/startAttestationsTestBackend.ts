import {
  BackendFeature,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogModuleModelKit from '@kitstage/plugin-catalog-backend-module-modelkit';
import { modelkitReadPermission } from '@kitstage/plugin-modelkit-common';
import {
  ModelKitPolicyStatusService,
  modelkitPolicyStatusServiceRef,
  modelkitRegistryServiceRef,
  RegistryRequestKind,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  buildTestContainerImage,
  buildTestModelKit,
  signDsseEnvelope,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import request from 'supertest';
import { modelkitPlugin } from '../../plugin';
import {
  attestationsConfig,
  byReleaseCi,
  byReleaseWorkflow,
  createTestSigners,
  dsseReferrer,
  keylessBundleReferrer,
  provenanceStatement,
  pushAtt,
  pushReferrers,
  pushSig,
  sbomFileReferrer,
  sbomStatement,
  scanStatement,
  TEST_POLICIES,
  TestSigners,
} from './attestationScenarios';
import {
  authWithActors,
  permissionPolicyModule,
  TestPermissionPolicy,
} from '../../__testUtils__/permissionTestFeatures';
import { eventually } from '../../__testUtils__/eventually';
import { CacheWrite, recordingCacheFactory } from './recordingCache';

/** Users of the test permission policy. */
export const USERS = {
  /** May read everything. */
  reader: 'user:default/reader',
  /** May not read any catalog entity. */
  outsider: 'user:default/outsider',
  /** May read entities, but not the registry data of any ModelKit. */
  viewer: 'user:default/viewer',
};

/** `catalog.entity.read` is denied to the outsider, `kitstage.modelkit.read` to the viewer. */
const TEST_POLICY = new TestPermissionPolicy([
  {
    user: USERS.outsider,
    permission: catalogEntityReadPermission,
    decision: 'deny',
  },
  { user: USERS.viewer, permission: modelkitReadPermission, decision: 'deny' },
]);

/**
 * A plugin handing out the registry service (whose request counters span the backend) and its
 * own instance of the deployment views' policy status seam, with its default factory.
 */
function probe(
  onServices: (
    registries: RegistryService,
    policyStatus: ModelKitPolicyStatusService,
  ) => void,
): BackendFeature {
  return createBackendPlugin({
    pluginId: 'attestations-probe',
    register(env) {
      env.registerInit({
        deps: {
          registries: modelkitRegistryServiceRef,
          policyStatus: modelkitPolicyStatusServiceRef,
        },
        async init({ registries, policyStatus }) {
          onServices(registries, policyStatus);
        },
      });
    },
  });
}

function kitfile(name: string, packageVersion: string) {
  return {
    package: { name, version: packageVersion, license: 'Apache-2.0' },
    model: { name, path: 'model/weights.safetensors' },
  };
}

async function modelKitVersion(name: string, v: string, created: string) {
  return buildTestModelKit({
    kitfile: kitfile(name, v),
    files: { 'model/weights.safetensors': `${name} ${v}` },
    annotations: { 'org.opencontainers.image.created': `${created}T08:00:00Z` },
  });
}

function modelKit(
  name: string,
  repository: string,
  lifecycle = 'production',
): Entity {
  return {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name },
    spec: { type: 'model', owner: 'group:nlp-team', lifecycle, repository },
  };
}

/** What the test registries hold. */
export interface AttestationTestArtifacts {
  /** `team/sentiment:v1`: everything production needs, verified, of every format. */
  passing: TestArtifact;
  /** `team/sentiment:v2`: a verified scan evaluation with a concern finding. */
  concern: TestArtifact;
  /**
   * `team/sentiment:v3` and `latest`: one attestation in every state but `verified` (and an
   * SBOM that verifies), and a seventh beyond the limit of six.
   */
  states: TestArtifact;
  /** `team/sentiment:runtime`, a container image. */
  image: TestArtifact;
  /** `team/lab:v1`, experimental: the concern scan again. */
  lab: TestArtifact;
  /** `team/fresh:v1`, production, with no attestations yet. */
  fresh: TestArtifact;
  /** `team/flaky:v1` on the `doomed` registry, signed like `passing`. */
  flaky: TestArtifact;
}

/** A running backend with the catalog, permissions and the modelkit plugin, and its data. */
export interface AttestationsTestBackend {
  backend: TestBackend;
  main: TestRegistry;
  /** A second registry, for tests that stop it. */
  doomed: TestRegistry;
  signers: TestSigners;
  artifacts: AttestationTestArtifacts;
  /** The deployment views' policy status seam, with its default factory. */
  policyStatus: ModelKitPolicyStatusService;
  /** Requests the backend has made to a registry so far, of one kind or of every kind. */
  registryRequests(name: 'main' | 'doomed', kind?: RegistryRequestKind): number;
  /** Every value the backend's plugins wrote to their caches so far. */
  cacheWrites: readonly CacheWrite[];
  /** A GET on the backend as `user` (an entity ref), or without credentials for `none`. */
  get(path: string, user?: string | 'none'): request.Test;
  stop(): Promise<void>;
}

/**
 * Starts two real `docker-registry` processes holding ModelKits with attestations attached
 * every way the verifier reads them (cosign `.att` and `.sig` tags, OCI referrers found through
 * the referrers tag schema, keyless Sigstore bundles), and a backend with the real catalog
 * (SQLite in memory, the Kitstage catalog module, a `file` location), the real permission
 * backend with a test policy, and the modelkit plugin trusting the test signers under
 * {@link TEST_POLICIES}. Resolves once the catalog serves every test entity.
 */
export async function startAttestationsTestBackend(): Promise<AttestationsTestBackend> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop();
    }
  };
  try {
    const main = await startTestRegistry();
    stops.push(() => main.stop());
    const doomed = await startTestRegistry();
    stops.push(() => doomed.stop());
    const signers = createTestSigners();

    const artifacts: AttestationTestArtifacts = {
      passing: await modelKitVersion('sentiment', '1.0.0', '2026-01-10'),
      concern: await modelKitVersion('sentiment', '2.0.0', '2026-02-10'),
      states: await modelKitVersion('sentiment', '3.0.0', '2026-03-10'),
      image: await buildTestContainerImage(),
      lab: await modelKitVersion('lab', '0.1.0', '2026-02-01'),
      fresh: await modelKitVersion('fresh', '1.0.0', '2026-02-01'),
      flaky: await modelKitVersion('flaky', '1.0.0', '2026-02-01'),
    };
    const { passing, concern, states, lab, fresh, flaky } = artifacts;
    await main.pusher.push('team/sentiment', passing, ['v1']);
    await main.pusher.push('team/sentiment', concern, ['v2']);
    await main.pusher.push('team/sentiment', states, ['v3', 'latest']);
    await main.pusher.push('team/sentiment', artifacts.image, ['runtime']);
    await main.pusher.push('team/lab', lab, ['v1']);
    await main.pusher.push('team/fresh', fresh, ['v1']);
    await doomed.pusher.push('team/flaky', flaky, ['v1']);

    // passing: cosign .att (key and keyless), a keyless bundle and a key-signed DSSE envelope
    // as OCI referrers, a plain SBOM file referrer, and a cosign .sig.
    await pushAtt(main, 'team/sentiment', passing, [
      byReleaseCi(signers, scanStatement(passing.digest)),
      byReleaseWorkflow(signers, provenanceStatement(passing.digest)),
    ]);
    await pushReferrers(
      main,
      'team/sentiment',
      [
        keylessBundleReferrer(signers, passing),
        dsseReferrer(
          passing,
          signDsseEnvelope({
            payload: sbomStatement(passing.digest),
            signers: [{ key: signers.rsa }],
          }),
        ),
        sbomFileReferrer(passing),
      ],
      passing,
    );
    await pushSig(main, 'team/sentiment', passing, signers.ed25519);

    // concern: verified, but the scan found something likely harmful.
    const concernLayers = [
      byReleaseCi(
        signers,
        scanStatement(concern.digest, [
          { severity: 'info', title: 'Model uses safetensors' },
          { severity: 'concern', title: 'Pickle opcode in tokenizer' },
        ]),
      ),
      byReleaseWorkflow(signers, provenanceStatement(concern.digest)),
    ];
    await pushAtt(main, 'team/sentiment', concern, concernLayers);

    // states: one of each failure, one verified SBOM, and a clean scan beyond the limit.
    await pushAtt(main, 'team/sentiment', states, [
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(states.digest),
          signers: [{ key: signers.stranger }],
        }),
      },
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(states.digest),
          signers: [{ key: signers.stranger, keyid: 'ci-1' }],
        }),
      },
      byReleaseCi(signers, scanStatement(states.digest, [], passing.digest)),
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(states.digest),
          signers: [],
        }),
      },
      { envelope: '{"payloadType": "application/vnd.in-toto+json"' },
      {
        envelope: signDsseEnvelope({
          payload: sbomStatement(states.digest),
          signers: [{ key: signers.rsa }],
        }),
      },
      byReleaseCi(signers, scanStatement(states.digest)),
    ]);

    await pushAtt(main, 'team/lab', lab, [
      byReleaseCi(
        signers,
        scanStatement(lab.digest, [
          { severity: 'concern', title: 'Pickle opcode in tokenizer' },
        ]),
      ),
    ]);
    await pushAtt(doomed, 'team/flaky', flaky, [
      byReleaseCi(signers, scanStatement(flaky.digest)),
      byReleaseWorkflow(signers, provenanceStatement(flaky.digest)),
    ]);

    const catalogDir = createMockDirectory();
    const entities: Entity[] = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'nlp-team' },
        spec: { type: 'team', children: [] },
      },
      modelKit('sentiment', `${main.host}/team/sentiment`),
      modelKit('lab', `${main.host}/team/lab`, 'experimental'),
      modelKit('fresh', `${main.host}/team/fresh`),
      modelKit('flaky', `${doomed.host}/team/flaky`),
      modelKit('elsewhere', 'registry.unconfigured.example/team/model'),
    ];
    // JSON documents are YAML documents: the file is serialised, never pasted together.
    catalogDir.setContent({
      'catalog-info.yaml': entities
        .map(entity => JSON.stringify(entity, null, 2))
        .join('\n---\n'),
    });

    const cacheWrites: CacheWrite[] = [];
    let registries: RegistryService | undefined;
    let policyStatus: ModelKitPolicyStatusService | undefined;
    const tagCache = { cache: { tagTtl: { seconds: 1 } } };
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Group', 'ModelKit'] }],
              locations: [
                {
                  type: 'file',
                  target: catalogDir.resolve('catalog-info.yaml'),
                },
              ],
            },
            kitstage: {
              // The file's ModelKits are trusted as if the registry provider emitted them.
              provenance: {
                trustedLocations: [
                  `file:${catalogDir.resolve('catalog-info.yaml')}`,
                ],
              },
              registries: [
                main.configEntry('main', { ingest: false, ...tagCache }),
                doomed.configEntry('doomed', {
                  ingest: false,
                  ...tagCache,
                  limits: { maxRetries: 0, connectTimeout: { seconds: 2 } },
                }),
              ],
              attestations: attestationsConfig(signers) as JsonObject,
              policies: TEST_POLICIES,
            },
          },
        }),
        recordingCacheFactory(cacheWrites),
        authWithActors,
        catalogPlugin,
        catalogModuleModelKit,
        permissionPlugin,
        permissionPolicyModule('attestations-test-policy', TEST_POLICY),
        modelkitPlugin,
        probe((r, p) => {
          registries = r;
          policyStatus = p;
        }),
      ],
    });
    stops.push(() => backend.stop());

    const get = (path: string, user: string | 'none' = USERS.reader) =>
      request(backend.server)
        .get(path)
        .set(
          'authorization',
          user === 'none'
            ? mockCredentials.none.header()
            : mockCredentials.user.header(user),
        );

    for (const entity of entities) {
      const ref = `${entity.kind}/default/${entity.metadata.name}`;
      let last = '';
      await eventually(
        () => `${ref} in the catalog (last: ${last})`,
        async () => {
          const response = await get(`/api/catalog/entities/by-name/${ref}`);
          if (response.status === 200) return true;
          last = `${response.status} ${JSON.stringify(response.body).slice(
            0,
            300,
          )}`;
          return undefined;
        },
      );
    }

    return {
      backend,
      main,
      doomed,
      signers,
      artifacts,
      policyStatus: policyStatus!,
      registryRequests(name, kind) {
        const counts = registries
          ?.getRequestCounts()
          .find(c => c.registry === name);
        if (!counts) {
          throw new Error(`No request counts for registry ${name}`);
        }
        return kind ? counts.byKind[kind] : counts.total;
      },
      cacheWrites,
      get,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
