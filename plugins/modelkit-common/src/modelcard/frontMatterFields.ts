import type { ModelCardFrontMatter, ModelCardResult } from './types';

type Plain = Record<string, unknown>;

function isMapping(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/**
 * Reads the Hugging Face keys of a front matter mapping; a key of the wrong type is left out
 * and named in `problems` (without a trailing period).
 *
 * @internal
 */
export function frontMatterFields(
  value: Plain,
  maxResults: number,
): { frontMatter: ModelCardFrontMatter; problems: string[] } {
  const problems: string[] = [];

  const text = (key: string): string | undefined => {
    if (value[key] === undefined || value[key] === null) return undefined;
    const result = scalarText(value[key]);
    if (result === undefined) problems.push(`key ${key} is not a text`);
    return result;
  };
  const list = (key: string): string[] => {
    const raw = value[key];
    if (raw === undefined || raw === null) return [];
    const items = Array.isArray(raw) ? raw : [raw];
    const texts = items.map(scalarText);
    if (texts.some(t => t === undefined)) {
      problems.push(`key ${key} is not a text or a list of texts`);
    }
    return texts.filter((t): t is string => t !== undefined);
  };

  let license = text('license');
  const licenseName = text('license_name');
  if (license?.toLowerCase() === 'other' && licenseName) {
    license = licenseName;
  }

  const modelNames: string[] = [];
  const results: ModelCardResult[] = [];
  const index = value['model-index'];
  if (index !== undefined && index !== null) {
    if (!Array.isArray(index)) {
      problems.push('key model-index is not a list');
    } else {
      index.forEach((entry, i) => {
        const where = `model-index[${i}]`;
        if (!isMapping(entry)) {
          problems.push(`entry ${where} is not a mapping`);
          return;
        }
        const model = scalarText(entry.name);
        if (model) modelNames.push(model);
        const entryResults = entry.results ?? [];
        if (!Array.isArray(entryResults)) {
          problems.push(`key ${where}.results is not a list`);
          return;
        }
        entryResults.forEach((result, j) => {
          const at = `${where}.results[${j}]`;
          if (!isMapping(result) || !Array.isArray(result.metrics)) {
            problems.push(`entry ${at} has no list of metrics`);
            return;
          }
          const task = isMapping(result.task) ? result.task : {};
          const dataset = isMapping(result.dataset) ? result.dataset : {};
          result.metrics.forEach((metric, k) => {
            const metricName = isMapping(metric)
              ? scalarText(metric.name) ?? scalarText(metric.type)
              : undefined;
            const metricValue = isMapping(metric)
              ? scalarText(metric.value)
              : undefined;
            if (!metricName || metricValue === undefined) {
              problems.push(
                `entry ${at}.metrics[${k}] needs a type or name and a value`,
              );
              return;
            }
            if (results.length >= maxResults) return;
            results.push({
              model,
              task: scalarText(task.name) ?? scalarText(task.type),
              dataset: scalarText(dataset.name) ?? scalarText(dataset.type),
              split: scalarText(dataset.split),
              metric: metricName,
              value: metricValue,
              ...((metric as Plain).verified === true && { verified: true }),
            });
          });
        });
      });
    }
  }
  const total = countMetrics(index);
  if (total > maxResults) {
    problems.push(
      `key model-index has ${total} metrics; the first ${maxResults} are shown`,
    );
  }

  return {
    frontMatter: {
      license,
      datasets: list('datasets'),
      baseModels: list('base_model'),
      languages: list('language'),
      tags: list('tags'),
      pipelineTag: text('pipeline_tag'),
      libraryName: text('library_name'),
      modelNames,
      results,
    },
    problems,
  };
}

function countMetrics(index: unknown): number {
  if (!Array.isArray(index)) return 0;
  let count = 0;
  for (const entry of index) {
    if (!isMapping(entry) || !Array.isArray(entry.results)) continue;
    for (const result of entry.results) {
      if (isMapping(result) && Array.isArray(result.metrics)) {
        count += result.metrics.length;
      }
    }
  }
  return count;
}
