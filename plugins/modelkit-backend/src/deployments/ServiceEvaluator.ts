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
import {
  CollectedModelKit,
  collectModelKits,
} from './modelkits/collectModelKits';
import type {
  ModelKitResolution,
  ModelKitResolver,
} from './modelkits/ModelKitResolver';
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

/** A job ready to evaluate: what is matched for the caller, and the memo entry if shared. */
interface Prepared {
  matched: MatchedObjects;
  collected: CollectedModelKit[];
  memoized?: MemoizedService;
}

/**
 * Matches, resolves and evaluates services on clusters: the objects each service selects
 * (without those of hidden services), the ModelKit versions they run and the health of it
 * all.
 *
 * @remarks
 * What does not depend on the caller is kept in a {@link ServiceMemo}: a service's objects
 * and ModelKits are matched again only when a change of its cluster touches it (a re-list
 * that finds the same objects changes nothing), and its health is evaluated again only then,
 * when the caller sees other ModelKit entities or hidden services, or when resolving its
 * versions again gives another answer. Versions are resolved again after `reuseMs` (the time
 * tag resolutions and policy results are cached for); as long as the digests, errors and
 * policy results stay the same, the evaluation and its objects are kept, so rows and their
 * JSON made from them stay valid too.
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
    const prepared = jobs.map(({ snapshot, matcher }): Prepared | undefined => {
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
    // Evaluations still valid are answered at once; the others resolve, a few at a time.
    const results = new Array<ServiceOnCluster>(prepared.length);
    const pending: number[] = [];
    prepared.forEach((entry, i) => {
      if (!entry) {
        results[i] = {
          modelKits: [],
          health: { status: 'unknown', reasons: [] },
        };
        return;
      }
      const reused = entry.memoized?.evaluated;
      if (
        reused &&
        reused.entitiesKey === entitiesKey &&
        reused.expires > now
      ) {
        const { modelKits, health } = reused;
        results[i] = { matched: entry.matched, modelKits, health };
      } else {
        pending.push(i);
      }
    });
    if (pending.length === 0) return results;
    // Each version is resolved once, however many services run it, a few at a time.
    const versions = new Map<string, CollectedModelKit>();
    for (const i of pending) {
      for (const version of prepared[i]!.collected) {
        versions.set(version.key, version);
      }
    }
    const distinct = [...versions.values()];
    const resolved = await mapConcurrently(distinct, 16, version =>
      this.#resolver.resolution(version, entities),
    );
    const resolutions = new Map(distinct.map((v, n) => [v.key, resolved[n]]));
    for (const i of pending) {
      const entry = prepared[i]!;
      results[i] = this.#evaluate(
        entry,
        entry.collected.map(version => resolutions.get(version.key)!),
        entities,
        entitiesKey,
        now,
      );
    }
    return results;
  }

  /**
   * Evaluates a job's health with its resolved versions, unless they resolved as the kept
   * evaluation's did: then the kept evaluation (the same objects) is valid `reuseMs` more.
   */
  #evaluate(
    entry: Prepared,
    resolved: ModelKitResolution[],
    entities: Map<string, ModelKitEntityInfo>,
    entitiesKey: string,
    now: number,
  ): ServiceOnCluster {
    const { matched, collected, memoized } = entry;
    const resolutionKey = JSON.stringify(resolved);
    const kept = memoized?.evaluated;
    if (
      kept &&
      kept.entitiesKey === entitiesKey &&
      kept.resolutionKey === resolutionKey
    ) {
      kept.expires = now + this.#reuseMs;
      return { matched, modelKits: kept.modelKits, health: kept.health };
    }
    const modelKits = collected.map((version, i) =>
      this.#resolver.deployed(version, entities, resolved[i]),
    );
    // Objects come straight from the API; the health model reads every field defensively.
    const health = evaluateDeploymentHealth({
      ...matched,
      modelKits: modelKits.map(toRunning),
    } as DeploymentHealthInput);
    if (memoized) {
      memoized.evaluated = {
        entitiesKey,
        resolutionKey,
        expires: now + this.#reuseMs,
        modelKits,
        health,
      };
    }
    return { matched, modelKits, health };
  }
}
