import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  MODELKIT_API_VERSION_V1ALPHA1,
  modelkitPromoteOverridePermission,
} from '@kitstage/plugin-modelkit-common';
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

const modelKit = (name: string): Entity => ({
  apiVersion: MODELKIT_API_VERSION_V1ALPHA1,
  kind: 'ModelKit',
  metadata: { name, namespace: 'default' },
  spec: {
    repository: `registry.example.com/ml/${name}`,
    lifecycle: 'production',
    owner: 'team',
  },
});

function options(
  entities: Entity[],
  overrides: Partial<EvaluatePromotionOptions> & {
    allowOverride?: boolean;
  } = {},
): EvaluatePromotionOptions {
  const byRef = new Map(
    entities.map(e => [
      `${e.kind.toLowerCase()}:${e.metadata.namespace}/${e.metadata.name}`,
      e,
    ]),
  );
  const catalog = {
    getEntityByRef: async (ref: string) => byRef.get(ref),
  } as unknown as CatalogService;
  const source = {
    resolveTag: jest.fn(async () => ({ digest: DIGEST })),
    getManifest: jest.fn(async () => ({ digest: DIGEST })),
  };
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
          isPermission(r.permission, modelkitPromoteOverridePermission) &&
          !overrides.allowOverride
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  } as unknown as PermissionsService;
  const { allowOverride: _ignored, ...rest } = overrides;
  return {
    config: new ConfigReader({
      kitstage: { environments: [{ name: 'staging' }] },
    }),
    catalog,
    registry,
    attestations: {} as AttestationService,
    permissions,
    credentials: mockCredentials.user(),
    component: 'svc',
    environment: 'staging',
    version: 'v1',
    ...rest,
  };
}

describe('evaluatePromotion', () => {
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

  it('refuses an environment that is not configured', async () => {
    const result = await evaluatePromotion(
      options(
        [component(['modelkit:default/sentiment']), modelKit('sentiment')],
        {
          environment: 'production',
        },
      ),
    );
    expect(result.evaluation.allowed).toBe(false);
    expect(result.evaluation.refusals.join(' ')).toContain('production');
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

  it('says when the Component is not in the catalog', async () => {
    await expect(evaluatePromotion(options([]))).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'The Component component:default/svc is not in the catalog',
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
});
