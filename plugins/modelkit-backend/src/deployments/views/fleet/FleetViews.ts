import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealthStatus,
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
  FleetServiceRow,
  rollUpHealth,
} from '@kitstage/plugin-modelkit-common';
import { createHash } from 'node:crypto';
import type { ClusterSnapshot } from '../../kubernetes/readClusterSnapshot';
import type { ServiceJob, ServiceOnCluster } from '../../ServiceEvaluator';
import { stateOf } from '../clusterViews';
import type { FleetSelection } from '../fleetView';
import { FleetMatchers } from './fleetMatchers';
import { FleetPlanRow, FleetRowCache } from './FleetRowCache';

/**
 * How many services a page of the fleet matrix holds when the request does not say, and at
 * most.
 *
 * @internal
 */
export const FLEET_PAGE_LIMITS = { default: 50, max: 500 } as const;

/**
 * The rows of a fleet view and the services to evaluate for them: one job per cluster for
 * each row with a valid selector.
 *
 * @internal
 */
export interface FleetPlan {
  rows: FleetPlanRow[];
  jobs: ServiceJob[];
}

/**
 * One page of the fleet matrix, serialized: the body of the answer and its version (the
 * `ETag`, without quotes).
 *
 * @internal
 */
export interface SerializedFleetPage {
  body: string;
  version: string;
}

function emptyCounts(): Record<DeploymentHealthStatus, number> {
  return Object.fromEntries(
    DEPLOYMENT_HEALTH_PRECEDENCE.map(status => [status, 0]),
  ) as Record<DeploymentHealthStatus, number>;
}

const byRef = new Intl.Collator().compare;

/**
 * The fleet matrix, one page at a time, from matchers and rows kept across requests.
 *
 * @remarks
 * A request still evaluates every selected service on every cluster (the counts and roll-ups
 * cover all pages), but what does not change between requests is reused: each Component's
 * matcher, each service's objects and health (the evaluator's memo) and each row with its
 * JSON ({@link FleetRowCache}). Only the rows of the page are serialized, from their cached
 * JSON; the answer's version is a hash of everything but `generatedAt`, so an unchanged
 * answer keeps its `ETag`.
 *
 * @internal
 */
export class FleetViews {
  readonly #matchers = new FleetMatchers();
  readonly #rows = new FleetRowCache();

  /**
   * One row per selected Component. A Component whose label selector is not valid gets an
   * `unknown` cell per cluster and its error (logged as a warning once); the others get jobs.
   */
  plan(
    selected: FleetSelection['selected'],
    snapshots: ClusterSnapshot[],
    logger: LoggerService,
  ): FleetPlan {
    const plan: FleetPlan = { rows: [], jobs: [] };
    for (const { entity, summary } of selected) {
      const { matcher, error } = this.#matchers.of(summary.ref, entity, logger);
      if (!matcher) {
        plan.rows.push({ summary, ...(error ? { selectorError: error } : {}) });
        continue;
      }
      plan.rows.push({ summary, firstJob: plan.jobs.length });
      for (const snapshot of snapshots) plan.jobs.push({ snapshot, matcher });
    }
    return plan;
  }

  /**
   * The page the query asks for: the rows that pass the status filter, sorted by entity
   * reference, with the counts of every row and cell before the status filter and each
   * cluster's roll-up over all the rows that pass it.
   */
  page(
    plan: FleetPlan,
    evaluated: ServiceOnCluster[],
    snapshots: ClusterSnapshot[],
    query: FleetDeploymentsQuery,
    facets: FleetSelection['facets'],
  ): SerializedFleetPage {
    const rows = this.#rows.rowsOf(plan.rows, evaluated, snapshots);
    const counts = { services: emptyCounts(), cells: emptyCounts() };
    for (const row of rows) {
      counts.services[row.status] += 1;
      for (const cell of row.cells) counts.cells[cell.status] += 1;
    }
    const statusFilter = query.status?.length
      ? new Set(query.status)
      : undefined;
    const listed = rows
      .filter(row => !statusFilter || statusFilter.has(row.status))
      .sort((a, b) => byRef(a.entity.ref, b.entity.ref));
    const offset = query.offset ?? 0;
    const limit = query.limit ?? FLEET_PAGE_LIMITS.default;
    const shown = listed.slice(offset, offset + limit);
    const onPage = new Set(shown.map(row => row.entity.ref));
    const clusters = snapshots.map((snapshot, c) => {
      const rollup = rollUpHealth(
        listed.map(row => ({
          key: row.entity.ref,
          status: row.cells[c].status,
        })),
      );
      rollup.worst = rollup.worst.filter(ref => onPage.has(ref));
      return { ...stateOf(snapshot), rollup };
    });
    return serialize(
      {
        clusters,
        page: { offset, limit, matched: listed.length },
        counts,
        total: rows.length,
        facets,
      },
      shown,
      row => this.#rows.jsonOf(row),
    );
  }
}

/**
 * The answer's JSON, with the rows' cached JSON spliced in. Its version hashes all of it but
 * `generatedAt` and the clusters' `observedAt`, the time of the request for a cluster kept
 * current by watches (a stale cluster's `stale` says since when and how long).
 */
function serialize(
  rest: Omit<FleetDeploymentsResponse, 'services' | 'version' | 'generatedAt'>,
  shown: FleetServiceRow[],
  jsonOf: (row: FleetServiceRow) => string,
): SerializedFleetPage {
  const parts = [`,"services":[${shown.map(jsonOf).join(',')}]`];
  parts.push(`,"page":${JSON.stringify(rest.page)}`);
  parts.push(`,"counts":${JSON.stringify(rest.counts)}`);
  parts.push(`,"total":${rest.total}`);
  parts.push(`,"facets":${JSON.stringify(rest.facets)}`);
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify(rest.clusters.map(({ observedAt: _, ...column }) => column)),
  );
  for (const part of parts) hash.update(part);
  const version = hash.digest('base64url').slice(0, 27);
  parts.unshift(`{"clusters":${JSON.stringify(rest.clusters)}`);
  parts.push(`,"version":"${version}"`);
  parts.push(`,"generatedAt":"${new Date().toISOString()}"}`);
  return { body: parts.join(''), version };
}
