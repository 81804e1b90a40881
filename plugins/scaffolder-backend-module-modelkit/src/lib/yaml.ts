import { Document } from 'yaml';

/**
 * Serialises objects to YAML for the files the actions write.
 *
 * - YAML 1.1 quoting: strings that a YAML 1.1 reader (Kubernetes' sigs.k8s.io/yaml, older Go
 *   readers) would turn into booleans, numbers or dates (`yes`, `on`, `0x1F`, `2001-12-14`)
 *   are quoted, so every value keeps its type in every consumer.
 * - No anchors or aliases, even when one object is used twice.
 * - No line folding, so long values survive tools that handle folded scalars poorly.
 * - Each document starts with `---`, and may carry a leading comment.
 *
 * @internal
 */
export function toYaml(value: unknown, comment?: string): string {
  const doc = new Document(value, {
    version: '1.1',
    aliasDuplicateObjects: false,
  });
  if (comment) {
    doc.commentBefore = comment
      .split('\n')
      .map(line => (line ? ` ${line}` : ''))
      .join('\n');
  }
  return `---\n${doc.toString({ lineWidth: 0, indentSeq: true })}`;
}

/**
 * Serialises several objects as a multi-document YAML stream.
 *
 * @internal
 */
export function toYamlStream(values: unknown[], comment?: string): string {
  return values
    .map((value, index) => toYaml(value, index === 0 ? comment : undefined))
    .join('');
}
