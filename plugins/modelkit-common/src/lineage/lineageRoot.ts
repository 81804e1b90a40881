import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { GraphBuilder } from './GraphBuilder';
import { lower } from './lineageKeys';

/**
 * The node id of the lineage root. A root that is not among the given entities becomes a
 * missing node, and one that is not an entity reference an `invalid:` node, each with a
 * warning.
 */
export function addLineageRoot(builder: GraphBuilder, root: string): string {
  try {
    const parsed = parseEntityRef(root, {
      defaultKind: 'ModelKit',
      defaultNamespace: 'default',
    });
    const entityRef = stringifyEntityRef(parsed);
    const rootId = lower(entityRef);
    if (!builder.nodes.has(rootId)) {
      builder.nodes.set(rootId, {
        id: rootId,
        entityRef,
        title: parsed.name,
        kind: lower(parsed.kind) === 'component' ? 'component' : 'modelkit',
        missing: true,
      });
      builder.warn({
        code: 'missing-reference',
        message: `${entityRef} is not in the catalog or not visible to you`,
        nodeIds: [rootId],
      });
    }
    return rootId;
  } catch {
    const rootId = `invalid:${root}`;
    builder.nodes.set(rootId, {
      id: rootId,
      title: root,
      kind: 'modelkit',
      missing: true,
    });
    builder.warn({
      code: 'invalid-reference',
      message: `The lineage root is not an entity reference: ${JSON.stringify(
        root,
      )}`,
      nodeIds: [rootId],
    });
    return rootId;
  }
}
