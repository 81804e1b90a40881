import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  MODELKIT_API_VERSION_V1ALPHA1,
  modelkitPromoteOverridePermission,
  modelkitReadPermission,
} from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService } from '../access';
import { AttestationService } from '../attestation';
import { RegistryService } from '../registry';
import {
  evaluatePromotion,
  EvaluatePromotionOptions,
  readPromotionEnvironments,
} from './evaluatePromotion';

// One-module unit tests: the catalog, registry, permissions and attestations are stand-ins.
// The promotion API and the scaffolder action test this against a real registry and backend.

const DIGEST = `sha256:${'a'.repeat(64)}`;

const component = (dependsOn: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default' },
  spec: { type: 'service', owner: 'team', lifecycle: 'production', dependsOn },
});

/** A location listed under kitstage.provenance.trustedLocations in these tests. */
const TRUSTED_LOCATION = 'file:/catalog/modelkits.yaml';

const modelKit = (
  name: string,
  location = TRUSTED_LOCATION,
  lifecycle = 'production',
): Entity => ({
  apiVersion: MODELKIT_API_VERSION_V1ALPHA1,
  kind: 'ModelKit',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
    },
  },
  spec: {
    repository: `registry.example.com/ml/${name}`,
    lifecycle,
    owner: 'team',
  },
});

/** A manifest as the registry client reads it, with the config media type given. */
const manifestOf = (configMediaType: string) => ({
  kind: 'image' as const,
  digest: DIGEST,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  manifest: {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: configMediaType, digest: DIGEST, size: 2 },
    layers: [],
  },
});
const MODELKIT_CONFIG = 'application/vnd.kitops.modelkit.config.v1+json';

const source = {
  resolveTag: jest.fn(async () => ({ digest: DIGEST })),
  getManifest: jest.fn(async () => manifestOf(MODELKIT_CONFIG)),
};

function options(
  entities: Entity[],
  overrides: Partial<EvaluatePromotionOptions> & {
    allowOverride?: boolean;
    /** Denies `kitstage.modelkit.read` on every ModelKit. */
    denyModelKitRead?: boolean;
    extraConfig?: Record<string, any>;
  } = {},
): EvaluatePromotionOptions {
  const byRef = new Map(
    entities.map(e => [
      `${e.kind.toLowerCase()}:${e.metadata.namespace}/${e.metadata.name}`,
      e,
    ]),
  );
  const catalog = {
    getEntityByRef: async (ref: string | CompoundEntityRef) =>
      byRef.get(
        typeof ref === 'string' ? ref : stringifyEntityRef(ref).toLowerCase(),
      ),
  } as unknown as CatalogService;
  const registry = {
    findSource: (repository: string) => ({
      source,
      repository: repository.replace('registry.example.com/', ''),
    }),
  } as unknown as RegistryService;
  const permissions = {
    authorize: async (requests: Array<{ permission: any }>) =>
      requests.map(r => ({
        result:
          (isPermission(r.permission, modelkitPromoteOverridePermission) &&
            !overrides.allowOverride) ||
          (isPermission(r.permission, modelkitReadPermission) &&
            overrides.denyModelKitRead)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  } as unknown as PermissionsService;
  const {
    allowOverride: _ignored,
    denyModelKitRead: _alsoIgnored,
    extraConfig,
    ...rest
  } = overrides;
  const config = new ConfigReader({
    kitstage: {
      environments: [
        { name: 'staging' },
        { name: 'production', forbiddenLifecycles: ['experimental'] },
      ],
      provenance: { trustedLocations: [TRUSTED_LOCATION] },
      ...extraConfig,
    },
  });
  return {
    config,
    access: ModelKitAccessService.create({
      config,
      catalog,
      permissions,
      registries: registry,
    }),
    attestations: {} as AttestationService,
    credentials: mockCredentials.user(),
    component: 'svc',
    environment: 'staging',
    version: 'v1',
    ...rest,
  };
}

describe('evaluatePromotion', () => {
  beforeEach(() => {
    source.resolveTag.mockClear();
    source.getManifest.mockClear();
  });

  it('pins the tag to its digest and allows a promotion every gate passes', async () => {
    const result = await evaluatePromotion(
      options([
        component(['modelkit:default/sentiment']),
        modelKit('sentiment'),
      ]),
    );
    expect(result.evaluation.componentEntityRef).toBe('component:default/svc');
    expect(result.evaluation.target).toMatchObject({
      modelKitEntityRef: 'modelkit:default/sentiment',
      tag: 'v1',
      digest: DIGEST,
      pinnedReference: `registry.example.com/ml/sentiment@${DIGEST}`,
    });
    expect(result.evaluation.allowed).toBe(true);
    expect(result.evaluation.canOverride).toBe(false);
    expect(result.modelKit?.metadata.name).toBe('sentiment');
  });

  it('refuses, without overriding, a digest of the repository that is not a ModelKit', async () => {
    // Anyone with push rights to the repository can put a container image (or a signature, an
    // index) there; it is not a version, whatever gate it would pass.
    source.getManifest.mockResolvedValueOnce(
      manifestOf('application/vnd.oci.image.config.v1+json'),
    );
    const { evaluation } = await evaluatePromotion(
      options(
        [component(['modelkit:default/sentiment']), modelKit('sentiment')],
        { version: DIGEST, allowOverride: true },
      ),
    );
    expect(source.getManifest).toHaveBeenCalledWith('ml/sentiment', DIGEST, {
      signal: undefined,
    });
    expect(evaluation.target.digest).toBeUndefined();
    expect(evaluation.target.pinnedReference).toBeUndefined();
    expect(evaluation.allowed).toBe(false);
    expect(evaluation.canOverride).toBe(false);
    expect(evaluation.gates.find(g => g.gate === 'version')).toMatchObject({
      passed: false,
      overridable: false,
    });
    expect(evaluation.refusals.join('\n')).toContain(
      `registry.example.com/ml/sentiment@${DIGEST} is not a ModelKit: it is a container image, not a ModelKit`,
    );
  });

  describe('service principals', () => {
    const entities = () => [
      component(['modelkit:default/sentiment']),
      modelKit('sentiment', TRUSTED_LOCATION, 'experimental'),
    ];

    it('may neither promote nor override, although the permission framework allows them', async () => {
      const { evaluation } = await evaluatePromotion(
        options(entities(), {
          credentials: mockCredentials.service('plugin:catalog'),
          environment: 'production',
          allowOverride: true,
        }),
      );
      expect(evaluation.allowed).toBe(false);
      expect(evaluation.canOverride).toBe(false);
      expect(evaluation.gates[0]).toMatchObject({
        gate: 'permission',
        passed: false,
      });
      expect(evaluation.refusals[0]).toBe(
        'Promoting component:default/svc needs a signed-in user; the service principal plugin:catalog may not, unless its subject is listed under kitstage.authorization.servicePrincipals',
      );
    });

    it('may promote and override when its subject is listed under kitstage.authorization.servicePrincipals', async () => {
      const { evaluation } = await evaluatePromotion(
        options(entities(), {
          credentials: mockCredentials.service('external:release-bot'),
          environment: 'production',
          allowOverride: true,
          extraConfig: {
            authorization: { servicePrincipals: ['external:release-bot'] },
          },
        }),
      );
      expect(evaluation.gates[0]).toMatchObject({ passed: true });
      expect(evaluation.allowed).toBe(false);
      expect(evaluation.canOverride).toBe(true);
    });
  });

  describe('ModelKit provenance', () => {
    it('refuses a hand-registered ModelKit that claims lifecycle production, without reading its registry', async () => {
      const { evaluation } = await evaluatePromotion(
        options(
          [
            component(['modelkit:default/shadow']),
            modelKit('shadow', 'url:https://github.com/mallory/x/catalog.yaml'),
          ],
          { environment: 'production', allowOverride: true },
        ),
      );
      expect(evaluation.allowed).toBe(false);
      expect(evaluation.canOverride).toBe(false);
      expect(evaluation.target.digest).toBeUndefined();
      expect(source.resolveTag).not.toHaveBeenCalled();
      expect(source.getManifest).not.toHaveBeenCalled();
      const lifecycle = evaluation.gates.find(g => g.gate === 'lifecycle');
      expect(lifecycle).toMatchObject({ passed: false, overridable: false });
      expect(evaluation.refusals.join('\n')).toContain(
        'modelkit:default/shadow is not from a configured registry: it was registered from url:https://github.com/mallory/x/catalog.yaml',
      );
    });
  });

  it('refuses an environment that is not configured', async () => {
    const result = await evaluatePromotion(
      options(
        [component(['modelkit:default/sentiment']), modelKit('sentiment')],
        {
          environment: 'qa',
        },
      ),
    );
    expect(result.evaluation.allowed).toBe(false);
    expect(result.evaluation.refusals.join(' ')).toContain('"qa"');
  });

  it('refuses a version that is neither a tag nor a digest', async () => {
    const result = await evaluatePromotion(
      options(
        [component(['modelkit:default/sentiment']), modelKit('sentiment')],
        {
          version: 'not a tag!',
        },
      ),
    );
    expect(result.evaluation.allowed).toBe(false);
    expect(result.evaluation.target.digest).toBeUndefined();
    expect(result.evaluation.refusals.join(' ')).toContain(
      'neither a tag nor a sha256 digest',
    );
  });

  it('asks which ModelKit when the Component depends on several', async () => {
    await expect(
      evaluatePromotion(
        options([
          component(['modelkit:default/a', 'modelkit:default/b']),
          modelKit('a'),
          modelKit('b'),
        ]),
      ),
    ).rejects.toThrow(
      'component:default/svc depends on several ModelKits (modelkit:default/a, modelkit:default/b); say which one with the modelKit input',
    );
  });

  it('names a ModelKit the Component does not depend on', async () => {
    await expect(
      evaluatePromotion(
        options([component(['modelkit:default/a']), modelKit('a')], {
          modelKit: 'other',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'component:default/svc does not depend on modelkit:default/other (it depends on modelkit:default/a)',
    });
  });

  it('refuses an entity reference that is not a Component', async () => {
    await expect(
      evaluatePromotion(options([], { component: 'api:default/svc' })),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'component must name a Component, got "api:default/svc"',
    });
  });

  it('refuses a caller who may not read the ModelKit, before its registry is read', async () => {
    await expect(
      evaluatePromotion(
        options(
          [component(['modelkit:default/sentiment']), modelKit('sentiment')],
          {
            denyModelKitRead: true,
          },
        ),
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed to read the registry data of modelkit:default/sentiment (permission kitstage.modelkit.read)',
    });
    expect(source.resolveTag).not.toHaveBeenCalled();
    expect(source.getManifest).not.toHaveBeenCalled();
  });

  it('says when the Component is not in the catalog', async () => {
    await expect(evaluatePromotion(options([]))).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(
        /^No .*component:default\/svc was found in the catalog$/,
      ),
    });
  });
});

describe('readPromotionEnvironments', () => {
  it('reads kitstage.environments', () => {
    const environments = readPromotionEnvironments(
      new ConfigReader({
        kitstage: { environments: [{ name: 'staging', title: 'Staging' }] },
      }),
    );
    expect(environments.map(e => e.name)).toEqual(['staging']);
  });

  it('refuses an environment policy that kitstage.policies does not define, since it would require nothing', () => {
    const policies = {
      lifecycles: {
        production: {
          rules: [{ id: 'scan', require: 'scan-evaluation' }],
        },
        experimental: { rules: [] },
      },
    };
    const environments = [
      { name: 'staging' },
      { name: 'production', policy: 'prodution' },
    ];
    expect(() =>
      readPromotionEnvironments(
        new ConfigReader({ kitstage: { policies, environments } }),
      ),
    ).toThrow(
      'kitstage.environments[1].policy of environment production names the lifecycle policy "prodution", which kitstage.policies.lifecycles does not define (defined: experimental, production); without it every version would reach production without evidence',
    );
    expect(() =>
      readPromotionEnvironments(
        new ConfigReader({ kitstage: { environments } }),
      ),
    ).toThrow(/does not define \(it defines none\)/);
    // A defined policy, even one without rules, is what the environment asks for.
    expect(
      readPromotionEnvironments(
        new ConfigReader({
          kitstage: {
            policies,
            environments: [
              { name: 'lab', policy: 'experimental' },
              { name: 'production', policy: 'production' },
            ],
          },
        }),
      ).map(e => [e.name, e.policy]),
    ).toEqual([
      ['lab', 'experimental'],
      ['production', 'production'],
    ]);
  });
});
