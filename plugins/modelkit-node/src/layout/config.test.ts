import { ConfigReader } from '@backstage/config';
import { readRegistryConfigs } from '../registry/config';
import { createOciLayoutSources } from './createOciLayoutSources';
import { readOciLayoutConfigs } from './config';

function config(registries: unknown[]) {
  return new ConfigReader({ kitstage: { registries } } as any);
}

describe('readOciLayoutConfigs', () => {
  it('reads oci-layout entries and leaves registries to the registry client', () => {
    const root = config([
      { name: 'internal', url: 'https://registry.example.com' },
      {
        name: 'demo',
        type: 'oci-layout',
        path: '../../examples/oci-layout',
        host: 'Registry.Example.com',
      },
      {
        name: 'skopeo',
        type: 'oci-layout',
        path: '/srv/layouts/sentiment',
        repository: 'team/sentiment',
        limits: { maxBlobBytes: 2048 },
      },
    ]);
    expect(
      readOciLayoutConfigs(root, {
        baseDir: '/srv/backstage/packages/backend',
      }),
    ).toEqual([
      {
        name: 'demo',
        path: '/srv/backstage/examples/oci-layout',
        host: 'registry.example.com',
        limits: {
          maxIndexBytes: 16 * 1024 * 1024,
          maxManifestBytes: 4 * 1024 * 1024,
          maxBlobBytes: 1024 * 1024,
        },
      },
      {
        name: 'skopeo',
        path: '/srv/layouts/sentiment',
        host: 'localhost',
        repository: 'team/sentiment',
        limits: {
          maxIndexBytes: 16 * 1024 * 1024,
          maxManifestBytes: 4 * 1024 * 1024,
          maxBlobBytes: 2048,
        },
      },
    ]);
    expect(readRegistryConfigs(root).map(r => r.name)).toEqual(['internal']);
  });

  it.each([
    [
      { name: 'x', type: 'oci-layout' },
      "Missing required config value at 'kitstage.registries[0].path'",
    ],
    [
      { name: 'bad name!', type: 'oci-layout', path: '.' },
      'kitstage.registries[0].name: "bad name!" is not a valid source name',
    ],
    [
      {
        name: 'x',
        type: 'oci-layout',
        path: '.',
        host: 'https://registry.example.com',
      },
      'kitstage.registries[0].host: "https://registry.example.com" is not a registry host name',
    ],
    [
      { name: 'x', type: 'oci-layout', path: '.', repository: 'Team/Model:v1' },
      'kitstage.registries[0].repository: "Team/Model:v1" is not a repository path',
    ],
    [
      {
        name: 'x',
        type: 'oci-layout',
        path: '.',
        url: 'https://registry.example.com',
      },
      'kitstage.registries[0].url: an oci-layout entry reads a directory',
    ],
    [
      { name: 'x', type: 'oci-layout', path: '.', limits: { maxBlobBytes: 0 } },
      'kitstage.registries[0].limits.maxBlobBytes: must be a positive integer',
    ],
  ])('names the key of an invalid entry %#', (entry, message) => {
    expect(() => readOciLayoutConfigs(config([entry]))).toThrow(message);
  });

  it('creates one source per entry', () => {
    const sources = createOciLayoutSources({
      config: config([
        {
          name: 'a',
          type: 'oci-layout',
          path: '/tmp/a',
          host: 'localhost:5000',
        },
        { name: 'b', type: 'oci-layout', path: '/tmp/b' },
      ]),
    });
    expect(sources.map(s => [s.name, s.kind, s.host, s.path])).toEqual([
      ['a', 'oci-layout', 'localhost:5000', '/tmp/a'],
      ['b', 'oci-layout', 'localhost', '/tmp/b'],
    ]);
  });
});
