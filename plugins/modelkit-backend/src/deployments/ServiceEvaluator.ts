import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DeployedModelKit,
  DeploymentHealth,
  DeploymentHealthInput,
  evaluateDeploymentHealth,
  RunningModelKit,
} from '@kitstage/plugin-modelkit-common';
import { mapConcurrently } from './concurrency';
import type { ModelKitEntityInfo } from './entities';
import type { ClusterSnapshot } from './kubernetes/readClusterSnapshot';
import type { HiddenServices } from './matching/hiddenWorkloads';
import type { MatchedObjects, ServiceMatcher } from './matching/matchService';
import { collectModelKits } from './modelkits/collectModelKits';
import type { ModelKitResolver } from './modelkits/ModelKitResolver';
import { MemoizedService, ServiceMemo } from './ServiceMemo';

/**
 * One service to evaluate on one cluster.
 *
 * @internal
 */
export interface ServiceJob {
  snapshot: ClusterSnapshot;
  matcher: ServiceMatcher;
}

/**
 * One service on one cluster, evaluated; `matched` is absent when the cluster failed.
 *
 * @internal
 */
export interface ServiceOnCluster {
  matched?: MatchedObjects;
  modelKits: DeployedModelKit[];
  health: DeploymentHealth;
}

/** What the health model reads about a running version. */
function toRunning(modelKit: DeployedModelKit): RunningModelKit {
  const running: RunningModelKit = {
    reference: modelKit.reference,
    pinnedByDigest: modelKit.pinnedByDigest,
  };
  if (modelKit.digest) running.digest = modelKit.digest;
  if (modelKit.policy) {
    running.policy = modelKit.policy.status;
    if (modelKit.policy.message)
      running.policyMessage = modelKit.policy.message;
  }
  const object = modelKit.foundIn[0]?.object;
  if (object) running.object = object;
  return running;
}

/** The ModelKit entities an evaluation was made with, as a comparable key. */
function entitiesKeyOf(entities: Map<string, ModelKitEntityInfo>): string {
  return entities.size === 0 ? '' : JSON.stringify([...entities]);
}

/**
 * Matches, resolves and evaluates services on clusters: the objects each service selects
 * (without those of hidden services), the ModelKit versions they run and the health of it
 * all.
 *
 * @remarks
 * What does not depend on the caller is kept in a {@link ServiceMemo}: a service's objects
 * and ModelKits are matched again only when a change of its cluster touches it, and its
 * health is evaluated again only then, when the caller sees other ModelKit entities or
 * hidden services, or after `reuseMs` (the time tag resolutions and policy results are
 * cached for).
 *
 * @internal
 */
export class ServiceEvaluator {
  readonly #resolver: ModelKitResolver;
  readonly #reuseMs: number;
  readonly #memo = new ServiceMemo();

  constructor(resolver: ModelKitResolver, options: { reuseMs: number }) {
    this.#resolver = resolver;
    this.#reuseMs = options.reuseMs;
  }

  /**
   * Evaluates each job, in order. The ModelKit entities are looked up once, and only when a
   * ModelKit was found.
   */
  async evaluateAll(
    jobs: ServiceJob[],
    credentials: BackstageCredentials,
    hidden: HiddenServices,
  ): Promise<ServiceOnCluster[]> {
    const prepared = jobs.map(({ snapshot, matcher }) => {
      if (snapshot.error) {
        return undefined;
      }
      const memoized = this.#memo.of(snapshot, matcher);
      const matched = hidden.withoutHidden(snapshot, memoized.matched);
      // What a hidden service claims is left out for this caller: not shared.
      return matched === memoized.matched
        ? { matched, collected: memoized.collected, memoized }
        : { matched, collected: collectModelKits(matched) };
    });
    const entities = prepared.some(p => p && p.collected.length > 0)
      ? await this.#resolver.lookupEntities(credentials)
      : new Map<string, ModelKitEntityInfo>();
    const entitiesKey = entitiesKeyOf(entities);
    const now = Date.now();
    return mapConcurrently(prepared, 16, async entry => {
      if (!entry) {
        return {
          modelKits: [],
          health: { status: 'unknown', reasons: [] },
        };
      }
      const reused = (entry as { memoized?: MemoizedService }).memoized
        ?.evaluated;
      if (
        reused &&
        reused.entitiesKey === entitiesKey &&
        reused.expires > now
      ) {
        const { modelKits, health } = reused;
        return { matched: entry.matched, modelKits, health };
      }
      const modelKits = await this.#resolver.resolve(entry.collected, entities);
      // Objects come straight from the API; the health model reads every field defensively.
      const health = evaluateDeploymentHealth({
        ...entry.matched,
        modelKits: modelKits.map(toRunning),
      } as DeploymentHealthInput);
      const memoized = (entry as { memoized?: MemoizedService }).memoized;
      if (memoized) {
        memoized.evaluated = {
          entitiesKey,
          expires: now + this.#reuseMs,
          modelKits,
          health,
        };
      }
      return { matched: entry.matched, modelKits, health };
    });
  }
}
