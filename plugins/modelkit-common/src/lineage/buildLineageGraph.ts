import { catalogEdges } from './catalogEdges';
import { LINEAGE_DEFAULTS } from './constants';
import { findCycles } from './findCycles';
import { GraphBuilder } from './GraphBuilder';
import { kitfileEdges } from './kitfileEdges';
import { addLineageRoot } from './lineageRoot';
import { compare, entityRefOf, lower } from './lineageKeys';
import { lineageWarnings } from './lineageWarnings';
import {
  refineKind,
  sortLineageEdges,
  sortLineageNodes,
  toLineageEdge,
} from './orderLineage';
import { placementEdges } from './placementEdges';
import { provenanceEdges } from './provenanceEdges';
import type { LineageGraph, LineageInput, LineageNode } from './types';
import { walkLineage } from './walkLineage';

/** A whole number of at least `min`; `fallback` when not given or not finite. */
function clampInteger(
  value: number | undefined,
  fallback: number,
  min: number,
) {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.floor(value));
}

/**
 * Builds the lineage graph around one ModelKit or Component from catalog entities, Kitfile
 * references, SLSA provenance and deployment placements.
 *
 * @remarks
 *
 * The graph holds the root, everything upstream of it (data, base models, sources: what it
 * was built from, transitively) and everything downstream (fine-tunes, the Components serving
 * it, the clusters they run on), at most `maxDepth` hops each way and `maxNodes` nodes in all,
 * nearer nodes first. Each node appears once, so cycles end the walk; they are listed in
 * `cycles` and warned about. References to entities that are not given (not in the catalog,
 * or not visible to the caller) become nodes marked `missing`, with a warning. The output
 * depends only on the input, never on its order.
 *
 * @public
 */
export function buildLineageGraph(input: LineageInput): LineageGraph {
  const maxDepth = clampInteger(input.maxDepth, LINEAGE_DEFAULTS.maxDepth, 0);
  const maxNodes = clampInteger(input.maxNodes, LINEAGE_DEFAULTS.maxNodes, 1);
  const builder = new GraphBuilder();
  const entities = [...input.entities].sort((a, b) =>
    compare(lower(entityRefOf(a)), lower(entityRefOf(b))),
  );
  // ModelKits first, so Components' annotations and relations can find them by repository.
  for (const entity of entities) {
    if (lower(entity.kind) === 'modelkit') builder.addEntity(entity);
  }
  for (const entity of entities) {
    if (lower(entity.kind) === 'component') builder.addEntity(entity);
  }
  catalogEdges(builder, entities);
  kitfileEdges(builder, input);
  provenanceEdges(builder, input);
  placementEdges(builder, input);
  const rootId = addLineageRoot(builder, input.root);

  const walk = walkLineage(builder.edges.values(), rootId, {
    maxDepth,
    maxNodes,
  });
  const { depth, hasMore } = walk;
  const edges = sortLineageEdges(
    [...builder.edges.values()].filter(
      e => depth.has(e.from) && depth.has(e.to),
    ),
  );
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    if (!successors.has(edge.from)) successors.set(edge.from, []);
    successors.get(edge.from)!.push(edge.to);
  }
  const ids = [...depth.keys()].sort(compare);
  const cycles = findCycles(ids, id => successors.get(id) ?? []);

  const nodes: LineageNode[] = ids.map(id => {
    const raw = builder.nodes.get(id)!;
    const { isModelKit: _m, isDataset: _d, kind: _k, ...rest } = raw;
    return {
      ...rest,
      kind: refineKind(raw, edges),
      depth: depth.get(id)!,
      ...(hasMore.has(id) ? { hasMore: true as const } : {}),
    };
  });

  return {
    root: rootId,
    nodes: sortLineageNodes(nodes, rootId),
    edges: edges.map(toLineageEdge),
    truncated: walk.truncated,
    cycles,
    limits: { maxDepth, maxNodes },
    warnings: lineageWarnings(builder, walk, cycles, rootId, {
      maxDepth,
      maxNodes,
    }),
  };
}
