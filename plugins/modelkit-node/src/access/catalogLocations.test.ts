import { Entity } from '@backstage/catalog-model';
import path from 'node:path';
import { CatalogLocationList, entityLocationOf } from './catalogLocations';

const read = (location?: string, origin?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    annotations: {
      ...(location ? { 'backstage.io/managed-by-location': location } : {}),
      ...(origin ? { 'backstage.io/managed-by-origin-location': origin } : {}),
    },
  },
});

describe('entityLocationOf', () => {
  it('is the location the entity was read from, never its origin', () => {
    expect(
      entityLocationOf(read('url:https://h/a.yaml', 'url:https://h/root.yaml')),
    ).toBe('url:https://h/a.yaml');
    expect(entityLocationOf(read(undefined, 'url:https://h/root.yaml'))).toBe(
      undefined,
    );
  });
});

describe('CatalogLocationList', () => {
  const entries = [
    'url:https://GIT.example.com:443/platform/blob/main/./x/../all.yaml',
    'https://git.example.com/teams/',
    'file:catalog/entities.yaml',
  ];
  const exact = new CatalogLocationList(entries, { key: 'k', match: 'exact' });
  const under = new CatalogLocationList(entries, { key: 'k', match: 'under' });

  it.each([
    ['url:https://git.example.com/platform/blob/main/all.yaml', true, true],
    ['https://git.example.com/platform/blob/main/all.yaml', true, true],
    ['url:https://git.example.com/platform/blob/main/all.yaml/x', false, true],
    ['url:https://git.example.com/platform/blob/main/all.yamlx', false, false],
    ['url:https://git.example.com/teams', true, true],
    ['url:https://git.example.com/teams/a/blob/main/c.yaml', false, true],
    ['url:https://git.example.com/teams-evil/c.yaml', false, false],
    // A pull request's or a fork's commit, served under the repository's URL by the host.
    ['url:https://git.example.com/teams/a/blob/3f2c9e1/c.yaml', false, false],
    [
      'url:https://git.example.com/teams/a/blob/3F2C9E1D0B8A7F6E5D4C3B2A1908F7E6D5C4B3A2/c.yaml',
      false,
      false,
    ],
    ['url:https://git.example.com/teams/a/-/blob/3f2c9e1/c.yaml', false, false],
    [
      'url:https://git.example.com/teams/a/blob/refs/pull/7/head/c.yaml',
      false,
      false,
    ],
    [
      'url:https://git.example.com/teams/a/src/branch/release/c.yaml',
      false,
      true,
    ],
    [
      'url:https://git.example.com/teams/a/tree/release/blob/c.yaml',
      false,
      true,
    ],
    ['url:https://git.example.com/teams/../x/c.yaml', false, false],
    ['url:https://git.example.com/teams%2Fx/c.yaml', false, false],
    ['url:https://git.example.com/teams/c.yaml?x', false, false],
    ['url:http://git.example.com/teams/c.yaml', false, false],
    [`file:${path.resolve('catalog/entities.yaml')}`, true, true],
    [`file:${path.resolve('catalog/entities.yaml')}#x`, false, false],
    ['file:/catalog/entities.yaml', false, false],
    ['github-discovery:https://git.example.com/teams', false, false],
    ['', false, false],
  ])('compares %s parsed: exact %s, under %s', (ref, isExact, isUnder) => {
    expect([exact.has(ref), under.has(ref)]).toEqual([isExact, isUnder]);
    expect(exact.find(read(ref))).toBe(isExact ? ref : undefined);
  });

  it('finds an entity by its location only', () => {
    const listed = 'url:https://git.example.com/platform/blob/main/all.yaml';
    const other = 'url:https://git.example.com/mallory/blob/main/c.yaml';
    expect(exact.find(read(other, listed))).toBeUndefined();
    expect(exact.find(read(listed, other))).toBe(listed);
  });

  it('compares other location types as text only when matching exactly', () => {
    const list = new CatalogLocationList(['kitstage-modelkit-registry:demo'], {
      key: 'k',
      match: 'exact',
    });
    expect(list.has('kitstage-modelkit-registry:demo')).toBe(true);
    expect(list.has('kitstage-modelkit-registry:demo2')).toBe(false);
    expect(
      () =>
        new CatalogLocationList(['gitlab:acme/x'], {
          key: 'k',
          match: 'under',
        }),
    ).toThrow(
      'k[0] is a "gitlab" location; only url and file locations are compared',
    );
  });

  it('refuses configuration that is not a location, naming the key and the entry', () => {
    expect(
      () =>
        new CatalogLocationList(['ok:x', 'nope'], { key: 'k', match: 'exact' }),
    ).toThrow(
      'k[1] "nope" is neither an http(s) URL nor a location reference (url:<URL>, file:<path>)',
    );
    expect(
      () =>
        new CatalogLocationList(['url:https://u@h/x'], {
          key: 'k',
          match: 'exact',
        }),
    ).toThrow('k[0] must not carry user information');
  });
});
