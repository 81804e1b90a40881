import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import catalogModuleModelKit from '@kitstage/plugin-catalog-backend-module-modelkit';
import {
  AttestationTypes,
  findPromotionLiveAt,
  PromotionEvaluation,
  PromotionHistoryResponse,
} from '@kitstage/plugin-modelkit-common';
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
import request from 'supertest';
import {
  overlayPatch,
  ScriptedRepository,
} from './__testUtils__/gitRepository';
import { decideModelKitPromotion } from './permissionPolicy';
import { modelkitPlugin } from '../plugin';
import {
  authWithActors,
  permissionPolicyModule,
} from '../__testUtils__/permissionTestFeatures';
import { eventually } from '../__testUtils__/eventually';

// The real catalog, permission backend and modelkit plugin: the policy uses
// decideModelKitPromotion, so the catalog itself decides ownership of the Component.

/**
 * The subject of mock service tokens. The permissions service allows service principals
 * everything without asking the policy.
 */
const SERVICE = 'external:test-service';

jest.setTimeout(180_000);

const OWNER = 'user:default/alice';
const STRANGER = 'user:default/mallory';
const PLATFORM = 'user:default/root';

class PromotionPolicy implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return (
      decideModelKitPromotion(query, user, { overrideClaims: [PLATFORM] }) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
  }
}

describe('promotion API', () => {
  let registry: TestRegistry;
  let repo: ScriptedRepository;
  let backend: TestBackend;
  const digests: Record<string, string> = {};
  const catalogDir = createMockDirectory();

  beforeAll(async () => {
    registry = await startTestRegistry();
    const key = generateTestSigningKey('ed25519');
    for (const version of ['1', '2', '3']) {
      const kit = await buildTestModelKit({
        kitfile: {
          package: { name: 'support-sentiment', version: `${version}.0.0` },
          model: { path: `model-${version}.onnx` },
        },
      });
      digests[`v${version}`] = kit.digest;
      await registry.pusher.push('nlp/support-sentiment', kit, [`v${version}`]);
      if (version !== '3') {
        await registry.pusher.push(
          'nlp/support-sentiment',
          buildCosignAttestationImage([
            {
              envelope: signDsseEnvelope({
                payload: buildInTotoStatement({
                  digests: [kit.digest],
                  predicateType: AttestationTypes.scanEvaluationV1,
                  predicate: {
                    scanner: { name: 'modelscan', version: '0.8.1' },
                    modelKit: { reference: 'x', digest: kit.digest },
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
          [cosignTagFor(kit.digest, 'att')],
        );
      }
    }
    const repository = `${registry.host}/nlp/support-sentiment`;

    repo = await ScriptedRepository.create();
    const prod = 'deploy/overlays/production/modelkit.yaml';
    await repo.write(prod, overlayPatch(`${repository}:v1`));
    await repo.write(
      'deploy/overlays/staging/modelkit.yaml',
      overlayPatch(`${repository}:v1`),
    );
    await repo.commit('Initial project', '2026-11-01T09:00:00Z');
    await repo.mergePullRequest(
      'kitstage/promote-v1',
      { [prod]: overlayPatch(`${repository}@${digests.v1}`) },
      'Merge pull request #1 from acme/kitstage/promote-v1',
      '2026-11-02T09:00:00Z',
      ['Alice', 'alice@example.com'],
    );
    await repo.mergePullRequest(
      'kitstage/promote-v2',
      { [prod]: overlayPatch(`${repository}@${digests.v2}`) },
      'Merge pull request #2 from acme/kitstage/promote-v2',
      '2026-11-09T09:00:00Z',
      ['Alice', 'alice@example.com'],
    );
    await repo.push();

    const entities: Entity[] = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'support-sentiment',
          annotations: {
            'kitstage.dev/deploy-repository': `file://${repo.bare}#main`,
          },
        },
        spec: {
          type: 'service',
          owner: OWNER,
          lifecycle: 'production',
          dependsOn: ['modelkit:support-sentiment'],
        },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'platform-service' },
        spec: {
          type: 'service',
          owner: PLATFORM,
          lifecycle: 'production',
          dependsOn: ['modelkit:support-sentiment'],
        },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'elsewhere',
          annotations: {
            'backstage.io/source-location':
              'url:https://git.unknown.example/x/y/tree/main/',
          },
        },
        spec: { type: 'service', owner: OWNER, lifecycle: 'production' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'shadowed' },
        spec: {
          type: 'service',
          owner: OWNER,
          lifecycle: 'production',
          dependsOn: ['modelkit:shadow'],
        },
      },
      {
        apiVersion: 'kitstage.dev/v1alpha1',
        kind: 'ModelKit',
        metadata: { name: 'support-sentiment' },
        spec: {
          type: 'model',
          owner: OWNER,
          lifecycle: 'production',
          repository,
        },
      },
    ];
    // A ModelKit anyone could register, claiming the trusted ModelKit's repository and
    // lifecycle production.
    const shadow: Entity = {
      apiVersion: 'kitstage.dev/v1alpha1',
      kind: 'ModelKit',
      metadata: { name: 'shadow' },
      spec: {
        type: 'model',
        owner: OWNER,
        lifecycle: 'production',
        repository,
      },
    };
    // A Component anyone could register, naming the deploy repository of support-sentiment.
    const squatter: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'squatter',
        annotations: {
          'kitstage.dev/deploy-repository': `file://${repo.bare}#main`,
        },
      },
      spec: { type: 'service', owner: STRANGER, lifecycle: 'production' },
    };
    catalogDir.setContent({
      'catalog-info.yaml': entities
        .map(entity => JSON.stringify(entity, null, 2))
        .join('\n---\n'),
      'user-registered.yaml': [shadow, squatter]
        .map(entity => JSON.stringify(entity, null, 2))
        .join('\n---\n'),
    });
    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Component', 'ModelKit'] }],
              locations: [
                {
                  type: 'file',
                  target: catalogDir.resolve('catalog-info.yaml'),
                },
                {
                  type: 'file',
                  target: catalogDir.resolve('user-registered.yaml'),
                },
              ],
            },
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
              environments: [
                { name: 'staging' },
                {
                  name: 'production',
                  policy: 'production',
                  forbiddenLifecycles: ['experimental'],
                },
              ],
              promotion: { allowedRemotes: [`file://${repo.root}/`] },
              provenance: {
                trustedLocations: [
                  `file:${catalogDir.resolve('catalog-info.yaml')}`,
                ],
              },
            },
          },
        }),
        authWithActors,
        catalogPlugin,
        catalogModuleModelKit,
        permissionPlugin,
        permissionPolicyModule('promotion-policy', new PromotionPolicy()),
        modelkitPlugin,
      ],
    });
    const server = backend.server;
    for (const name of [
      'support-sentiment',
      'platform-service',
      'shadowed',
      'squatter',
    ]) {
      await eventually(`${name} with its owner in the catalog`, async () => {
        const response = await request(server)
          .get(`/api/catalog/entities/by-name/component/default/${name}`)
          .set('authorization', mockCredentials.user.header(OWNER));
        return response.status === 200 &&
          response.body.relations?.some((r: any) => r.type === 'ownedBy')
          ? true
          : undefined;
      });
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await registry?.stop();
    await repo?.remove();
  });

  const evaluate = (user: string, body: object, name = 'support-sentiment') =>
    request(backend.server)
      .post(`/api/modelkit/components/default/${name}/promotions/evaluate`)
      .set('authorization', mockCredentials.user.header(user))
      .send(body);

  describe('POST /components/:namespace/:name/promotions/evaluate', () => {
    it('lets the owner of the Component promote a verified version', async () => {
      const response = await evaluate(OWNER, {
        environment: 'production',
        version: 'v2',
      });
      expect(response.status).toBe(200);
      const evaluation: PromotionEvaluation = response.body;
      expect(evaluation.allowed).toBe(true);
      expect(evaluation.target).toMatchObject({
        modelKitEntityRef: 'modelkit:default/support-sentiment',
        digest: digests.v2,
        pinnedReference: `${registry.host}/nlp/support-sentiment@${digests.v2}`,
      });
      expect(evaluation.gates.map(g => [g.gate, g.passed])).toEqual([
        ['permission', true],
        ['environment', true],
        ['version', true],
        ['lifecycle', true],
        ['policy', true],
      ]);
    });

    it('refuses a user who does not own the Component', async () => {
      const response = await evaluate(STRANGER, {
        environment: 'production',
        version: 'v2',
      });
      expect(response.status).toBe(200);
      expect(response.body.allowed).toBe(false);
      expect(response.body.refusals).toEqual([
        'You are not allowed to promote component:default/support-sentiment (permission kitstage.modelkit.promote)',
      ]);
    });

    it('refuses an unverified version, overridable only with the override permission', async () => {
      const owner = await evaluate(OWNER, {
        environment: 'production',
        version: 'v3',
      });
      expect(owner.body.allowed).toBe(false);
      expect(owner.body.canOverride).toBe(false);
      expect(owner.body.refusals).toEqual([
        expect.stringMatching(/^Attestation policy "production" is missing/),
      ]);
      const platform = await evaluate(PLATFORM, {
        environment: 'staging',
        version: 'v3',
      });
      // The platform user does not own the Component: no override past the permission gate.
      expect(platform.body.canOverride).toBe(false);
      expect(platform.body.refusals).toEqual([
        expect.stringMatching(/^You are not allowed to promote/),
      ]);
      // On a Component it owns, the platform user may override the refused policy.
      const owned = await evaluate(
        PLATFORM,
        { environment: 'production', version: 'v3' },
        'platform-service',
      );
      expect(owned.body).toMatchObject({ allowed: false, canOverride: true });
    });

    it('refuses the permission gate to a service principal that is not configured, although the policy allows it', async () => {
      const response = await request(backend.server)
        .post(
          '/api/modelkit/components/default/platform-service/promotions/evaluate',
        )
        .set('authorization', mockCredentials.service.header())
        .send({ environment: 'production', version: 'v3' });
      expect(response.status).toBe(200);
      expect(response.body.allowed).toBe(false);
      expect(response.body.canOverride).toBe(false);
      expect(response.body.gates[0]).toMatchObject({
        gate: 'permission',
        passed: false,
      });
      expect(response.body.refusals[0]).toBe(
        `Promoting component:default/platform-service needs a signed-in user; the service principal ${SERVICE} may not, unless its subject is listed under kitstage.authorization.servicePrincipals`,
      );
    });

    it('refuses a promotion of a hand-registered ModelKit with the provenance reason', async () => {
      const response = await evaluate(
        OWNER,
        { environment: 'production', version: 'v2' },
        'shadowed',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        allowed: false,
        canOverride: false,
      });
      expect(response.body.target.digest).toBeUndefined();
      expect(response.body.refusals.join('\n')).toMatch(
        /modelkit:default\/shadow is not from a configured registry: it was registered from file:.*user-registered\.yaml/,
      );
      expect(
        response.body.gates.find((g: any) => g.gate === 'lifecycle'),
      ).toMatchObject({ passed: false, overridable: false });
    });

    it('answers 400 for a malformed body and 404 for an unknown Component', async () => {
      const bad = await evaluate(OWNER, { environment: 'Prod', version: 'v2' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /environment must be an environment name/,
      );
      const unknown = await evaluate(
        OWNER,
        { environment: 'production', version: 'v2' },
        'nope',
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('GET /components/:namespace/:name/promotions', () => {
    it('reads the promotions of an environment from the Git history', async () => {
      const response = await request(backend.server)
        .get(
          '/api/modelkit/components/default/support-sentiment/promotions?environment=production',
        )
        .set('authorization', mockCredentials.user.header(STRANGER));
      expect(response.status).toBe(200);
      const history: PromotionHistoryResponse = response.body;
      expect(history.repository).toBe(`file://${repo.bare}`);
      expect(history.branch).toBe('main');
      expect(
        history.entries.map(e => [
          e.digest,
          e.pullRequest?.number,
          e.author.name,
        ]),
      ).toEqual([
        [digests.v2, 2, 'Alice'],
        [digests.v1, 1, 'Alice'],
        [undefined, undefined, 'Test Author'],
      ]);
      expect(
        findPromotionLiveAt(history.entries, '2026-11-05T03:00:00Z')?.digest,
      ).toBe(digests.v1);
    });

    it('refuses the deploy repository of another Component to a Component registered elsewhere', async () => {
      const response = await request(backend.server)
        .get('/api/modelkit/components/default/squatter/promotions')
        .set('authorization', mockCredentials.user.header(STRANGER));
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        `component:default/squatter may not use file://${
          repo.bare
        } (its kitstage.dev/deploy-repository annotation): its catalog location file:${catalogDir.resolve(
          'user-registered.yaml',
        )} is not listed under kitstage.provenance.trustedLocations, which file:// remotes require`,
      );
      expect(JSON.stringify(response.body)).not.toContain('Alice');
    });

    it('lists the configured environments', async () => {
      const response = await request(backend.server)
        .get('/api/modelkit/environments')
        .set('authorization', mockCredentials.user.header(OWNER));
      expect(response.body.items.map((e: any) => e.name)).toEqual([
        'staging',
        'production',
      ]);
    });

    it('refuses an unknown environment and a repository that is not allowed', async () => {
      const unknown = await request(backend.server)
        .get(
          '/api/modelkit/components/default/support-sentiment/promotions?environment=qa',
        )
        .set('authorization', mockCredentials.user.header(OWNER));
      expect(unknown.status).toBe(400);
      const elsewhere = await request(backend.server)
        .get('/api/modelkit/components/default/elsewhere/promotions')
        .set('authorization', mockCredentials.user.header(OWNER));
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body.error.message).toBe(
        'The backstage.io/source-location annotation of component:default/elsewhere https://git.unknown.example/x/y.git is not under kitstage.promotion.allowedRemotes',
      );
    });
  });
});
