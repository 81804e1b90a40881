/**
 * The model cards of the demo ModelKits, written as people write them for the Hugging Face Hub:
 * YAML front matter (license, base model, datasets, `model-index` results), then
 * GitHub-flavoured Markdown with tables, task lists and strikethrough.
 */
import { text } from './files';

/**
 * Hugging Face model card metadata, written as the YAML front matter of a model card
 * (https://huggingface.co/docs/hub/model-cards#model-card-metadata).
 */
export interface CardMetadata {
  license: string;
  baseModel?: string;
  datasets: string[];
  tags: string[];
  library: string;
  modelName: string;
  dataset: { name: string; type: string };
  metrics: Record<string, string>;
}

function frontMatter(meta: CardMetadata): string[] {
  return [
    '---',
    `license: ${meta.license}`,
    ...(meta.baseModel ? [`base_model: ${meta.baseModel}`] : []),
    'datasets:',
    ...meta.datasets.map(d => `  - ${d}`),
    'language:',
    '  - en',
    'tags:',
    ...meta.tags.map(t => `  - ${t}`),
    'pipeline_tag: text-classification',
    `library_name: ${meta.library}`,
    'model-index:',
    `  - name: ${meta.modelName}`,
    '    results:',
    '      - task:',
    '          type: text-classification',
    '          name: Text Classification',
    '        dataset:',
    `          name: ${meta.dataset.name}`,
    `          type: ${meta.dataset.type}`,
    '          split: test',
    '        metrics:',
    ...Object.entries(meta.metrics).flatMap(([k, v]) => [
      `          - type: ${k}`,
      `            value: ${v}`,
    ]),
    '---',
  ];
}

export function modelCard(options: {
  title: string;
  version: string;
  summary: string;
  details: string[];
  lineage?: string[];
  metrics?: Record<string, string>;
  meta?: CardMetadata;
  checklist?: Array<[boolean, string]>;
}): Buffer {
  const lines = [
    ...(options.meta ? frontMatter(options.meta) : []),
    `# ${options.title} ${options.version}`,
    '',
    options.summary,
    '',
    '## Details',
    '',
    ...options.details.map(d => `- ${d}`),
  ];
  if (options.lineage?.length) {
    lines.push('', '## Lineage', '', ...options.lineage.map(l => `- ${l}`));
  }
  if (options.metrics) {
    lines.push(
      '',
      '## Evaluation',
      '',
      '| Metric | Value |',
      '| ------ | ----- |',
      ...Object.entries(options.metrics).map(([k, v]) => `| ${k} | ${v} |`),
    );
  }
  if (options.checklist) {
    lines.push(
      '',
      '## Release checklist',
      '',
      ...options.checklist.map(
        ([done, item]) => `- [${done ? 'x' : ' '}] ${item}`,
      ),
    );
  }
  lines.push(
    '',
    'This is demo content for Kitstage: the files are tiny but real, and the numbers are',
    'made up.',
    '',
  );
  return text(lines.join('\n'));
}
