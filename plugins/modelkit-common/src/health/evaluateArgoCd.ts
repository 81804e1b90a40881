import {
  isRecord,
  ObjectView,
  readList,
  readPath,
  readString,
  ReasonList,
  viewObject,
  withMessage,
} from './objectView';

const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';
const MAX_LISTED_RESOURCES = 5;

/**
 * Evaluates Argo CD Applications: sync status, health status, the last operation and the
 * Application's conditions. Returns how many Applications were read.
 */
export function evaluateArgoCd(
  applications: unknown,
  reasons: ReasonList,
): number {
  const entries = readList(applications, 'applications', reasons);
  entries.forEach((raw, index) => {
    const view = viewObject(
      raw,
      {
        kind: 'Application',
        apiVersion: ARGOCD_API_VERSION,
        index,
        list: 'applications',
      },
      reasons,
    );
    if (view.status) {
      evaluateApplication(view, view.status, reasons);
    }
  });
  return entries.length;
}

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
    const revision = readString(readPath(status, 'sync', 'revision'));
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

  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  for (const condition of conditions) {
    const type = readString(readPath(condition, 'type'));
    if (!type) {
      continue;
    }
    const message = readString(readPath(condition, 'message'));
    if (type.endsWith('Error')) {
      reasons.add(
        'argocd-condition-error',
        withMessage(`${view.label} has condition ${type}`, message),
        view.ref,
        type,
      );
    } else if (type.endsWith('Warning')) {
      reasons.add(
        'argocd-condition-warning',
        withMessage(`${view.label} has condition ${type}`, message),
        view.ref,
        type,
      );
    }
  }
}

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

  switch (health) {
    case 'Degraded':
      reasons.add(
        'argocd-degraded',
        withMessage(`${view.label} is degraded`, details),
        view.ref,
        health,
      );
      break;
    case 'Progressing':
      reasons.add(
        'argocd-progressing',
        withMessage(`${view.label} is progressing`, details),
        view.ref,
        health,
      );
      break;
    case 'Missing':
      reasons.add(
        'argocd-missing',
        withMessage(
          `${view.label}: resources are missing from the cluster`,
          details,
        ),
        view.ref,
        health,
      );
      break;
    case 'Suspended':
      reasons.add(
        'argocd-suspended',
        withMessage(`${view.label} is suspended`, details),
        view.ref,
        health,
      );
      break;
    case 'Unknown':
      reasons.add(
        'argocd-health-unknown',
        withMessage(`${view.label}: Argo CD cannot assess its health`, details),
        view.ref,
        health,
      );
      break;
    default:
      reasons.add(
        'status-malformed',
        `${view.label} has an unknown health status "${health}"`,
        view.ref,
      );
  }
}

function describeResource(resource: Record<string, unknown>): string {
  const kind = readString(resource.kind) ?? 'resource';
  const name = readString(resource.name) ?? '(unnamed)';
  const namespace = readString(resource.namespace);
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

function listResources(items: string[]): string {
  if (items.length <= MAX_LISTED_RESOURCES) {
    return items.join('; ');
  }
  return `${items.slice(0, MAX_LISTED_RESOURCES).join('; ')}; and ${
    items.length - MAX_LISTED_RESOURCES
  } more`;
}
