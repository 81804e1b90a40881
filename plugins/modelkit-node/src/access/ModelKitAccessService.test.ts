import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { modelkitReadPermission } from '@kitstage/plugin-modelkit-common';
import { createRegistryService, StandaloneRegistryService } from '../registry';
import { registryProvenanceAnnotations } from '../testing/provenance';
import path from 'node:path';
import { ModelKitAccessService } from './ModelKitAccessService';
import { ModelKitProvenanceChecker, TrustedLocations } from './provenance';

const REGISTRY_URL = 'http://127.0.0.1:5999';
const HOST = '127.0.0.1:5999';

function modelKit(
  name: string,
  annotations: Record<string, string>,
  repository = `${HOST}/team/${name}`,
): Entity {
  return {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'model',
      owner: 'group:default/team',
      lifecycle: 'production',
      repository,
    },
  };
}

const provider = modelKit(
  'sentiment',
  registryProvenanceAnnotations('main', 'team/sentiment'),
);
/** Registered by hand from a file, naming the same repository with its own lifecycle. */
const shadow = modelKit(
  'shadow',
  {
    'backstage.io/managed-by-location': 'url:https://git.example.com/x.yaml',
    'backstage.io/managed-by-origin-location':
      'url:https://git.example.com/x.yaml',
  },
  `${HOST}/team/sentiment`,
);
/** Claims the provider's origin, for a repository of another path. */
const forged = modelKit(
  'forged',
  {
    'backstage.io/managed-by-location': 'modelkit-registry:main/team/other',
    'backstage.io/managed-by-origin-location': 'modelkit-registry:main',
  },
  `${HOST}/team/sentiment`,
);
/** Claims a registry entry that is not configured. */
const unknownRegistry = modelKit(
  'unknown',
  registryProvenanceAnnotations('elsewhere', 'team/unknown'),
);
const listed = modelKit('listed', {
  'backstage.io/managed-by-location':
    'url:https://git.example.com/models/blob/main/catalog-info.yaml',
  'backstage.io/managed-by-origin-location':
    'url:https://git.example.com/models/blob/main/catalog-info.yaml',
});
const nearlyListed = modelKit('nearly', {
  'backstage.io/managed-by-location':
    'url:https://git.example.com/models/blob/main/catalog-info.yaml.evil',
  'backstage.io/managed-by-origin-location':
    'url:https://git.example.com/models/blob/main/catalog-info.yaml.evil',
});

describe('ModelKitAccessService', () => {
  let registries: StandaloneRegistryService;
  let access: ModelKitAccessService;
  const permissions = mockServices.permissions.mock();

  beforeAll(() => {
    const config = new ConfigReader({
      kitstage: {
        registries: [{ name: 'main', url: REGISTRY_URL }],
        provenance: {
          // Spelled differently from the entity's location: compared parsed.
          trustedLocations: [
            'url:https://GIT.example.com:443/models/blob/main/./docs/../catalog-info.yaml',
          ],
        },
        authorization: { servicePrincipals: ['external:release-bot'] },
      },
    });
    registries = createRegistryService({
      config,
      logger: mockServices.rootLogger({ level: 'none' }),
    });
    access = ModelKitAccessService.create({
      config,
      catalog: catalogServiceMock({
        entities: [provider, shadow, forged, unknownRegistry, listed],
      }),
      permissions,
      registries,
    });
  });

  afterAll(async () => {
    await registries.close();
  });

  beforeEach(() => {
    permissions.authorize.mockReset();
  });

  describe('provenance', () => {
    it('trusts a ModelKit the registry provider emitted for a configured registry', () => {
      expect(access.provenanceOf(provider)).toEqual({
        trusted: true,
        registry: 'main',
        reason:
          'emitted by the registry entity provider for the configured registry "main"',
      });
    });

    it.each([
      [
        'a hand-registered shadow of a provider repository',
        shadow,
        /registered from url:https:\/\/git\.example\.com\/x\.yaml/,
      ],
      [
        'an entity whose location names another repository',
        forged,
        /its location does not match the repository team\/sentiment/,
      ],
      [
        'an entity naming a registry entry that is not configured',
        unknownRegistry,
        /claims the registry "elsewhere", but 127\.0\.0\.1:5999 is served by "main"/,
      ],
      [
        'an entity whose location only starts like a trusted one',
        nearlyListed,
        /not listed under kitstage\.provenance\.trustedLocations/,
      ],
    ])('does not trust %s', (_what, entity, reason) => {
      const provenance = access.provenanceOf(entity);
      expect(provenance.trusted).toBe(false);
      expect(provenance.reason).toMatch(/^not from a configured registry/);
      expect(provenance.reason).toMatch(reason);
    });

    it('trusts entities from a location listed in config, compared parsed and normalised', () => {
      expect(access.provenanceOf(listed)).toMatchObject({ trusted: true });
    });

    it('resolves relative file locations in config against the working directory, as the catalog resolves catalog.locations', () => {
      const checker = new ModelKitProvenanceChecker({
        registries,
        trustedLocations: ['file:../e2e-tests/./entities.e2e.yaml'],
      });
      const from = (location: string) =>
        modelKit('e2e', {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
        });
      // What the catalog writes for `target: ../e2e-tests/entities.e2e.yaml`.
      const written = `file:${path.resolve('../e2e-tests/entities.e2e.yaml')}`;
      expect(checker.provenanceOf(from(written)).trusted).toBe(true);
      expect(
        checker.provenanceOf(from('file:/e2e-tests/entities.e2e.yaml')).trusted,
      ).toBe(false);
      expect(checker.provenanceOf(from(`${written}#fragment`)).trusted).toBe(
        false,
      );
      expect(
        new TrustedLocations(['file:../e2e-tests/entities.e2e.yaml']).find(
          from(written),
        ),
      ).toBe(written);
    });

    it('trusts the file an entity was read from, not the root location of its chain', () => {
      // The catalog gives every file a listed aggregator references, and every kind: Location
      // those add, the aggregator as origin: whoever edits them is not trusted for it.
      const aggregator =
        'url:https://git.example.com/platform/blob/main/all.yaml';
      const checker = new ModelKitProvenanceChecker({
        registries,
        trustedLocations: [aggregator],
      });
      const teamFile =
        'url:https://git.example.com/team-b/blob/main/models.yaml';
      const smuggled = modelKit(
        'smuggled',
        {
          'backstage.io/managed-by-origin-location': aggregator,
          'backstage.io/managed-by-location': teamFile,
        },
        `${HOST}/team-a/private-model`,
      );
      expect(checker.provenanceOf(smuggled)).toEqual({
        trusted: false,
        reason: `not from a configured registry: it was registered from ${teamFile}, not emitted by the registry entity provider, and that location is not listed under kitstage.provenance.trustedLocations`,
      });
      const fromAggregator = modelKit('listed', {
        'backstage.io/managed-by-origin-location': teamFile,
        'backstage.io/managed-by-location': aggregator,
      });
      expect(checker.provenanceOf(fromAggregator)).toEqual({
        trusted: true,
        reason: `registered from ${aggregator}, listed under kitstage.provenance.trustedLocations`,
      });
      expect(
        checker.provenanceOf(
          modelKit('origin-only', {
            'backstage.io/managed-by-origin-location': aggregator,
          }),
        ),
      ).toMatchObject({ trusted: false });
    });

    it('refuses to read the registry of an untrusted ModelKit, before any permission or registry request', async () => {
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.ALLOW },
      ]);
      await expect(
        access.readTrustedModelKit(
          { namespace: 'default', name: 'shadow' },
          {
            credentials: mockCredentials.user(),
            permission: modelkitReadPermission,
          },
        ),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /^modelkit:default\/shadow is not from a configured registry/,
        ),
      });
      const trusted = await access.readTrustedModelKit(
        { namespace: 'default', name: 'sentiment' },
        {
          credentials: mockCredentials.user(),
          permission: modelkitReadPermission,
        },
      );
      expect(trusted.source.name).toBe('main');
      expect(trusted.repository).toBe('team/sentiment');
    });
  });

  describe('entity names', () => {
    it.each([
      [
        'a .. namespace',
        { namespace: '..', name: 'x' },
        /namespace "\.\." is not a valid entity namespace/,
      ],
      [
        'a .. name',
        { namespace: 'default', name: '..' },
        /name "\.\." is not a valid entity name/,
      ],
      ['a slash', { namespace: 'default', name: 'a/b' }, /name "a\/b"/],
      ['a NUL', { namespace: 'default', name: 'a\u0000b' }, /name "a\\u0000b"/],
      [
        'a 300-character name',
        { namespace: 'default', name: 'x'.repeat(300) },
        /name "x{80}…"/,
      ],
      ['markup', { namespace: 'default', name: '<script>' }, /name "<script>"/],
      ['an emoji', { namespace: 'default', name: '😀' }, /name "😀"/],
      ['a missing name', { namespace: 'default' }, /name "undefined"/],
    ])(
      'refuses %s with an InputError naming the part',
      (_what, value, message) => {
        expect(() => access.parseEntityName(value)).toThrow(
          expect.objectContaining({
            name: 'InputError',
            message: expect.stringMatching(message),
          }),
        );
      },
    );

    it('accepts catalog names, with the namespace in lower case', () => {
      expect(
        access.parseEntityName({ namespace: 'Default', name: 'My_model.v2' }),
      ).toEqual({ namespace: 'default', name: 'My_model.v2' });
    });
  });

  describe('permissions', () => {
    it('reads a hidden entity as not found, without asking the permission framework', async () => {
      await expect(
        access.readEntity(
          { kind: 'ModelKit', namespace: 'default', name: 'missing' },
          {
            credentials: mockCredentials.user(),
            permission: modelkitReadPermission,
          },
        ),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(permissions.authorize).not.toHaveBeenCalled();
    });

    it('checks the permission against the entity it read, and names both when denied', async () => {
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      await expect(
        access.readEntity(
          { kind: 'modelkit', namespace: 'DEFAULT', name: 'sentiment' },
          {
            credentials: mockCredentials.user(),
            permission: modelkitReadPermission,
            purpose: 'read the versions of',
          },
        ),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'Not allowed to read the versions of modelkit:default/sentiment (permission kitstage.modelkit.read)',
      });
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: modelkitReadPermission,
            resourceRef: 'modelkit:default/sentiment',
          },
        ],
        { credentials: mockCredentials.user() },
      );
    });

    it('sends basic permissions without a resource', async () => {
      const basic = createPermission({
        name: 'test.basic',
        attributes: {},
      });
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.ALLOW },
      ]);
      await access.authorize(mockCredentials.user(), basic);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: basic }],
        { credentials: mockCredentials.user() },
      );
    });
  });

  describe('writers', () => {
    it('lets users write', () => {
      expect(access.mayWrite(mockCredentials.user())).toBe(true);
      expect(() =>
        access.requireWriter(mockCredentials.user(), 'Promotion'),
      ).not.toThrow();
    });

    it('refuses service principals not named in config, with the reason', () => {
      const service = mockCredentials.service('plugin:scaffolder');
      expect(access.mayWrite(service)).toBe(false);
      expect(() => access.requireWriter(service, 'Promotion')).toThrow(
        expect.objectContaining({
          name: 'NotAllowedError',
          message:
            'Promotion needs a signed-in user; the service principal plugin:scaffolder may not, unless its subject is listed under kitstage.authorization.servicePrincipals',
        }),
      );
    });

    it('lets a service named in config write', () => {
      expect(
        access.mayWrite(mockCredentials.service('external:release-bot')),
      ).toBe(true);
    });

    it('refuses requests without credentials as unauthenticated', () => {
      expect(() =>
        access.requireWriter(mockCredentials.none(), 'Promotion'),
      ).toThrow(expect.objectContaining({ name: 'AuthenticationError' }));
    });
  });
});
