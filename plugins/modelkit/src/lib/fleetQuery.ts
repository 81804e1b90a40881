import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealthStatus,
  FleetDeploymentsQuery,
} from '@kitstage/plugin-modelkit-common';
import { isDeploymentHealthStatus } from '@kitstage/plugin-modelkit-react';

/**
 * The query parameters of the fleet page: the backend's filters, each a
 * repeated parameter (`?owner=nlp-team&owner=risk-team&status=degraded`), and
 * the page of the matrix (`?page=2`, counting from 1).
 *
 * @internal
 */
export const FLEET_QUERY_PARAMS = ['owner', 'system', 'status', 'page'];

/**
 * The filters of the fleet page as read from the address.
 *
 * @internal
 */
export interface FleetPageQuery {
  owner: string[];
  system: string[];
  status: DeploymentHealthStatus[];
  /** The page of the matrix, counting from 0. */
  page: number;
}

function distinct(values: string[]): string[] {
  return [...new Set(values.map(v => v.trim()).filter(v => v !== ''))];
}

/**
 * Reads the fleet filters from query parameters. Empty and repeated values
 * are dropped, and so are statuses the backend does not know, in the order
 * of {@link DEPLOYMENT_HEALTH_PRECEDENCE}, so a hand-edited address cannot break the request.
 *
 * @internal
 */
export function readFleetQuery(params: URLSearchParams): FleetPageQuery {
  const statuses = new Set(
    params.getAll('status').filter(isDeploymentHealthStatus),
  );
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return {
    owner: distinct(params.getAll('owner')),
    system: distinct(params.getAll('system')),
    status: DEPLOYMENT_HEALTH_PRECEDENCE.filter(s => statuses.has(s)),
    page: Number.isSafeInteger(page) && page > 1 ? page - 1 : 0,
  };
}

/**
 * Writes fleet filters into query parameters, keeping parameters of others.
 * The page is left out when it is the first.
 *
 * @internal
 */
export function writeFleetQuery(
  params: URLSearchParams,
  query: FleetPageQuery,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FLEET_QUERY_PARAMS) {
    next.delete(key);
  }
  for (const owner of query.owner) next.append('owner', owner);
  for (const system of query.system) next.append('system', system);
  for (const status of query.status) next.append('status', status);
  if (query.page > 0) {
    next.set('page', String(query.page + 1));
  }
  return next;
}

/**
 * The backend's part of the fleet filters.
 *
 * @internal
 */
export function toFleetDeploymentsQuery(
  query: FleetPageQuery,
): FleetDeploymentsQuery {
  return {
    ...(query.owner.length ? { owner: query.owner } : {}),
    ...(query.system.length ? { system: query.system } : {}),
    ...(query.status.length ? { status: query.status } : {}),
  };
}
