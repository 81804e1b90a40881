import type { IncomingHttpHeaders } from 'node:http';
import { qualifiedResourceName } from './apiResources';
import type { KubernetesSimulatorTokenGrant } from './simulatorTypes';
import { StatusError } from './statusErrors';

const DEFAULT_USER = 'system:serviceaccount:backstage:kitstage';

/**
 * Finds the grant of a request's bearer token, or the full access of an anonymous request
 * when the simulator serves those; throws 401 `Unauthorized` otherwise.
 *
 * @internal
 */
export function authenticate(
  tokens: ReadonlyMap<string, KubernetesSimulatorTokenGrant>,
  anonymous: boolean | undefined,
  headers: IncomingHttpHeaders,
): KubernetesSimulatorTokenGrant {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  const grant = match ? tokens.get(match[1]) : undefined;
  if (grant) {
    return grant;
  }
  if (!match && anonymous) {
    return {};
  }
  throw new StatusError({
    code: 401,
    reason: 'Unauthorized',
    message: 'Unauthorized',
  });
}

/**
 * Checks that a grant may list, watch or get a resource in a namespace (or cluster-wide), or throws
 * the 403 `Forbidden` the API server answers, naming the user, verb, resource and scope.
 *
 * @internal
 */
export function authorize(
  grant: KubernetesSimulatorTokenGrant,
  verb: 'list' | 'get' | 'watch',
  resource: { group: string; plural: string },
  namespace: string | undefined,
): void {
  const name = qualifiedResourceName(resource);
  const forbidden =
    grant.forbidden === true ||
    (grant.forbiddenVerbs ?? []).includes(verb) ||
    (grant.forbiddenResources ?? []).includes(name) ||
    (grant.namespaces !== undefined &&
      (namespace === undefined || !grant.namespaces.includes(namespace)));
  if (!forbidden) {
    return;
  }
  const scope =
    namespace === undefined
      ? 'at the cluster scope'
      : `in the namespace "${namespace}"`;
  const details: Record<string, unknown> = { kind: resource.plural };
  if (resource.group) {
    details.group = resource.group;
  }
  throw new StatusError({
    code: 403,
    reason: 'Forbidden',
    message: `${name} is forbidden: User "${
      grant.user ?? DEFAULT_USER
    }" cannot ${verb} resource "${resource.plural}" in API group "${
      resource.group
    }" ${scope}`,
    details,
  });
}
