import type {
  DeploymentArgoCdOperation,
  DeploymentDelivery,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import {
  readBoundedString,
  readPath,
  readString,
  readTimestamp,
  refOf,
} from './objects';

/** How long an operation's message may be in a view; longer ones are cut. */
const MAX_OPERATION_MESSAGE = 1000;
/** How long a phase, revision or initiator may be; longer ones are cut. */
const MAX_OPERATION_FIELD = 256;

function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

type ApplicationSource = NonNullable<DeploymentDelivery['sources']>[number];

/**
 * The sources of a multi-source Application (`spec.sources`), each with the revision Argo CD
 * compared it at (`status.sync.revisions`, by position).
 */
function applicationSources(
  application: KubernetesObjectLike,
): ApplicationSource[] {
  const sources = asArray(readPath(application.spec, 'sources')) ?? [];
  const revisions = asArray(readPath(application.status, 'sync', 'revisions'));
  return sources.flatMap((entry, index) => {
    const repoURL = readString(readPath(entry, 'repoURL'));
    if (!repoURL) return [];
    const source: ApplicationSource = { repoURL };
    for (const key of ['path', 'chart', 'targetRevision', 'ref'] as const) {
      const value = readString(readPath(entry, key));
      if (value) source[key] = value;
    }
    const revision = readString(revisions?.[index]);
    if (revision) source.revision = revision;
    return [source];
  });
}

/**
 * The current or last operation of an Application (`status.operationState`): its phase,
 * message, start and finish, the revision a sync applied and who asked for it. Undefined
 * without a phase.
 */
function lastOperation(
  application: KubernetesObjectLike,
): DeploymentArgoCdOperation | undefined {
  const state = readPath(application.status, 'operationState');
  const phase = readBoundedString(
    readPath(state, 'phase'),
    MAX_OPERATION_FIELD,
  );
  if (!phase) return undefined;
  const operation: DeploymentArgoCdOperation = { phase };
  const message = readBoundedString(
    readPath(state, 'message'),
    MAX_OPERATION_MESSAGE,
  );
  const startedAt = readTimestamp(readPath(state, 'startedAt'));
  const finishedAt = readTimestamp(readPath(state, 'finishedAt'));
  const revision = readBoundedString(
    readPath(state, 'syncResult', 'revision'),
    MAX_OPERATION_FIELD,
  );
  const initiator = readPath(state, 'operation', 'initiatedBy');
  const initiatedBy =
    readPath(initiator, 'automated') === true
      ? 'automated'
      : readBoundedString(readPath(initiator, 'username'), MAX_OPERATION_FIELD);
  if (message) operation.message = message;
  if (startedAt) operation.startedAt = startedAt;
  if (finishedAt) operation.finishedAt = finishedAt;
  if (revision) operation.revision = revision;
  if (initiatedBy) operation.initiatedBy = initiatedBy;
  return operation;
}

/**
 * An Argo CD Application's delivery: its sync and health, revision and source; for a
 * multi-source Application (`spec.sources`), every source, the repository and path of the
 * first source with a path, and the revisions compared against; when it was last compared
 * (`status.reconciledAt`) and its current or last operation (`status.operationState`), so an
 * action's reaction shows.
 *
 * @internal
 */
export function argoCdDelivery(
  application: KubernetesObjectLike,
): DeploymentDelivery {
  const delivery: DeploymentDelivery = {
    controller: 'argocd',
    object: refOf(application),
    suspended: false,
  };
  const sync = readString(readPath(application.status, 'sync', 'status'));
  const health = readString(readPath(application.status, 'health', 'status'));
  const sources = applicationSources(application);
  const main = sources.find(source => source.path) ?? sources[0];
  const repoURL =
    readString(readPath(application.spec, 'source', 'repoURL')) ??
    main?.repoURL;
  const path =
    readString(readPath(application.spec, 'source', 'path')) ?? main?.path;
  const revisions = sources
    .map(source => source.revision)
    .filter((r): r is string => r !== undefined);
  const revision =
    readString(readPath(application.status, 'sync', 'revision')) ??
    (revisions.length > 0 ? revisions.join(', ') : undefined);
  if (sync) delivery.syncStatus = sync;
  if (revision) delivery.appliedRevision = revision;
  if (health) delivery.healthStatus = health;
  if (repoURL) delivery.repoURL = repoURL;
  if (path) delivery.path = path;
  if (sources.length > 0) delivery.sources = sources;
  const reconciledAt = readTimestamp(
    readPath(application.status, 'reconciledAt'),
  );
  const operation = lastOperation(application);
  if (reconciledAt) delivery.reconciledAt = reconciledAt;
  if (operation) delivery.lastOperation = operation;
  return delivery;
}
