import type { GraphBuilder } from './GraphBuilder';
import { lower, normalizeRepository, versionOf } from './lineageKeys';
import type { LineageInput } from './types';

/**
 * Adds the edges of Kitfile references (a base model in `model.path`, datasets) and the
 * version and digest of the ModelKit whose Kitfile it is. A reference to a repository no
 * ModelKit entity has becomes a missing `oci:` node.
 */
export function kitfileEdges(builder: GraphBuilder, input: LineageInput) {
  for (const kitfile of input.kitfiles ?? []) {
    const from = lower(kitfile.entityRef);
    const node = builder.nodes.get(from);
    if (!node) continue;
    if (kitfile.version && node.version === undefined) {
      node.version = kitfile.version;
    }
    if (kitfile.digest && node.digest === undefined) {
      node.digest = kitfile.digest;
    }
    for (const reference of kitfile.references) {
      const repository =
        normalizeRepository(reference.repository) ??
        lower(reference.repository);
      let to = builder.entityIdByRepository(repository);
      if (!to) {
        to = `oci:${repository}`;
        if (!builder.nodes.has(to)) {
          builder.nodes.set(to, {
            id: to,
            kind: reference.role,
            title: repository,
            repository,
            missing: true,
            ...versionOf(reference),
          });
        }
        builder.warn({
          code: 'missing-reference',
          message: `${reference.field} of the Kitfile of ${kitfile.entityRef} names ${repository}, which no ModelKit in the catalog visible to you has as its repository`,
          field: reference.field,
          nodeIds: [to],
        });
      }
      builder.addEdge(
        {
          from,
          to,
          type: reference.role === 'dataset' ? 'trained-on' : 'fine-tuned-from',
          field: reference.field,
          ...versionOf(reference),
        },
        'kitfile',
      );
    }
  }
}
