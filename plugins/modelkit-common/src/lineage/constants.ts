import type { LineageEdgeType } from './types';

/**
 * The default limits of a lineage graph: hops followed in each direction from the root, and
 * the most nodes drawn.
 *
 * @public
 */
export const LINEAGE_DEFAULTS = Object.freeze({
  maxDepth: 4,
  maxNodes: 300,
  /** The largest `maxDepth` a request may ask for. */
  maxDepthLimit: 10,
});

/**
 * Which way data flows along an edge type: `to-from` when the object (`to`) feeds the subject
 * (`from`), as for `trained-on`; `from-to` when the subject feeds the object, as for
 * `served-by`. Draw arrows along the flow for a left-to-right lineage.
 *
 * @public
 */
export function lineageFlow(type: LineageEdgeType): 'from-to' | 'to-from' {
  return type === 'served-by' || type === 'runs-on' ? 'from-to' : 'to-from';
}

/**
 * Short texts for the edge types, as edge labels.
 *
 * @public
 */
export const LINEAGE_EDGE_LABELS: Readonly<Record<LineageEdgeType, string>> =
  Object.freeze({
    'trained-on': 'trained on',
    'fine-tuned-from': 'fine-tuned from',
    'served-by': 'served by',
    'runs-on': 'runs on',
    'built-from-source': 'built from',
  });
