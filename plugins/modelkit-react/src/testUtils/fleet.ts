import type {
  DeploymentHealthStatus,
  FleetCell,
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
  FleetServiceRow,
  HealthReason,
} from '@kitstage/plugin-modelkit-common';
import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  rollUpHealth,
  worstHealthStatus,
} from '@kitstage/plugin-modelkit-common';
import { GENERATED, OBSERVED, reason } from './deploymentObjects';

/**
 * The clusters of the generated fleet.
 *
 * @public
 */
export const fleetClusters = [
  { name: 'prod-eu', title: 'Production EU' },
  { name: 'prod-us', title: 'Production US' },
  { name: 'lab', title: 'Lab (simulated)' },
];

const OWNERS = [
  'group:default/nlp-team',
  'group:default/risk-team',
  'group:default/vision-team',
];
const SYSTEMS = ['system:default/customer-insights', 'system:default/fraud'];
const CELL_CYCLE: DeploymentHealthStatus[] = [
  'healthy',
  'healthy',
  'healthy',
  'progressing',
  'healthy',
  'degraded',
  'healthy',
  'suspended',
  'not-deployed',
  'healthy',
  'healthy',
];

function topReasonOf(
  status: DeploymentHealthStatus,
  service: string,
  cluster: string,
): HealthReason | undefined {
  switch (status) {
    case 'degraded':
      return reason(
        'pod-crash-looping',
        'error',
        'degraded',
        `Pod ml/${service}-0 on ${cluster}: container server is crash-looping`,
        { kind: 'Pod', namespace: 'ml', name: `${service}-0` },
        'CrashLoopBackOff',
      );
    case 'progressing':
      return reason(
        'flux-reconciling',
        'info',
        'progressing',
        `Kustomization flux-system/${service} is reconciling`,
      );
    case 'suspended':
      return reason(
        'flux-suspended',
        'warning',
        'suspended',
        `Kustomization flux-system/${service} is suspended`,
      );
    default:
      return undefined;
  }
}

/** A degraded cell has three reasons; progressing and suspended ones one. */
function reasonCountOf(status: DeploymentHealthStatus): number {
  if (status === 'degraded') {
    return 3;
  }
  return status === 'progressing' || status === 'suspended' ? 1 : 0;
}

function fleetCell(
  service: number,
  cluster: number,
  clusterError: boolean,
): FleetCell {
  const name = fleetClusters[cluster].name;
  if (clusterError) {
    return {
      cluster: name,
      status: 'unknown',
      reasonCount: 0,
      modelKits: [],
      clusterError: true,
    };
  }
  const status = CELL_CYCLE[(service * 3 + cluster * 7) % CELL_CYCLE.length];
  const serviceName = fleetServiceName(service);
  const topReason = topReasonOf(status, serviceName, name);
  return {
    cluster: name,
    status,
    ...(topReason ? { topReason } : {}),
    reasonCount: reasonCountOf(status),
    modelKits:
      status === 'not-deployed'
        ? []
        : [
            {
              repository: `registry.example.com/models/${serviceName}`,
              tag: `v1.${service % 4}.0`,
              digest: `sha256:${String(service).padStart(4, '0').repeat(16)}`,
              pinnedByDigest: service % 5 !== 0,
              policy: status === 'degraded' ? 'failed' : 'passed',
            },
          ],
  };
}

/**
 * The name of the generated service with this index, sorted like the backend sorts.
 *
 * @public
 */
export function fleetServiceName(index: number): string {
  return `svc-${String(index).padStart(3, '0')}`;
}

/**
 * Generated fleet rows: owners and systems cycle, the cells follow a fixed
 * pattern, and the cluster in `unreachableCluster` (if any) could not be read.
 *
 * @public
 */
export function fleetServices(
  count: number,
  options: { unreachableCluster?: string; invalidSelector?: number } = {},
): FleetServiceRow[] {
  return Array.from({ length: count }, (_, index) => {
    const name = fleetServiceName(index);
    if (index === options.invalidSelector) {
      return invalidSelectorRow(index);
    }
    const cells = fleetClusters.map((cluster, c) =>
      fleetCell(index, c, cluster.name === options.unreachableCluster),
    );
    return {
      entity: {
        ref: `component:default/${name}`,
        kind: 'Component',
        namespace: 'default',
        name,
        owner: OWNERS[index % OWNERS.length],
        system: SYSTEMS[index % SYSTEMS.length],
      },
      status: worstHealthStatus(cells.map(c => c.status)),
      cells,
    };
  });
}

/**
 * Why the backend could not read the label selector of one fleet service.
 *
 * @public
 */
export const invalidSelectorMessage =
  'The annotation backstage.io/kubernetes-label-selector of component:default/svc-002 is not a valid label selector: app in (a,';

/** A service whose label selector the backend could not parse. */
function invalidSelectorRow(index: number): FleetServiceRow {
  const name = fleetServiceName(index);
  return {
    entity: {
      ref: `component:default/${name}`,
      kind: 'Component',
      namespace: 'default',
      name,
      owner: OWNERS[index % OWNERS.length],
      system: SYSTEMS[index % SYSTEMS.length],
    },
    status: 'unknown',
    cells: fleetClusters.map(cluster => ({
      cluster: cluster.name,
      status: 'unknown' as const,
      reasonCount: 0,
      modelKits: [],
    })),
    selectorError: invalidSelectorMessage,
  };
}

function emptyCounts(): Record<DeploymentHealthStatus, number> {
  return Object.fromEntries(
    DEPLOYMENT_HEALTH_PRECEDENCE.map(s => [s, 0]),
  ) as Record<DeploymentHealthStatus, number>;
}

function matches(
  ref: string | undefined,
  wanted: string[] | undefined,
  kind: string,
) {
  if (!wanted?.length) {
    return true;
  }
  return wanted.some(
    w => ref === w || ref === `${kind}:default/${w}` || ref === `${kind}:${w}`,
  );
}

/**
 * The fleet response the backend would give for some rows and filters: the
 * owner and system filters first, then counts, then the status filter, then
 * the page (`offset` and `limit`), as the backend pages. Unlike the backend,
 * which answers its first 50 services then, a query without `offset` and
 * `limit` gets every row, for views that page the rows themselves.
 *
 * @public
 */
export function fleetResponse(
  rows: FleetServiceRow[],
  query: FleetDeploymentsQuery = {},
  options: { unreachableCluster?: string } = {},
): FleetDeploymentsResponse {
  const scoped = rows.filter(
    row =>
      matches(row.entity.owner, query.owner, 'group') &&
      matches(row.entity.system, query.system, 'system'),
  );
  const services = emptyCounts();
  const cells = emptyCounts();
  for (const row of scoped) {
    services[row.status] += 1;
    for (const cell of row.cells) cells[cell.status] += 1;
  }
  const listed = query.status?.length
    ? scoped.filter(row => query.status!.includes(row.status))
    : scoped;
  const offset = query.offset ?? 0;
  const limit =
    query.limit ??
    (query.offset === undefined ? Math.max(50, listed.length) : 50);
  const shown = listed.slice(offset, offset + limit);
  const onPage = new Set(shown.map(row => row.entity.ref));
  return {
    clusters: fleetClusters.map((cluster, c) => ({
      ...cluster,
      warnings: [],
      apis: { flux: true, argoCd: false, kserve: true },
      ...(cluster.name === options.unreachableCluster
        ? {
            error: {
              kind: 'unreachable' as const,
              message: `Cluster ${cluster.name} could not be reached: connect ECONNREFUSED 10.0.3.4:6443`,
            },
          }
        : { observedAt: OBSERVED }),
      rollup: pageRollup(listed, c, onPage),
    })),
    services: shown,
    page: { offset, limit, matched: listed.length },
    counts: { services, cells },
    total: scoped.length,
    facets: {
      owners: [...new Set(rows.map(r => r.entity.owner!))].sort(),
      systems: [...new Set(rows.map(r => r.entity.system!))].sort(),
    },
    version: `fixture-${offset}-${limit}-${listed.length}`,
    generatedAt: GENERATED,
  };
}

/** A cluster's roll-up over every listed row, naming the worst of the page. */
function pageRollup(
  listed: FleetServiceRow[],
  cluster: number,
  onPage: Set<string>,
) {
  const rollup = rollUpHealth(
    listed.map(row => ({
      key: row.entity.ref,
      status: row.cells[cluster].status,
    })),
  );
  return { ...rollup, worst: rollup.worst.filter(ref => onPage.has(ref)) };
}
