import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealthStatus,
} from './DeploymentHealth';

/**
 * A worst-of summary of several health statuses.
 *
 * @public
 */
export interface HealthRollup {
  /** The worst status among the members by {@link DEPLOYMENT_HEALTH_PRECEDENCE}. */
  status: DeploymentHealthStatus;
  /** How many members have each status; every status is present, zero when unused. */
  counts: Record<DeploymentHealthStatus, number>;
  /** The number of members. */
  total: number;
  /** The keys of the members with the worst status, sorted. */
  worst: string[];
}

/**
 * One cell of a services × clusters matrix. A cluster that could not be read (unreachable,
 * forbidden, timed out) is given the status `unknown` by the caller.
 *
 * @public
 */
export interface HealthCell {
  /** The key of the service (the row), such as its entity reference. */
  service: string;
  /** The name of the cluster (the column). */
  cluster: string;
  /** The health of the service on the cluster. */
  status: DeploymentHealthStatus;
}

/**
 * Orders two statuses worst first, for `Array.prototype.sort`.
 *
 * @public
 */
export function compareHealthStatus(
  a: DeploymentHealthStatus,
  b: DeploymentHealthStatus,
): number {
  return (
    DEPLOYMENT_HEALTH_PRECEDENCE.indexOf(a) -
    DEPLOYMENT_HEALTH_PRECEDENCE.indexOf(b)
  );
}

/**
 * The worst of some statuses; `not-deployed` for none.
 *
 * @public
 */
export function worstHealthStatus(
  statuses: Iterable<DeploymentHealthStatus>,
): DeploymentHealthStatus {
  let worst: DeploymentHealthStatus = 'not-deployed';
  for (const status of statuses) {
    if (compareHealthStatus(status, worst) < 0) {
      worst = status;
    }
  }
  return worst;
}

/**
 * Summarises keyed statuses worst-of, with counts. With no members the status is
 * `not-deployed`; a value that is not a {@link DeploymentHealthStatus} counts as `unknown`.
 *
 * @public
 */
export function rollUpHealth(
  members: Iterable<{ key: string; status: DeploymentHealthStatus }>,
): HealthRollup {
  const counts = Object.fromEntries(
    DEPLOYMENT_HEALTH_PRECEDENCE.map(status => [status, 0]),
  ) as Record<DeploymentHealthStatus, number>;
  const keysByStatus = new Map<DeploymentHealthStatus, string[]>();
  let total = 0;
  for (const member of members) {
    // A value outside the union (from untyped JSON) cannot be trusted to be healthy.
    const status: DeploymentHealthStatus =
      member.status in counts ? member.status : 'unknown';
    counts[status] += 1;
    total += 1;
    const keys = keysByStatus.get(status) ?? [];
    keys.push(member.key);
    keysByStatus.set(status, keys);
  }
  const status = worstHealthStatus(keysByStatus.keys());
  return {
    status,
    counts,
    total,
    worst: (keysByStatus.get(status) ?? []).sort(),
  };
}

/**
 * Rolls a services × clusters matrix up per service (across its clusters): the key of each
 * member is the cluster.
 *
 * @public
 */
export function rollUpHealthByService(
  cells: Iterable<HealthCell>,
): Map<string, HealthRollup> {
  return rollUpBy(
    cells,
    cell => cell.service,
    cell => cell.cluster,
  );
}

/**
 * Rolls a services × clusters matrix up per cluster (across its services): the key of each
 * member is the service.
 *
 * @public
 */
export function rollUpHealthByCluster(
  cells: Iterable<HealthCell>,
): Map<string, HealthRollup> {
  return rollUpBy(
    cells,
    cell => cell.cluster,
    cell => cell.service,
  );
}

function rollUpBy(
  cells: Iterable<HealthCell>,
  group: (cell: HealthCell) => string,
  key: (cell: HealthCell) => string,
): Map<string, HealthRollup> {
  const groups = new Map<
    string,
    Array<{ key: string; status: DeploymentHealthStatus }>
  >();
  for (const cell of cells) {
    const members = groups.get(group(cell)) ?? [];
    members.push({ key: key(cell), status: cell.status });
    groups.set(group(cell), members);
  }
  const result = new Map<string, HealthRollup>();
  for (const name of [...groups.keys()].sort()) {
    result.set(name, rollUpHealth(groups.get(name)!));
  }
  return result;
}
