import {
  createBackendPlugin,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import {
  AttestationService,
  modelkitAttestationServiceRef,
  ModelKitAccessService,
  modelkitRegistryServiceRef,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  buildCosignAttestationImage,
  buildInTotoStatement,
  buildTestModelKit,
  cosignTagFor,
  generateTestSigningKey,
  signDsseEnvelope,
  startTestRegistry,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

type JsonObject = Record<string, any>;

/** The repository of the test ModelKit, below the registry host. */
export const REPOSITORY = 'nlp/support-sentiment';

/**
 * The catalog location the test ModelKit entity was registered from, listed under
 * `kitstage.provenance.trustedLocations`: the promotion trusts its lifecycle and repository.
 */
export const TRUSTED_MODELKIT_LOCATION = 'file:/kitstage-test/modelkits.yaml';

function scanStatement(digest: string, findings: unknown[] = []) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.scanEvaluationV1,
    predicate: {
      scanner: { name: 'modelscan', version: '0.8.1' },
      modelKit: { reference: 'x', digest },
      metrics: [{ name: 'accuracy', value: 0.93, threshold: { min: 0.9 } }],
      findings,
      timing: {
        startedOn: '2026-03-01T10:00:00Z',
        finishedOn: '2026-03-01T10:04:30Z',
      },
    },
  });
}

/**
 * A registry with three versions of one ModelKit: `v1` and `v2` carry a verified clean scan
 * evaluation, `v3` carries nothing; the backend services of a scaffolder plugin on it; and the
 * catalog entities of a Component serving it.
 */
export interface PromotionWorld {
  registry: TestRegistry;
  repository: string;
  digests: { v1: string; v2: string; v3: string };
  services: { registry: RegistryService; attestations: AttestationService };
  config: (extra?: JsonObject) => ConfigReader;
  configData: (extra?: JsonObject) => JsonObject;
  /**
   * The Component and its ModelKit. `deployRepository` is the Component's
   * `kitstage.dev/deploy-repository` annotation; `modelKitLocation` where the ModelKit was
   * registered from (the trusted location by default).
   */
  entities: (
    lifecycle?: string,
    options?: { deployRepository?: string; modelKitLocation?: string },
  ) => Entity[];
  /** Access services over these entities, as the scaffolder module builds them. */
  access: (options: {
    config: ConfigReader;
    entities: Entity[];
    permissions: PermissionsService;
  }) => ModelKitAccessService;
  stop(): Promise<void>;
}

export const ENVIRONMENTS = [
  { name: 'staging' },
  {
    name: 'production',
    policy: 'production',
    forbiddenLifecycles: ['experimental'],
  },
];

export async function startPromotionWorld(): Promise<PromotionWorld> {
  const registry = await startTestRegistry();
  const key = generateTestSigningKey('ed25519');
  const versions = await Promise.all(
    ['1.0.0', '2.0.0', '3.0.0'].map(version =>
      buildTestModelKit({
        kitfile: {
          manifestVersion: '1.0.0',
          package: { name: 'support-sentiment', version },
          model: { name: 'sentiment', path: `model-${version}.onnx` },
          code: [{ path: 'serve.py' }],
        } as any,
        files: { 'serve.py': 'print("serve")\n' },
      }),
    ),
  );
  const [v1, v2, v3] = versions;
  await registry.pusher.push(REPOSITORY, v1, ['v1']);
  await registry.pusher.push(REPOSITORY, v2, ['v2']);
  await registry.pusher.push(REPOSITORY, v3, ['v3']);
  for (const version of [v1, v2]) {
    await registry.pusher.push(
      REPOSITORY,
      buildCosignAttestationImage([
        {
          envelope: signDsseEnvelope({
            payload: scanStatement(version.digest),
            signers: [{ key }],
          }),
        },
      ]),
      [cosignTagFor(version.digest, 'att')],
    );
  }
  const baseConfig: JsonObject = {
    kitstage: {
      registries: [registry.configEntry('internal')],
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
      environments: ENVIRONMENTS,
      provenance: { trustedLocations: [TRUSTED_MODELKIT_LOCATION] },
    },
  };
  let services: PromotionWorld['services'] | undefined;
  const backend = await startTestBackend({
    features: [
      createBackendPlugin({
        pluginId: 'scaffolder',
        register(env) {
          env.registerInit({
            deps: {
              registry: modelkitRegistryServiceRef,
              attestations: modelkitAttestationServiceRef,
            },
            async init(deps) {
              services = deps;
            },
          });
        },
      }),
      mockServices.rootConfig.factory({ data: baseConfig }),
    ],
  });
  const repository = `${registry.host}/${REPOSITORY}`;
  const merge = (extra: JsonObject = {}): JsonObject => ({
    ...baseConfig,
    kitstage: {
      ...(baseConfig.kitstage as JsonObject),
      ...((extra.kitstage as JsonObject) ?? {}),
    },
    ...Object.fromEntries(
      Object.entries(extra).filter(([k]) => k !== 'kitstage'),
    ),
  });
  return {
    registry,
    repository,
    digests: { v1: v1.digest, v2: v2.digest, v3: v3.digest },
    services: services!,
    config: (extra = {}) => new ConfigReader(merge(extra)),
    configData: merge,
    entities: (
      lifecycle = 'production',
      options: { deployRepository?: string; modelKitLocation?: string } = {},
    ): Entity[] => [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'support-sentiment',
          namespace: 'default',
          annotations: {
            // Registered from the trusted location, so it may name any allowed remote.
            'backstage.io/managed-by-location': TRUSTED_MODELKIT_LOCATION,
            'backstage.io/managed-by-origin-location':
              TRUSTED_MODELKIT_LOCATION,
            ...(options.deployRepository
              ? { 'kitstage.dev/deploy-repository': options.deployRepository }
              : {}),
          } as Record<string, string>,
        },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'group:default/nlp',
          dependsOn: ['modelkit:support-sentiment'],
        },
      },
      {
        apiVersion: 'kitstage.dev/v1alpha1',
        kind: 'ModelKit',
        metadata: {
          name: 'support-sentiment',
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location':
              options.modelKitLocation ?? TRUSTED_MODELKIT_LOCATION,
            'backstage.io/managed-by-origin-location':
              options.modelKitLocation ?? TRUSTED_MODELKIT_LOCATION,
          },
        },
        spec: {
          type: 'model',
          owner: 'group:default/nlp',
          lifecycle,
          repository,
        },
      },
    ],
    access: ({ config, entities, permissions }) =>
      ModelKitAccessService.create({
        config,
        catalog: catalogServiceMock({ entities }),
        permissions,
        registries: services!.registry,
      }),
    async stop() {
      await backend.stop();
      await registry.stop();
    },
  };
}

/** The production overlay patch of the scaffolded project, pinned to a reference. */
export function overlayPatch(reference: string): string {
  return `---
# Written by kitstage:manifests:write; promotions change the reference below.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: support-sentiment
  annotations:
    kitstage.dev/modelkit: ${reference}
spec:
  template:
    metadata:
      annotations:
        kitstage.dev/modelkit: ${reference}
    spec:
      containers:
        - name: server
          env:
            - name: MODELKIT_REF
              value: ${reference} # what the server reports
`;
}

const KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [../../base]
patches:
  - path: modelkit.yaml
`;

/** Writes a repository tree with staging and production overlays. */
export async function writeProject(
  dir: string,
  reference: string,
): Promise<void> {
  for (const environment of ['staging', 'production']) {
    const overlay = path.join(dir, 'deploy/overlays', environment);
    await fs.mkdir(overlay, { recursive: true });
    await fs.writeFile(
      path.join(overlay, 'modelkit.yaml'),
      overlayPatch(reference),
    );
    await fs.writeFile(path.join(overlay, 'kustomization.yaml'), KUSTOMIZATION);
  }
  await fs.mkdir(path.join(dir, 'deploy/base'), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'deploy/base/kustomization.yaml'),
    'resources: []\n',
  );
}

/** Runs git for a test, with a fixed identity and no user configuration. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Test Author',
      GIT_AUTHOR_EMAIL: 'author@example.com',
      GIT_COMMITTER_NAME: 'Test Author',
      GIT_COMMITTER_EMAIL: 'author@example.com',
      ...(process.env.GIT_TEST_DATE
        ? {
            GIT_AUTHOR_DATE: process.env.GIT_TEST_DATE,
            GIT_COMMITTER_DATE: process.env.GIT_TEST_DATE,
          }
        : {}),
    },
  });
  return stdout;
}

/** A bare repository under `root/name.git` whose `main` holds the project. */
export async function createBareRepository(
  root: string,
  name: string,
  reference: string,
): Promise<string> {
  const bare = path.join(root, `${name}.git`);
  await fs.mkdir(bare, { recursive: true });
  await git(bare, 'init', '-q', '--bare', '-b', 'main');
  await git(bare, 'config', 'http.receivepack', 'true');
  const work = await fs.mkdtemp(path.join(root, 'seed-'));
  await git(work, 'init', '-q', '-b', 'main');
  await writeProject(work, reference);
  await git(work, 'add', '.');
  await git(work, 'commit', '-q', '-m', 'Initial project');
  await git(work, 'push', '-q', bare, 'main');
  await fs.rm(work, { recursive: true, force: true });
  return bare;
}
