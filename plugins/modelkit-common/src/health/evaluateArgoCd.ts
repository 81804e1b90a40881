import type { HealthReasonCode } from './DeploymentHealth';
import {
  isRecord,
  ObjectView,
  readPath,
  readString,
  ReasonList,
  viewEachObject,
  withMessage,
} from './objectView';

const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';
const MAX_LISTED_RESOURCES = 5;

/**
 * The reason for each Argo CD health status other than `Healthy`, and what it says after the
 * Application's name.
 */
const HEALTH_REASONS: ReadonlyMap<
  string,
  { code: HealthReasonCode; says: string }
> = new Map([
  ['Degraded', { code: 'argocd-degraded', says: ' is degraded' }],
  ['Progressing', { code: 'argocd-progressing', says: ' is progressing' }],
  [
    'Missing',
    {
      code: 'argocd-missing',
      says: ': resources are missing from the cluster',
    },
  ],
  ['Suspended', { code: 'argocd-suspended', says: ' is suspended' }],
  [
    'Unknown',
    {
      code: 'argocd-health-unknown',
      says: ': Argo CD cannot assess its health',
    },
  ],
]);

/**
 * Evaluates Argo CD Applications: sync status, health status, the last operation, the
 * Application's conditions and what `status.resources` reports of each resource. An
 * Application without `status.health`, or listing resources that are `Missing`, `Degraded`
 * or `OutOfSync`, is never healthy. Returns how many Applications were read.
 */
export function evaluateArgoCd(
  applications: unknown,
  reasons: ReasonList,
): number {
  return viewEachObject(
    applications,
    {
      kind: 'Application',
      apiVersion: ARGOCD_API_VERSION,
      list: 'applications',
    },
    reasons,
    view => {
      if (view.status) {
        evaluateApplication(view, view.status, reasons);
      }
    },
  ).length;
}

/** Reads the sync, operation, health and conditions of an Application that has a status. */
function evaluateApplication(
  view: ObjectView,
  status: Record<string, unknown>,
  reasons: ReasonList,
): void {
  const sync = readString(readPath(status, 'sync', 'status'));
  const health = readString(readPath(status, 'health', 'status'));
  if (!sync && !health) {
    reasons.add(
      'status-missing',
      `${view.label} reports neither sync nor health status: Argo CD has not compared it yet`,
      view.ref,
    );
  } else if (!health) {
    reasons.add(
      'argocd-health-unreported',
      `${view.label} reports no status.health: Argo CD has not assessed its health, so it is not taken as healthy`,
      view.ref,
    );
  }
  const resources = Array.isArray(status.resources)
    ? status.resources.filter(isRecord)
    : [];

  const phase = readString(readPath(status, 'operationState', 'phase'));
  const operationMessage = readString(
    readPath(status, 'operationState', 'message'),
  );
  if (phase === 'Failed' || phase === 'Error') {
    reasons.add(
      'argocd-operation-failed',
      withMessage(
        `${view.label}: the last sync operation failed`,
        operationMessage,
      ),
      view.ref,
      phase,
    );
  } else if (phase === 'Running' || phase === 'Terminating') {
    reasons.add(
      'argocd-operation-running',
      withMessage(
        `${view.label}: a sync operation is ${phase.toLowerCase()}`,
        operationMessage,
      ),
      view.ref,
      phase,
    );
  }

  if (sync === 'OutOfSync') {
    const revision = syncedRevision(status);
    const drifted = resources
      .filter(resource => resource.status === 'OutOfSync')
      .map(describeResource);
    const automated = readPath(view.spec, 'syncPolicy', 'automated');
    let message = `${view.label} is out of sync`;
    if (revision) {
      message += ` with revision ${revision}`;
    }
    if (drifted.length > 0) {
      message += `: ${listResources(drifted)}`;
    }
    if (!automated) {
      message += ' (automated sync is off: someone has to sync it)';
    }
    reasons.add('argocd-out-of-sync', message, view.ref, sync);
  } else if (sync === 'Unknown') {
    reasons.add(
      'argocd-sync-unknown',
      `${view.label}: Argo CD could not compare the desired and live state`,
      view.ref,
      sync,
    );
  } else if (sync && sync !== 'Synced') {
    reasons.add(
      'status-malformed',
      `${view.label} has an unknown sync status "${sync}"`,
      view.ref,
    );
  }

  evaluateHealth(view, status, resources, health, reasons);
  evaluateResources(view, resources, { sync, health }, reasons);

  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  for (const condition of conditions) {
    const type = readString(readPath(condition, 'type'));
    if (!type) {
      continue;
    }
    let code: HealthReasonCode | undefined;
    if (type.endsWith('Error')) {
      code = 'argocd-condition-error';
    } else if (type.endsWith('Warning')) {
      code = 'argocd-condition-warning';
    }
    if (code) {
      const message = readString(readPath(condition, 'message'));
      reasons.add(
        code,
        withMessage(`${view.label} has condition ${type}`, message),
        view.ref,
        type,
      );
    }
  }
}

/** Reports an Argo CD health status other than `Healthy`, naming the unhealthy resources. */
function evaluateHealth(
  view: ObjectView,
  status: Record<string, unknown>,
  resources: Record<string, unknown>[],
  health: string | undefined,
  reasons: ReasonList,
): void {
  if (!health || health === 'Healthy') {
    return;
  }
  // Argo CD 3 no longer persists the application-level health message; the resource
  // health entries (when persisted) say which object is unhealthy.
  const appMessage = readString(readPath(status, 'health', 'message'));
  const unhealthy = resources
    .filter(resource => readPath(resource, 'health', 'status') === health)
    .map(resource => {
      const message = readString(readPath(resource, 'health', 'message'));
      return withMessage(describeResource(resource), message);
    });
  const details =
    appMessage ?? (unhealthy.length > 0 ? listResources(unhealthy) : undefined);

  const known = HEALTH_REASONS.get(health);
  if (known) {
    reasons.add(
      known.code,
      withMessage(`${view.label}${known.says}`, details),
      view.ref,
      health,
    );
  } else {
    reasons.add(
      'status-malformed',
      `${view.label} has an unknown health status "${health}"`,
      view.ref,
    );
  }
}

/**
 * The revision compared against: `status.sync.revision`, or the revisions of a multi-source
 * Application (`status.sync.revisions`), one per entry of `spec.sources`.
 */
function syncedRevision(status: Record<string, unknown>): string | undefined {
  const single = readString(readPath(status, 'sync', 'revision'));
  const many = readPath(status, 'sync', 'revisions');
  if (single || !Array.isArray(many)) return single;
  const revisions = many.map(readString).filter(Boolean);
  return revisions.length > 0 ? revisions.join(', ') : undefined;
}

/**
 * What `status.resources` says that the Application's own sync and health do not: resources
 * that are `Degraded`, `Missing` or `OutOfSync` while the Application reports otherwise
 * (stale, or aggregated by a custom health check). Each reason names the resources.
 */
function evaluateResources(
  view: ObjectView,
  resources: Record<string, unknown>[],
  app: { sync?: string; health?: string },
  reasons: ReasonList,
): void {
  const withHealth = (wanted: string) =>
    resources
      .filter(resource => readPath(resource, 'health', 'status') === wanted)
      .map(resource =>
        withMessage(
          describeResource(resource),
          readString(readPath(resource, 'health', 'message')),
        ),
      );
  if (app.health !== 'Degraded') {
    const degraded = withHealth('Degraded');
    if (degraded.length > 0) {
      reasons.add(
        'argocd-resource-degraded',
        `${
          view.label
        } lists degraded resources in status.resources: ${listResources(
          degraded,
        )}`,
        view.ref,
        'Degraded',
      );
    }
  }
  if (app.health !== 'Missing') {
    const missing = withHealth('Missing');
    if (missing.length > 0) {
      reasons.add(
        'argocd-resource-missing',
        `${
          view.label
        } lists resources missing from the cluster in status.resources: ${listResources(
          missing,
        )}`,
        view.ref,
        'Missing',
      );
    }
  }
  if (app.sync !== 'OutOfSync') {
    const drifted = resources
      .filter(resource => resource.status === 'OutOfSync')
      .map(describeResource);
    if (drifted.length > 0) {
      reasons.add(
        'argocd-resource-out-of-sync',
        `${
          view.label
        } lists out-of-sync resources in status.resources: ${listResources(
          drifted,
        )}`,
        view.ref,
        'OutOfSync',
      );
    }
  }
}

/** `Kind namespace/name` of an entry of `status.resources`. */
function describeResource(resource: Record<string, unknown>): string {
  const kind = readString(resource.kind) ?? 'resource';
  const name = readString(resource.name) ?? '(unnamed)';
  const namespace = readString(resource.namespace);
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/** Joins resource descriptions, listing at most {@link MAX_LISTED_RESOURCES}. */
function listResources(items: string[]): string {
  if (items.length <= MAX_LISTED_RESOURCES) {
    return items.join('; ');
  }
  return `${items.slice(0, MAX_LISTED_RESOURCES).join('; ')}; and ${
    items.length - MAX_LISTED_RESOURCES
  } more`;
}
