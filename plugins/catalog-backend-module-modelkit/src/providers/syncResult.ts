import { LoggerService } from '@backstage/backend-plugin-api';
import { RemovalPlan } from './planRemovals';
import { ModelKitRegistrySyncResult } from './status';

/** Most repositories listed by name in a status. */
const MAX_LISTED = 50;

/**
 * The result of a sync that has just started: nothing counted yet, and `failed` until the sync
 * says otherwise.
 *
 * @internal
 */
export function startSyncResult(startedAt: Date): ModelKitRegistrySyncResult {
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    durationMs: 0,
    outcome: 'failed',
    counts: {
      repositories: 0,
      included: 0,
      ingested: 0,
      skipped: 0,
      failed: 0,
      removed: 0,
    },
    failedRepositories: [],
    skippedRepositories: [],
  };
}

/**
 * Counts an included repository that gives no entity, failed or skipped, and lists it with the
 * error or the reason while its list is short.
 *
 * @internal
 */
export function recordRepositoryWithoutEntity(
  result: ModelKitRegistrySyncResult,
  repository: string,
  outcome: { error: string } | { skipped: string },
): void {
  if ('error' in outcome) {
    result.counts.failed += 1;
    if (result.failedRepositories.length < MAX_LISTED) {
      result.failedRepositories.push({ repository, error: outcome.error });
    }
  } else {
    result.counts.skipped += 1;
    if (result.skippedRepositories.length < MAX_LISTED) {
      result.skippedRepositories.push({ repository, reason: outcome.skipped });
    }
  }
}

/**
 * Records removals the removal guard held back, naming at most 50 of them.
 *
 * @internal
 */
export function recordRemovalRefusal(
  result: ModelKitRegistrySyncResult,
  refused: NonNullable<RemovalPlan['refused']>,
): void {
  result.removalRefused = {
    removals: refused.removals.slice(0, MAX_LISTED),
    count: refused.removals.length,
    previous: refused.previous,
    maxRemovalShare: refused.maxRemovalShare,
  };
}

/**
 * Sets the outcome of a sync whose mutation was applied: `success` when nothing went wrong,
 * `failed` when every included repository failed, `partial` otherwise, with the problems as
 * the error.
 *
 * @internal
 */
export function settleSyncOutcome(
  result: ModelKitRegistrySyncResult,
  included: number,
  refused: RemovalPlan['refused'],
): void {
  const problems: string[] = [];
  if (result.counts.failed > 0) {
    problems.push(
      `${
        result.counts.failed
      } of ${included} repositories could not be read and kept their entities: ${result.failedRepositories
        .slice(0, 5)
        .map(f => `${f.repository}: ${f.error}`)
        .join('; ')}`,
    );
  }
  if (refused) {
    problems.push(
      `the listing would remove ${refused.removals.length} of the ${
        refused.previous
      } ingested entities, more than the allowed share of ${
        refused.maxRemovalShare * 100
      } % (maxRemovalShare), so none was removed`,
    );
  }
  if (problems.length === 0) {
    result.outcome = 'success';
  } else {
    result.outcome =
      included > 0 && result.counts.failed === included ? 'failed' : 'partial';
    result.error = problems.join('; ');
  }
}

/**
 * Logs the end of a sync: a summary of its counts at `info` on success, at `warn` with the
 * problems when it succeeded in part, and its error at `error` when it failed.
 *
 * @internal
 */
export function logSyncResult(
  logger: LoggerService,
  registry: string,
  result: ModelKitRegistrySyncResult,
): void {
  const { counts } = result;
  const summary = `${counts.included} of ${counts.repositories} repositories included: ${counts.ingested} ingested, ${counts.skipped} without a ModelKit entity, ${counts.failed} failed; ${counts.removed} entities removed (${result.durationMs} ms)`;
  if (result.outcome === 'success') {
    logger.info(`Synced registry "${registry}": ${summary}`);
  } else if (result.outcome === 'partial') {
    logger.warn(
      `Synced registry "${registry}" in part: ${summary}. ${result.error}`,
    );
  } else {
    logger.error(`Sync of registry "${registry}" failed: ${result.error}`);
  }
}
