import type { RawEdge } from './GraphBuilder';
import { compare } from './lineageKeys';
import type { LineageEdgeType } from './types';

/** Edge types whose object (`to`) is upstream of the subject (`from`). */
const UPSTREAM_OBJECT: ReadonlySet<LineageEdgeType> = new Set([
  'trained-on',
  'fine-tuned-from',
  'built-from-source',
]);

/** What a walk from the root reached. */
export interface LineageWalk {
  /** The nodes reached, each with its hops from the root: negative upstream, 0 for the root. */
  depth: Map<string, number>;
  /** The nodes whose lineage goes on beyond what the walk took in. */
  hasMore: Set<string>;
  /** True when the node cap stopped the walk. */
  truncated: boolean;
}

/**
 * Walks from the root upstream and downstream at once, a level at a time, at most `maxDepth`
 * hops each way and `maxNodes` nodes in all. Neighbours are taken in id order, so the result
 * depends only on the edges.
 */
export function walkLineage(
  edges: Iterable<RawEdge>,
  rootId: string,
  limits: { maxDepth: number; maxNodes: number },
): LineageWalk {
  const { maxDepth, maxNodes } = limits;
  // Neighbours in each direction, sorted, so the walk is deterministic.
  const upstream = new Map<string, Set<string>>();
  const downstream = new Map<string, Set<string>>();
  const link = (map: Map<string, Set<string>>, a: string, b: string) => {
    if (!map.has(a)) map.set(a, new Set());
    map.get(a)!.add(b);
  };
  for (const edge of edges) {
    const [consumer, producer] = UPSTREAM_OBJECT.has(edge.type)
      ? [edge.from, edge.to]
      : [edge.to, edge.from];
    link(upstream, consumer, producer);
    link(downstream, producer, consumer);
  }
  const neighbours = (map: Map<string, Set<string>>, id: string) =>
    [...(map.get(id) ?? [])].sort(compare);

  const depth = new Map<string, number>([[rootId, 0]]);
  const hasMore = new Set<string>();
  let truncated = false;
  let frontiers: Array<{ sign: 1 | -1; map: typeof upstream; ids: string[] }> =
    [
      { sign: -1, map: upstream, ids: [rootId] },
      { sign: 1, map: downstream, ids: [rootId] },
    ];
  for (let level = 1; frontiers.some(f => f.ids.length > 0); level++) {
    const next: typeof frontiers = [];
    for (const frontier of frontiers) {
      const found: string[] = [];
      const seen = new Set<string>();
      for (const id of frontier.ids) {
        const candidates = neighbours(frontier.map, id).filter(
          n => !depth.has(n) && !seen.has(n),
        );
        if (candidates.length === 0) continue;
        if (level > maxDepth) {
          hasMore.add(id);
          continue;
        }
        for (const candidate of candidates) {
          if (depth.size + found.length >= maxNodes) {
            truncated = true;
            hasMore.add(id);
            break;
          }
          found.push(candidate);
          seen.add(candidate);
        }
      }
      for (const id of found) depth.set(id, frontier.sign * level);
      next.push({ ...frontier, ids: found.sort(compare) });
    }
    frontiers = next;
  }
  return { depth, hasMore, truncated };
}
