/** What the simulated controllers read and write of a stored object. */
interface ControlledObject {
  apiVersion: string;
  kind: string;
  metadata: {
    generation?: number;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

const FLUX_RECONCILE_REQUESTED = 'reconcile.fluxcd.io/requestedAt';
const ARGOCD_REFRESH = 'argocd.argoproj.io/refresh';
const ARGOCD_APPLICATION_VERSION = 'argoproj.io/';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A time as Kubernetes serialises `metav1.Time`: RFC 3339 in UTC, whole seconds. */
function kubernetesTime(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

function isArgoCdApplication(object: ControlledObject): boolean {
  return (
    object.kind === 'Application' &&
    object.apiVersion.startsWith(ARGOCD_APPLICATION_VERSION)
  );
}

/**
 * What a controller that answers at once does when a patch is stored: an object whose
 * controller had observed its previous spec (`status.observedGeneration` equal to the old
 * generation) observes the new one, a Flux object records a requested reconcile as handled
 * (`status.lastHandledReconcileAt`, as Flux's controllers do), and Argo CD's application
 * controller starts a newly requested operation (`status.operationState` with the operation,
 * phase `Running` and `startedAt`). An object whose status lagged before keeps lagging, so
 * failure shapes stay as the fixtures built them.
 */
export function reactToPatch(
  current: ControlledObject,
  patched: ControlledObject,
  now: Date,
): void {
  const status = isPlainObject(patched.status) ? patched.status : undefined;
  if (!status) {
    return;
  }
  const observed = status.observedGeneration;
  if (
    typeof observed === 'number' &&
    observed === (current.metadata.generation ?? 1)
  ) {
    status.observedGeneration = patched.metadata.generation ?? observed;
  }
  const requestedAt = isPlainObject(patched.metadata.annotations)
    ? patched.metadata.annotations[FLUX_RECONCILE_REQUESTED]
    : undefined;
  if (
    typeof requestedAt === 'string' &&
    patched.apiVersion.includes('.toolkit.fluxcd.io/') &&
    !(isPlainObject(patched.spec) && patched.spec.suspend === true)
  ) {
    status.lastHandledReconcileAt = requestedAt;
  }
  if (
    isArgoCdApplication(patched) &&
    isPlainObject(patched.operation) &&
    JSON.stringify(patched.operation) !== JSON.stringify(current.operation)
  ) {
    // Argo CD keeps the operation on the Application while it runs.
    status.operationState = {
      operation: structuredClone(patched.operation),
      phase: 'Running',
      message: 'one or more tasks are running',
      startedAt: kubernetesTime(now),
    };
  }
}

/**
 * Whether Argo CD's application controller has work left on an object after a patch: a
 * refresh requested by the `argocd.argoproj.io/refresh` annotation, or a running operation.
 */
export function hasPendingArgoCdWork(object: ControlledObject): boolean {
  if (!isArgoCdApplication(object)) {
    return false;
  }
  const refresh = isPlainObject(object.metadata.annotations)
    ? object.metadata.annotations[ARGOCD_REFRESH]
    : undefined;
  return (
    refresh !== undefined ||
    (isPlainObject(object.operation) &&
      isPlainObject(object.status) &&
      isPlainObject(object.status.operationState) &&
      object.status.operationState.phase === 'Running')
  );
}

/**
 * What Argo CD's application controller does next with an Application it was asked to act
 * on, as Argo CD documents it: a refresh compares the Application again, records
 * `status.reconciledAt` and removes the `argocd.argoproj.io/refresh` annotation; a sync
 * operation finishes (`status.operationState.phase: Succeeded`, its message, `finishedAt` and
 * `syncResult.revision`), the Application is Synced at that revision, the sync joins
 * `status.history`, and the `operation` field is removed. Returns the Application after, or
 * undefined when there was nothing to do.
 */
export function completeArgoCdWork<T extends ControlledObject>(
  application: T,
  now: Date,
): T | undefined {
  if (!hasPendingArgoCdWork(application)) {
    return undefined;
  }
  const next: ControlledObject = structuredClone(application);
  const at = kubernetesTime(now);
  const status = (isPlainObject(next.status) ? next.status : {}) as Record<
    string,
    unknown
  >;
  next.status = status;
  if (isPlainObject(next.metadata.annotations)) {
    delete next.metadata.annotations[ARGOCD_REFRESH];
  }
  const state = status.operationState;
  if (
    isPlainObject(next.operation) &&
    isPlainObject(state) &&
    state.phase === 'Running'
  ) {
    const spec = isPlainObject(next.spec) ? next.spec : {};
    const sync = isPlainObject(status.sync) ? status.sync : {};
    const source = spec.source;
    const requested = isPlainObject(next.operation.sync)
      ? next.operation.sync.revision
      : undefined;
    const revision =
      (typeof requested === 'string' && requested) ||
      (typeof sync.revision === 'string' && sync.revision) ||
      (isPlainObject(source) && typeof source.targetRevision === 'string'
        ? source.targetRevision
        : 'HEAD');
    status.operationState = {
      ...state,
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      finishedAt: at,
      syncResult: {
        revision,
        ...(source === undefined ? {} : { source: structuredClone(source) }),
      },
    };
    status.sync = { ...sync, status: 'Synced', revision };
    const history = Array.isArray(status.history) ? status.history : [];
    const lastId = history.reduce<number>(
      (max, entry) =>
        isPlainObject(entry) && typeof entry.id === 'number'
          ? Math.max(max, entry.id)
          : max,
      -1,
    );
    status.history = [
      ...history,
      {
        id: lastId + 1,
        revision,
        deployedAt: at,
        deployStartedAt: state.startedAt,
        ...(source === undefined ? {} : { source: structuredClone(source) }),
        initiatedBy: structuredClone(next.operation.initiatedBy),
      },
    ];
    delete next.operation;
  }
  status.reconciledAt = at;
  return next as T;
}
