import { ConfigReader } from '@backstage/config';
import {
  createOwnershipResolver,
  createRepositoryFilter,
  readModelKitRegistryEntityProviderConfigs,
} from './ModelKitRegistryEntityProviderConfig';

function read(registries: unknown[]) {
  return readModelKitRegistryEntityProviderConfigs(
    new ConfigReader({ kitstage: { registries } } as any),
  );
}

describe('readModelKitRegistryEntityProviderConfigs', () => {
  it('applies the defaults', () => {
    expect(
      read([{ name: 'internal', url: 'https://registry.example.com' }]),
    ).toEqual([
      {
        registry: 'internal',
        include: ['**'],
        exclude: [],
        owners: [],
        defaults: { lifecycle: 'production' },
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 15 },
        },
        maxRemovalShare: 0.5,
      },
    ]);
  });

  it('reads every key, for registries and image layouts, and skips entries not ingested', () => {
    const configs = read([
      {
        name: 'demo',
        type: 'oci-layout',
        path: '../../examples/oci-layout',
        include: 'kitstage-demo/*',
        exclude: ['kitstage-demo/scratch-*'],
        owners: [
          {
            repository: ['kitstage-demo/a', 'kitstage-demo/b'],
            owner: 'group:nlp-team',
            lifecycle: 'experimental',
            system: 'customer-insights',
          },
          { repository: 'kitstage-demo/**', owner: 'data-team' },
        ],
        defaults: {
          owner: 'group:default/ml-platform',
          lifecycle: 'experimental',
          system: 'system:ml',
        },
        schedule: { frequency: { hours: 1 }, timeout: 'PT5M' },
        maxRemovalShare: 0.2,
      },
      { name: 'api-only', url: 'https://other.example.com', ingest: false },
    ]);
    expect(configs).toEqual([
      {
        registry: 'demo',
        include: ['kitstage-demo/*'],
        exclude: ['kitstage-demo/scratch-*'],
        owners: [
          {
            repositories: ['kitstage-demo/a', 'kitstage-demo/b'],
            owner: 'group:nlp-team',
            lifecycle: 'experimental',
            system: 'customer-insights',
          },
          { repositories: ['kitstage-demo/**'], owner: 'data-team' },
        ],
        defaults: {
          owner: 'group:default/ml-platform',
          lifecycle: 'experimental',
          system: 'system:ml',
        },
        schedule: {
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
        },
        maxRemovalShare: 0.2,
      },
    ]);
  });

  it.each([
    [
      { owners: [{ repository: 'a/*' }] },
      'kitstage.registries[0].owners[0].owner: missing',
    ],
    [
      { owners: [{ owner: 'group:x' }] },
      'kitstage.registries[0].owners[0].repository: missing',
    ],
    [
      { owners: [{ repository: 'a', owner: 'group:not valid' }] },
      'kitstage.registries[0].owners[0].owner: "group:not valid" is not an entity reference',
    ],
    [
      { defaults: { system: 'a:b:c' } },
      'kitstage.registries[0].defaults.system: "a:b:c" is not an entity reference',
    ],
    [
      { defaults: { lifecycle: ' ' } },
      'kitstage.registries[0].defaults.lifecycle: must not be empty',
    ],
    [
      { include: ['/team/*'] },
      'kitstage.registries[0].include[0]: "/team/*" starts with \'/\'',
    ],
    [
      { exclude: [' '] },
      'kitstage.registries[0].exclude[0]: must not be empty',
    ],
    [
      { maxRemovalShare: 1.5 },
      'kitstage.registries[0].maxRemovalShare: must be a number from 0 to 1',
    ],
    [
      { schedule: { frequency: 'every day' } },
      'kitstage.registries[0].schedule:',
    ],
  ])('rejects %j naming the key', (extra, message) => {
    expect(() =>
      read([{ name: 'internal', url: 'https://r.example.com', ...extra }]),
    ).toThrow(message);
  });
});

describe('createRepositoryFilter', () => {
  it('keeps repositories an include glob matches and no exclude glob does', () => {
    const includes = createRepositoryFilter({
      include: ['ml/**', 'datasets/*'],
      exclude: ['**/sandbox/**', 'ml/tmp-*'],
    });
    expect(
      [
        'ml/nlp/sentiment',
        'ml/nlp/sandbox/try',
        'ml/tmp-1',
        'datasets/tickets',
        'datasets/raw/tickets',
        'apps/web',
      ].filter(includes),
    ).toEqual(['ml/nlp/sentiment', 'datasets/tickets']);
  });
});

describe('createOwnershipResolver', () => {
  const resolve = createOwnershipResolver({
    owners: [
      {
        repositories: ['ml/nlp/experimental-*'],
        owner: 'group:nlp-team',
        lifecycle: 'experimental',
      },
      { repositories: ['ml/nlp/**'], owner: 'group:nlp-team' },
      {
        repositories: ['ml/risk/*'],
        owner: 'group:risk-team',
        system: 'fraud',
      },
    ],
    defaults: { lifecycle: 'production', system: 'ml' },
  });

  it('takes the first matching rule, filling in the defaults', () => {
    expect(resolve('ml/nlp/experimental-tagger')).toEqual({
      owner: 'group:nlp-team',
      lifecycle: 'experimental',
      system: 'ml',
    });
    expect(resolve('ml/nlp/sentiment')).toEqual({
      owner: 'group:nlp-team',
      lifecycle: 'production',
      system: 'ml',
    });
    expect(resolve('ml/risk/fraud')).toEqual({
      owner: 'group:risk-team',
      lifecycle: 'production',
      system: 'fraud',
    });
  });

  it('gives the default owner, or nothing without one, when no rule matches', () => {
    expect(resolve('apps/web')).toBeUndefined();
    expect(
      createOwnershipResolver({
        owners: [],
        defaults: { owner: 'group:ml-platform', lifecycle: 'production' },
      })('apps/web'),
    ).toEqual({ owner: 'group:ml-platform', lifecycle: 'production' });
  });
});
