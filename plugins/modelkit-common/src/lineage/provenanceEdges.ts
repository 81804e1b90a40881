import type { GraphBuilder } from './GraphBuilder';
import { lower } from './lineageKeys';
import type { LineageInput } from './types';

/**
 * Adds a `source:` node and a `built-from-source` edge for each SLSA provenance; only
 * verified provenance marks them verified.
 */
export function provenanceEdges(builder: GraphBuilder, input: LineageInput) {
  for (const provenance of input.provenance ?? []) {
    const from = lower(provenance.entityRef);
    if (!builder.nodes.has(from)) continue;
    const repository = provenance.sourceRepository.trim();
    if (!repository) continue;
    const commit = provenance.sourceCommit?.trim() || undefined;
    const id = `source:${repository}${commit ? `@${commit}` : ''}`;
    const verified = provenance.verification === 'verified';
    const existing = builder.nodes.get(id);
    if (!existing) {
      builder.nodes.set(id, {
        id,
        kind: 'source',
        title: repository.replace(/^[a-z+]+:\/\//i, '').replace(/\.git$/, ''),
        ...(commit ? { version: commit } : {}),
        ...(/^https?:\/\//i.test(repository) ? { url: repository } : {}),
        verified,
      });
    } else if (verified) {
      existing.verified = true;
    }
    builder.addEdge(
      {
        from,
        to: id,
        type: 'built-from-source',
        ...(commit ? { version: commit } : {}),
        verified,
        verification: provenance.verification,
      },
      'provenance',
    );
  }
}
