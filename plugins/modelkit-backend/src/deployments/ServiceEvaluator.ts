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
import {
  MatchedObjects,
  matchService,
  ServiceMatcher,
} from './matching/matchService';
import { SnapshotIndex } from './matching/SnapshotIndex';
import { collectModelKits } from './modelkits/collectModelKits';
import type { ModelKitResolver } from './modelkits/ModelKitResolver';

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

/**
 * Matches, resolves and evaluates services on clusters: the objects each service selects
 * (without those of hidden services), the ModelKit versions they run and the health of it
 * all.
 *
 * @internal
 */
export class ServiceEvaluator {
  readonly #resolver: ModelKitResolver;

  constructor(resolver: ModelKitResolver) {
    this.#resolver = resolver;
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
      const matched = hidden.withoutHidden(
        snapshot,
        matchService(SnapshotIndex.of(snapshot), matcher),
      );
      return { matched, collected: collectModelKits(matched) };
    });
    const entities = prepared.some(p => p && p.collected.length > 0)
      ? await this.#resolver.lookupEntities(credentials)
      : new Map<string, ModelKitEntityInfo>();
    return mapConcurrently(prepared, 16, async entry => {
      if (!entry) {
        return {
          modelKits: [],
          health: { status: 'unknown', reasons: [] },
        };
      }
      const modelKits = await this.#resolver.resolve(entry.collected, entities);
      // Objects come straight from the API; the health model reads every field defensively.
      const health = evaluateDeploymentHealth({
        ...entry.matched,
        modelKits: modelKits.map(toRunning),
      } as DeploymentHealthInput);
      return { matched: entry.matched, modelKits, health };
    });
  }
}
