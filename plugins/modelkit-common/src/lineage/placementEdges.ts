import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { GraphBuilder } from './GraphBuilder';
import { lower, normalizeRepository, versionOf } from './lineageKeys';
import type { LineageInput } from './types';

/**
 * Adds the edges of what runs on the clusters: a Component `runs-on` its cluster and the
 * ModelKits it runs are `served-by` it; a ModelKit run by no Component `runs-on` the cluster
 * itself.
 */
export function placementEdges(builder: GraphBuilder, input: LineageInput) {
  for (const placement of input.placements ?? []) {
    const clusterId = `cluster:${placement.cluster.name}`;
    if (!builder.nodes.has(clusterId)) {
      builder.nodes.set(clusterId, {
        id: clusterId,
        kind: 'cluster',
        title: placement.cluster.title || placement.cluster.name,
        ...(placement.cluster.dashboardUrl &&
        /^https?:\/\//i.test(placement.cluster.dashboardUrl)
          ? { url: placement.cluster.dashboardUrl }
          : {}),
      });
    }
    const modelKits = placement.modelKits.flatMap(running => {
      const repository =
        normalizeRepository(running.repository) ?? lower(running.repository);
      const id = builder.entityIdByRepository(repository);
      return id ? [{ id, running }] : [];
    });
    let componentId: string | undefined;
    if (placement.component) {
      try {
        const parsed = parseEntityRef(placement.component, {
          defaultKind: 'Component',
          defaultNamespace: 'default',
        });
        const entityRef = stringifyEntityRef(parsed);
        componentId = lower(entityRef);
        if (!builder.nodes.has(componentId)) {
          builder.nodes.set(componentId, {
            id: componentId,
            entityRef,
            kind: 'component',
            title: placement.componentTitle || parsed.name,
          });
        }
      } catch {
        componentId = undefined;
      }
    }
    if (componentId) {
      builder.addEdge(
        {
          from: componentId,
          to: clusterId,
          type: 'runs-on',
          ...(placement.status ? { status: placement.status } : {}),
        },
        'deployment',
      );
      for (const { id, running } of modelKits) {
        builder.addEdge(
          {
            from: id,
            to: componentId,
            type: 'served-by',
            ...versionOf(running),
          },
          'deployment',
        );
      }
    } else {
      for (const { id, running } of modelKits) {
        builder.addEdge(
          {
            from: id,
            to: clusterId,
            type: 'runs-on',
            ...versionOf(running),
            ...(placement.status ? { status: placement.status } : {}),
          },
          'deployment',
        );
      }
    }
  }
}
