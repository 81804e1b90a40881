import { groupVersionOf, ResourceRegistry } from './apiResources';
import { NOT_FOUND, StatusError } from './statusErrors';

function apiGroup(registry: ResourceRegistry, group: string) {
  const versions = registry.versionsOf(group)!.map(version => ({
    groupVersion: `${group}/${version}`,
    version,
  }));
  return { name: group, versions, preferredVersion: versions[0] };
}

function resourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf({ group, version }),
    resources: registry.resourcesOf(group, version).map(entry => ({
      name: entry.plural,
      singularName: entry.singular,
      namespaced: entry.namespaced,
      kind: entry.kind,
      verbs: ['get', 'list'],
      ...(entry.shortNames ? { shortNames: entry.shortNames } : {}),
      ...(entry.categories ? { categories: entry.categories } : {}),
    })),
  };
}

/**
 * Answers a discovery request: `/api`, `/api/v1`, `/apis`, `/apis/<group>` and
 * `/apis/<group>/<version>`, from the resources the simulator serves; 404 for groups and
 * versions it does not serve. `port` is the simulator's, for `serverAddressByClientCIDRs`.
 *
 * @internal
 */
export function discoveryDocument(
  registry: ResourceRegistry,
  path: string,
  port: number,
): unknown {
  if (path === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${port}` },
      ],
    };
  }
  if (path === '/api/v1') {
    return resourceList(registry, '', 'v1');
  }
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: registry.groups().map(group => apiGroup(registry, group)),
    };
  }
  const [group, version, ...rest] = path.slice('/apis/'.length).split('/');
  if (rest.length > 0 || !registry.versionsOf(group)) {
    throw new StatusError(NOT_FOUND);
  }
  if (version === undefined) {
    return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(registry, group) };
  }
  if (!registry.versionsOf(group)!.includes(version)) {
    throw new StatusError(NOT_FOUND);
  }
  return resourceList(registry, group, version);
}
