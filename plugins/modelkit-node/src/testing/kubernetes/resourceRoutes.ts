import { qualifiedResourceName, SimulatedResource } from './apiResources';
import { ObjectStore } from './ObjectStore';
import { StatusError } from './statusErrors';

/**
 * Splits a resource path into group, version, plural, namespace and name, whether or not
 * the resource is served; undefined for paths that are not resource paths.
 *
 * @internal
 */
export function resourceRouteOf(path: string) {
  const segments = path.split('/').filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  return {
    group,
    version,
    plural: rest[0],
    namespace,
    name: rest[1] as string | undefined,
    extra: rest.length > 2,
  };
}

/**
 * Answers a get request for one object, or 404 `NotFound` naming it.
 *
 * @internal
 */
export function getResource(
  store: ObjectStore,
  resource: SimulatedResource,
  namespace: string | undefined,
  name: string,
) {
  const object = store.get(resource, namespace, name);
  if (!object) {
    const details: Record<string, unknown> = { name, kind: resource.plural };
    if (resource.group) {
      details.group = resource.group;
    }
    throw new StatusError({
      code: 404,
      reason: 'NotFound',
      message: `${qualifiedResourceName(resource)} "${name}" not found`,
      details,
    });
  }
  return object;
}
