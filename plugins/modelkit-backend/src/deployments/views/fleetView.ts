import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentEntitySummary,
  DeploymentHealthStatus,
  FleetCell,
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
  FleetServiceRow,
  rollUpHealth,
  worstHealthStatus,
} from '@kitstage/plugin-modelkit-common';
import { matcherOfEntity, normalizeRef, summarizeEntity } from '../entities';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import type { ServiceMatcher } from '../matching/matchService';
import type { ServiceJob, ServiceOnCluster } from '../ServiceEvaluator';
import { stateOf } from './clusterViews';

/**
 * The Components a fleet view shows, and the owners and systems it may be filtered by.
 *
 * @internal
 */
export interface FleetSelection {
  /** The Components that pass the owner and system filters, with their summaries. */
  selected: Array<{ entity: Entity; summary: DeploymentEntitySummary }>;
  /** The owners and systems of every readable Component, sorted. */
  facets: FleetDeploymentsResponse['facets'];
}

/**
 * The rows of a fleet view and the services to evaluate for them: one job per cluster for
 * each row with a valid selector.
 *
 * @internal
 */
export interface FleetPlan {
  rows: FleetServiceRow[];
  jobs: ServiceJob[];
  /** Per row, where its jobs start; undefined for a row without a selector. */
  firstJobs: Array<number | undefined>;
}

function emptyCounts(): Record<DeploymentHealthStatus, number> {
  return Object.fromEntries(
    DEPLOYMENT_HEALTH_PRECEDENCE.map(status => [status, 0]),
  ) as Record<DeploymentHealthStatus, number>;
}

/**
 * Filters the readable Components by owner and system (full entity references, in any case).
 *
 * @internal
 */
export function selectFleetComponents(
  components: Entity[],
  query: FleetDeploymentsQuery,
): FleetSelection {
  const owners = new Set<string>();
  const systems = new Set<string>();
  const summaries = components.map(entity => {
    const summary = summarizeEntity(entity);
    if (summary.owner) owners.add(summary.owner);
    if (summary.system) systems.add(summary.system);
    return { entity, summary };
  });
  const ownerFilter = query.owner?.map(o => normalizeRef(o, 'group'));
  const systemFilter = query.system?.map(s => normalizeRef(s, 'system'));
  const selected = summaries.filter(
    ({ summary }) =>
      (!ownerFilter?.length ||
        (summary.owner &&
          ownerFilter.includes(summary.owner.toLocaleLowerCase('en-US')))) &&
      (!systemFilter?.length ||
        (summary.system &&
          systemFilter.includes(summary.system.toLocaleLowerCase('en-US')))),
  );
  return {
    selected,
    facets: { owners: [...owners].sort(), systems: [...systems].sort() },
  };
}

/**
 * One row per selected Component. A Component whose label selector is not valid gets an
 * `unknown` cell per cluster and its error (logged as a warning); the others get jobs.
 *
 * @internal
 */
export function planFleetRows(
  selected: FleetSelection['selected'],
  snapshots: ClusterSnapshot[],
  logger: LoggerService,
): FleetPlan {
  const plan: FleetPlan = { rows: [], jobs: [], firstJobs: [] };
  for (const { entity, summary } of selected) {
    const row: FleetServiceRow = {
      entity: summary,
      status: 'unknown',
      cells: [],
    };
    plan.rows.push(row);
    let matcher: ServiceMatcher | undefined;
    try {
      matcher = matcherOfEntity(entity);
    } catch (error) {
      row.selectorError = (error as Error).message;
      logger.warn(row.selectorError);
    }
    if (!matcher) {
      row.cells = snapshots.map(snapshot => ({
        cluster: snapshot.name,
        status: 'unknown' as const,
        reasonCount: 0,
        modelKits: [],
      }));
      plan.firstJobs.push(undefined);
      continue;
    }
    plan.firstJobs.push(plan.jobs.length);
    for (const snapshot of snapshots) plan.jobs.push({ snapshot, matcher });
  }
  return plan;
}

/**
 * One cell of the fleet matrix: a service's health on a cluster, its top reason and the
 * ModelKits it runs there.
 *
 * @internal
 */
export function fleetCell(
  snapshot: ClusterSnapshot,
  evaluated: ServiceOnCluster,
): FleetCell {
  if (snapshot.error) {
    return {
      cluster: snapshot.name,
      status: 'unknown',
      reasonCount: 0,
      modelKits: [],
      clusterError: true,
    };
  }
  const { health, modelKits } = evaluated;
  const cell: FleetCell = {
    cluster: snapshot.name,
    status: health.status,
    reasonCount: health.reasons.length,
    modelKits: modelKits.map(modelKit => ({
      repository: modelKit.repository,
      pinnedByDigest: modelKit.pinnedByDigest,
      ...(modelKit.tag ? { tag: modelKit.tag } : {}),
      ...(modelKit.digest ? { digest: modelKit.digest } : {}),
      ...(modelKit.policy ? { policy: modelKit.policy.status } : {}),
    })),
  };
  if (health.reasons[0]) cell.topReason = health.reasons[0];
  return cell;
}

/**
 * The fleet view from its evaluated plan: each row's cells and worst status, the counts of
 * every row and cell, and the rows that pass the status filter, sorted by entity reference,
 * with each cluster's roll-up over them.
 *
 * @internal
 */
export function fleetView(
  plan: FleetPlan,
  evaluated: ServiceOnCluster[],
  snapshots: ClusterSnapshot[],
  query: FleetDeploymentsQuery,
  facets: FleetSelection['facets'],
): FleetDeploymentsResponse {
  const { rows } = plan;
  plan.firstJobs.forEach((first, r) => {
    if (first === undefined) return;
    rows[r].cells = snapshots.map((snapshot, c) =>
      fleetCell(snapshot, evaluated[first + c]),
    );
  });
  const counts = { services: emptyCounts(), cells: emptyCounts() };
  for (const row of rows) {
    row.status = row.selectorError
      ? 'unknown'
      : worstHealthStatus(row.cells.map(cell => cell.status));
    counts.services[row.status] += 1;
    for (const cell of row.cells) counts.cells[cell.status] += 1;
  }
  const statusFilter = query.status?.length ? new Set(query.status) : undefined;
  const listed = rows
    .filter(row => !statusFilter || statusFilter.has(row.status))
    .sort((a, b) => a.entity.ref.localeCompare(b.entity.ref));
  return {
    clusters: snapshots.map((snapshot, c) => ({
      ...stateOf(snapshot),
      rollup: rollUpHealth(
        listed.map(row => ({
          key: row.entity.ref,
          status: row.cells[c].status,
        })),
      ),
    })),
    services: listed,
    counts,
    total: rows.length,
    facets,
    generatedAt: new Date().toISOString(),
  };
}
