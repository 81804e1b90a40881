import { Entity } from '@backstage/catalog-model';
import path from 'node:path';
import { ComponentLocations } from './componentLocations';

const KEY = 'kitstage.deployments.actions.componentLocations';

/**
 * A Component the catalog read from that location, by default the root of its chain (its
 * origin too).
 */
const registeredFrom = (location?: string, origin = location): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    annotations: {
      ...(location ? { 'backstage.io/managed-by-location': location } : {}),
      ...(origin ? { 'backstage.io/managed-by-origin-location': origin } : {}),
    },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

describe('ComponentLocations', () => {
  const locations = new ComponentLocations([
    'https://github.com/acme/platform-services/',
    'url:https://git.example.com:8443/ml',
    'file:/srv/catalog/platform',
  ]);
  const allows = (origin?: string) =>
    locations.refusalOf(registeredFrom(origin)) === undefined;

  it('allows Components registered from a location at or below an entry, compared parsed', () => {
    for (const origin of [
      'url:https://github.com/acme/platform-services/blob/main/catalog-info.yaml',
      'url:https://github.com/acme/platform-services',
      'url:HTTPS://GitHub.com:443/acme/platform-services/tree/main/svc/catalog-info.yaml',
      'url:https://github.com./acme/platform-services/blob/main/catalog-info.yaml',
      'url:https://github.com/acme/platform-services/blob/main/x/../catalog-info.yaml',
      'url:https://git.example.com:8443/ml/svc/-/blob/main/catalog-info.yaml',
      'file:/srv/catalog/platform/svc/catalog-info.yaml',
      'file:/srv/catalog/other/../platform/catalog-info.yaml',
    ]) {
      expect([origin, allows(origin)]).toEqual([origin, true]);
    }
  });

  it('refuses every other location: no text prefix, other hosts, ports or schemes, climbing out', () => {
    for (const origin of [
      'url:https://github.com/acme/platform-services-evil/blob/main/catalog-info.yaml',
      'url:https://github.com/acme/platform-servicesevil',
      'url:https://github.com/acme/catalog-info.yaml',
      'url:https://github.com/acme/platform-services/../evil/blob/main/catalog-info.yaml',
      'url:https://github.com/acme/platform-services/%2e%2e/evil/catalog-info.yaml',
      'url:https://github.com/acme/platform-services%2Fevil/catalog-info.yaml',
      'url:https://github.com.evil.net/acme/platform-services/catalog-info.yaml',
      'url:https://evil.net/github.com/acme/platform-services/catalog-info.yaml',
      'url:http://github.com/acme/platform-services/catalog-info.yaml',
      'url:https://github.com:8443/acme/platform-services/catalog-info.yaml',
      'url:https://user@github.com/acme/platform-services/catalog-info.yaml',
      'url:https://github.com/acme/platform-services/x?y=../../evil',
      'url:https://git.example.com/ml/svc/catalog-info.yaml',
      'file:/srv/catalog/platform-evil/catalog-info.yaml',
      'file:/srv/catalog/platform/../other/catalog-info.yaml',
      'file:/srv/catalog',
      'kitstage-modelkit-registry:demo',
      'url:not a url',
      'github-discovery:https://github.com/acme/platform-services',
      '',
      undefined,
    ]) {
      expect([origin, allows(origin)]).toEqual([origin, false]);
    }
  });

  it('decides by the file the Component was read from, not by the root location of its chain', () => {
    const inside =
      'url:https://github.com/acme/platform-services/blob/main/all.yaml';
    const elsewhere = 'url:https://github.com/mallory/x/blob/main/c.yaml';
    // A file under an entry that adds a kind: Location elsewhere lends it its origin.
    expect(locations.refusalOf(registeredFrom(elsewhere, inside))).toMatch(
      /^component:default\/svc was registered from "url:https:\/\/github\.com\/mallory\/x\/blob\/main\/c\.yaml", which is not under/,
    );
    expect(
      locations.refusalOf(registeredFrom(inside, elsewhere)),
    ).toBeUndefined();
    expect(locations.refusalOf(registeredFrom(undefined, inside))).toMatch(
      /has no backstage\.io\/managed-by-location annotation/,
    );
  });

  it('says why, naming the location and the key', () => {
    expect(
      locations.refusalOf(
        registeredFrom('url:https://github.com/mallory/x/blob/main/c.yaml'),
      ),
    ).toBe(
      `component:default/svc was registered from "url:https://github.com/mallory/x/blob/main/c.yaml", which is not under ${KEY}; actions are done only for Components registered from a catalog location under ${KEY}, so that no one can take a name a delivery object's kitstage.dev/operated-by annotation gives by registering it first`,
    );
    expect(locations.refusalOf(registeredFrom())).toBe(
      `component:default/svc has no backstage.io/managed-by-location annotation; actions are done only for Components registered from a catalog location under ${KEY}, so that no one can take a name a delivery object's kitstage.dev/operated-by annotation gives by registering it first`,
    );
  });

  it('resolves a relative file entry against the working directory, as the catalog resolves its locations', () => {
    const relative = new ComponentLocations(['file:catalog/platform']);
    expect(
      relative.refusalOf(
        registeredFrom(
          `file:${path.resolve('catalog/platform/catalog-info.yaml')}`,
        ),
      ),
    ).toBeUndefined();
  });

  it('refuses configuration that is not a location, naming the entry', () => {
    expect(() => new ComponentLocations(['github.com/acme/'])).toThrow(
      `${KEY}[0] "github.com/acme/" is neither an http(s) URL nor a location reference (url:<URL>, file:<path>)`,
    );
    expect(
      () =>
        new ComponentLocations([
          'https://github.com/acme/',
          'https://github.com/acme/x?y',
        ]),
    ).toThrow(
      `${KEY}[1] "https://github.com/acme/x?y" must not carry a query or a fragment`,
    );
    expect(() => new ComponentLocations(['url:file:///srv/x'])).toThrow(
      `${KEY}[0] "file:///srv/x" must be an http(s) URL in a url location`,
    );
    expect(() => new ComponentLocations(['gitlab:acme/x'])).toThrow(
      `${KEY}[0] is a "gitlab" location; only url and file locations are compared`,
    );
  });
});
