import type { GraphBuilder } from './GraphBuilder';
import { compare } from './lineageKeys';
import type { LineageWalk } from './walkLineage';
import type { LineageWarning } from './types';

/**
 * The warnings of a graph: those about the nodes the walk took in (warnings about nodes it
 * left out are dropped: they are not drawn), then one per cycle, then the depth or node limit
 * reached.
 */
export function lineageWarnings(
  builder: GraphBuilder,
  walk: LineageWalk,
  cycles: readonly string[][],
  rootId: string,
  limits: { maxDepth: number; maxNodes: number },
): LineageWarning[] {
  const { hasMore, truncated } = walk;
  const included = (id: string) => walk.depth.has(id);
  const title = (id: string) => builder.nodes.get(id)!.title;
  const warnings = builder.warnings.filter(
    w => !w.nodeIds || w.nodeIds.some(included),
  );
  for (const cycle of cycles) {
    warnings.push({
      code: 'cycle',
      message:
        cycle.length === 1
          ? `${title(cycle[0])} references itself`
          : `These reference each other in a cycle: ${cycle
              .map(title)
              .join(', ')}`,
      nodeIds: cycle,
    });
  }
  if (hasMore.size > 0 && !truncated) {
    warnings.push({
      code: 'depth-limit',
      message: `The lineage goes on beyond ${limits.maxDepth} hops from ${title(
        rootId,
      )}; open a node marked as having more to follow it`,
      nodeIds: [...hasMore].sort(compare),
    });
  }
  if (truncated) {
    warnings.push({
      code: 'node-limit',
      message: `The lineage has more than ${limits.maxNodes} nodes; the farthest were left out`,
      nodeIds: [...hasMore].sort(compare),
    });
  }
  return warnings;
}
