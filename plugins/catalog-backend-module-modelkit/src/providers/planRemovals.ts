/**
 * What one sync found for an included repository.
 *
 * - `ingested`: an entity was built for it.
 * - `skipped`: it was read and gets no entity (it holds no ModelKit, or no owner rule matches).
 * - `failed`: it could not be read; its entity in the catalog, if any, stays as it is.
 *
 * @internal
 */
export type RepositoryOutcome =
  | { status: 'ingested'; entityRef: string }
  | { status: 'skipped' }
  | { status: 'failed' };

/**
 * The inputs of {@link planRemovals}.
 *
 * @internal
 */
export interface PlanRemovalsInput {
  /** Outcome of every repository of the complete listing that the filters include. */
  outcomes: ReadonlyMap<string, RepositoryOutcome>;
  /**
   * The entities the provider has in the catalog, by entity ref, with the repository each one
   * was built from (undefined when that cannot be told). Undefined when the set is unknown.
   */
  previous: ReadonlyMap<string, string | undefined> | undefined;
  /** Largest share of `previous` that may be removed. */
  maxRemovalShare: number;
}

/**
 * Which entities a sync removes.
 *
 * @internal
 */
export interface RemovalPlan {
  /** Entity refs to remove. */
  removed: string[];
  /** Set when removals were held back because they exceed the allowed share. */
  refused?: { removals: string[]; previous: number; maxRemovalShare: number };
  /** True when nothing could be removed because the previous entities are unknown. */
  previousUnknown: boolean;
}

/**
 * Decides which of the provider's entities a sync removes. An entity goes only when a
 * complete, successful listing says its repository is gone: the repository is no longer
 * listed (or no longer included), it was read and holds no ModelKit (or no owner rule matches
 * it any more), or it now gives an entity of another name. The entity of a repository that
 * failed to read stays. Entities whose repository is unknown stay.
 *
 * When the removals would be more than `maxRemovalShare` of the previous entities, none is
 * made: a registry answering with an empty or partial listing (a permissions change, a
 * misconfigured mirror) must not empty the catalog.
 *
 * @internal
 */
export function planRemovals(input: PlanRemovalsInput): RemovalPlan {
  const { outcomes, previous, maxRemovalShare } = input;
  if (!previous) {
    return { removed: [], previousUnknown: true };
  }
  const ingested = new Set<string>();
  for (const outcome of outcomes.values()) {
    if (outcome.status === 'ingested') {
      ingested.add(outcome.entityRef);
    }
  }
  const removals: string[] = [];
  for (const [entityRef, repository] of previous) {
    if (ingested.has(entityRef) || repository === undefined) {
      continue;
    }
    if (outcomes.get(repository)?.status === 'failed') {
      continue;
    }
    removals.push(entityRef);
  }
  removals.sort();
  if (
    removals.length > 0 &&
    removals.length > maxRemovalShare * previous.size
  ) {
    return {
      removed: [],
      refused: { removals, previous: previous.size, maxRemovalShare },
      previousUnknown: false,
    };
  }
  return { removed: removals, previousUnknown: false };
}
