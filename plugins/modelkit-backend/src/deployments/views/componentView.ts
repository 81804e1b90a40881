import { Entity } from '@backstage/catalog-model';
import {
  ComponentDeploymentCard,
  ComponentDeploymentsResponse,
  rollUpHealth,
} from '@kitstage/plugin-modelkit-common';
import { buildDeploymentCommands } from '../commands';
import { summarizeEntity } from '../entities';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import type { ServiceMatcher } from '../matching/matchService';
import { summarizeDeliveries, summarizeWorkloads } from '../matching/summarize';
import type { ServiceOnCluster } from '../ServiceEvaluator';
import { clusterOf } from './clusterViews';

/**
 * One cluster's card of a Component's view: its health, deliveries, workloads, ModelKits and
 * the commands to look further; only the cluster's error when it could not be read.
 *
 * @internal
 */
export function componentCard(
  snapshot: ClusterSnapshot,
  matcher: ServiceMatcher,
  evaluated: ServiceOnCluster,
): ComponentDeploymentCard {
  const base = {
    cluster: clusterOf(snapshot),
    warnings: snapshot.warnings,
    ...(snapshot.observedAt ? { observedAt: snapshot.observedAt } : {}),
  };
  if (snapshot.error || !evaluated.matched) {
    return {
      ...base,
      status: 'unknown',
      reasons: [],
      ...(snapshot.error ? { error: snapshot.error } : {}),
      deliveries: [],
      workloads: [],
      modelKits: [],
      commands: [],
    };
  }
  const deliveries = summarizeDeliveries(evaluated.matched);
  const workloads = summarizeWorkloads(evaluated.matched);
  return {
    ...base,
    status: evaluated.health.status,
    reasons: evaluated.health.reasons,
    deliveries,
    workloads,
    modelKits: evaluated.modelKits,
    commands:
      evaluated.health.status === 'not-deployed'
        ? []
        : buildDeploymentCommands({
            selector: matcher.selector,
            deliveries,
            workloads,
          }),
  };
}

/**
 * Where a Component runs: one card per cluster, in the order of the snapshots, and their
 * roll-up.
 *
 * @internal
 */
export function componentDeploymentsView(
  entity: Entity,
  matcher: ServiceMatcher,
  snapshots: ClusterSnapshot[],
  evaluated: ServiceOnCluster[],
): ComponentDeploymentsResponse {
  const clusters = snapshots.map((snapshot, i) =>
    componentCard(snapshot, matcher, evaluated[i]),
  );
  return {
    entity: summarizeEntity(entity),
    selector: matcher.selector,
    rollup: rollUpHealth(
      clusters.map(card => ({ key: card.cluster.name, status: card.status })),
    ),
    clusters,
    generatedAt: new Date().toISOString(),
  };
}
