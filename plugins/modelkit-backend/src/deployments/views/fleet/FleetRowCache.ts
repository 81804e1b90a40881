import type {
  DeploymentEntitySummary,
  FleetServiceRow,
} from '@kitstage/plugin-modelkit-common';
import { worstHealthStatus } from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from '../../kubernetes/readClusterSnapshot';
import type { ServiceOnCluster } from '../../ServiceEvaluator';
import { fleetCell } from '../fleetView';

/**
 * One row of a fleet plan: the Component, and either where its jobs start in the plan or
 * why it has none.
 *
 * @internal
 */
export interface FleetPlanRow {
  summary: DeploymentEntitySummary;
  /** Where the row's jobs (one per cluster) start; absent with a selector error. */
  firstJob?: number;
  /** Why the Component's label selector could not be read. */
  selectorError?: string;
}

interface CachedRow {
  row: FleetServiceRow;
  /** The entity summary and selector error the row was made of. */
  summary: DeploymentEntitySummary;
  selectorError?: string;
  /** Per cluster, what its cell was made of: the cluster's name, then the evaluation. */
  sources: unknown[];
  /** When a request last used the row (ms). */
  seen: number;
}

/** Rows no request used for this long are forgotten. */
const FORGET_AFTER_MS = 10 * 60_000;

function sameSummary(
  a: DeploymentEntitySummary,
  b: DeploymentEntitySummary,
): boolean {
  const keys = Object.keys(a) as Array<keyof DeploymentEntitySummary>;
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

function sameSources(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The rows of the fleet matrix and their JSON, kept across requests and viewers.
 *
 * @remarks
 * A row is made again only when what it shows may have changed: its Component's summary, or
 * the evaluation of one of its cells. The evaluator hands back the same evaluation objects for
 * a service that no change of its cluster touched (see `ServiceMemo`), so on a poll after a
 * change only the rows of the services it concerns are made again; every other row, and its
 * JSON, is the object of the previous request. A row made again that reads the same as
 * before stays the previous object, so answers that did not change keep their version.
 *
 * Nothing here is shared between callers that it should not be: a row is used only when its
 * sources are the very objects this request's evaluation produced for this caller.
 *
 * @internal
 */
export class FleetRowCache {
  readonly #rows = new Map<string, CachedRow>();
  readonly #json = new WeakMap<FleetServiceRow, string>();
  #sweptAt = Date.now();

  /** The rows of a plan, in its order, from this request's evaluations. */
  rowsOf(
    plan: FleetPlanRow[],
    evaluated: ServiceOnCluster[],
    snapshots: ClusterSnapshot[],
  ): FleetServiceRow[] {
    const now = Date.now();
    const rows = plan.map(planned => {
      const { summary, firstJob } = planned;
      const sources: unknown[] = [];
      for (let c = 0; c < snapshots.length; c++) {
        const snapshot = snapshots[c];
        sources.push(snapshot.name);
        if (firstJob === undefined) continue;
        if (snapshot.error) {
          sources.push(undefined, undefined);
        } else {
          const { health, modelKits } = evaluated[firstJob + c];
          sources.push(health, modelKits);
        }
      }
      const { selectorError } = planned;
      const cached = this.#rows.get(summary.ref);
      if (
        cached &&
        cached.selectorError === selectorError &&
        sameSummary(cached.summary, summary) &&
        sameSources(cached.sources, sources)
      ) {
        cached.seen = now;
        return cached.row;
      }
      let row = this.#makeRow(planned, evaluated, snapshots);
      if (cached && this.jsonOf(cached.row) === this.jsonOf(row)) {
        row = cached.row;
      }
      this.#rows.set(summary.ref, {
        row,
        summary,
        selectorError,
        sources,
        seen: now,
      });
      return row;
    });
    this.#forgetUnused(now);
    return rows;
  }

  /** The JSON of a row, made once per row. */
  jsonOf(row: FleetServiceRow): string {
    let json = this.#json.get(row);
    if (json === undefined) {
      json = JSON.stringify(row);
      this.#json.set(row, json);
    }
    return json;
  }

  #makeRow(
    planned: FleetPlanRow,
    evaluated: ServiceOnCluster[],
    snapshots: ClusterSnapshot[],
  ): FleetServiceRow {
    const { summary, firstJob, selectorError } = planned;
    if (firstJob === undefined) {
      return {
        entity: summary,
        status: 'unknown',
        cells: snapshots.map(snapshot => ({
          cluster: snapshot.name,
          status: 'unknown' as const,
          reasonCount: 0,
          modelKits: [],
        })),
        ...(selectorError ? { selectorError } : {}),
      };
    }
    const cells = snapshots.map((snapshot, c) =>
      fleetCell(snapshot, evaluated[firstJob + c]),
    );
    return {
      entity: summary,
      status: worstHealthStatus(cells.map(cell => cell.status)),
      cells,
    };
  }

  #forgetUnused(now: number) {
    if (now - this.#sweptAt < FORGET_AFTER_MS) return;
    this.#sweptAt = now;
    for (const [ref, cached] of this.#rows) {
      if (now - cached.seen > FORGET_AFTER_MS) this.#rows.delete(ref);
    }
  }
}
