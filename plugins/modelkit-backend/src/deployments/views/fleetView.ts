import { Entity } from '@backstage/catalog-model';
import {
  DeploymentEntitySummary,
  FleetCell,
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import { normalizeRef, summarizeEntity } from '../entities';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import type { ServiceOnCluster } from '../ServiceEvaluator';

/**
 * The Components a fleet view shows, and the owners and systems it may be filtered by.
 *
 * @internal
 */
export interface FleetSelection {
  /** The Components that pass the owner and system filters, with their summaries. */
  selected: Array<{ entity: Entity; summary: DeploymentEntitySummary }>;
  /** The owners and systems of every readable Component, sorted. */
  facets: FleetDeploymentsResponse['facets'];
}

/**
 * Filters the readable Components by owner and system (full entity references, in any case).
 *
 * @internal
 */
export function selectFleetComponents(
  components: Entity[],
  query: FleetDeploymentsQuery,
): FleetSelection {
  const owners = new Set<string>();
  const systems = new Set<string>();
  const summaries = components.map(entity => {
    const summary = summarizeEntity(entity);
    if (summary.owner) owners.add(summary.owner);
    if (summary.system) systems.add(summary.system);
    return { entity, summary };
  });
  const ownerFilter = query.owner?.map(o => normalizeRef(o, 'group'));
  const systemFilter = query.system?.map(s => normalizeRef(s, 'system'));
  const selected = summaries.filter(
    ({ summary }) =>
      (!ownerFilter?.length ||
        (summary.owner &&
          ownerFilter.includes(summary.owner.toLocaleLowerCase('en-US')))) &&
      (!systemFilter?.length ||
        (summary.system &&
          systemFilter.includes(summary.system.toLocaleLowerCase('en-US')))),
  );
  return {
    selected,
    facets: { owners: [...owners].sort(), systems: [...systems].sort() },
  };
}

/**
 * One cell of the fleet matrix: a service's health on a cluster, its top reason and the
 * ModelKits it runs there.
 *
 * @internal
 */
export function fleetCell(
  snapshot: ClusterSnapshot,
  evaluated: ServiceOnCluster,
): FleetCell {
  if (snapshot.error) {
    return {
      cluster: snapshot.name,
      status: 'unknown',
      reasonCount: 0,
      modelKits: [],
      clusterError: true,
    };
  }
  const { health, modelKits } = evaluated;
  const cell: FleetCell = {
    cluster: snapshot.name,
    status: health.status,
    reasonCount: health.reasons.length,
    modelKits: modelKits.map(modelKit => ({
      repository: modelKit.repository,
      pinnedByDigest: modelKit.pinnedByDigest,
      ...(modelKit.tag ? { tag: modelKit.tag } : {}),
      ...(modelKit.digest ? { digest: modelKit.digest } : {}),
      ...(modelKit.policy ? { policy: modelKit.policy.status } : {}),
    })),
  };
  if (health.reasons[0]) cell.topReason = health.reasons[0];
  return cell;
}
