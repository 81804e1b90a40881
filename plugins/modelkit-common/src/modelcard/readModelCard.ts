import { parseDocument } from 'yaml';
import { formatFieldPath } from '../kitfile/fieldPath';
import { findExcessiveFlowNesting } from '../kitfile/flowDepth';
import { textPosition } from '../kitfile/textPosition';
import { yamlToValue } from '../kitfile/yamlToValue';
import { frontMatterFields } from './frontMatterFields';
import type { ModelCardDocument, ModelCardFrontMatterLimits } from './types';

const DEFAULT_LIMITS: Required<ModelCardFrontMatterLimits> = {
  maxLength: 64 * 1024,
  maxDepth: 16,
  maxNodes: 10_000,
  maxResults: 200,
};

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/**
 * Splits a model card into its YAML front matter and its Markdown body, and reads the front
 * matter's Hugging Face keys (`license`, `datasets`, `base_model`, `language`, `tags`,
 * `pipeline_tag`, `library_name`, `model-index`).
 *
 * @remarks
 * The front matter is the text between a first line `---` and the next line `---` (or `...`).
 * It is read as one YAML 1.2 document with the core schema (no custom tags, no merge keys,
 * unique keys), with bounded length, depth and alias expansion. Invalid front matter, a key of
 * the wrong type and exceeded limits become `problems`; the body is returned regardless, so the
 * card still renders. A card without front matter is all body.
 *
 * @param markdown - The model card text (untrusted).
 * @param limits - Bounds on the front matter; see {@link ModelCardFrontMatterLimits}.
 * @public
 */
export function readModelCard(
  markdown: string,
  limits?: ModelCardFrontMatterLimits,
): ModelCardDocument {
  const bounds = { ...DEFAULT_LIMITS, ...definedOnly(limits) };
  const text = markdown.startsWith('\uFEFF') ? markdown.slice(1) : markdown;
  const opening = OPENING.exec(text);
  if (!opening) {
    return { body: markdown, problems: [] };
  }
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return {
      body: markdown,
      problems: [
        'The front matter that starts on line 1 has no closing --- line, so the card is shown as written.',
      ],
    };
  }
  const yaml = rest.slice(0, closing.index);
  const body = rest
    .slice(closing.index + closing[0].length)
    .replace(/^\r?\n/, '');
  // Positions in messages count from the card's first line, the opening ---.
  const lineOffset = 1;
  const problem = (message: string, offset?: number) => {
    if (offset === undefined) return `The front matter ${message}.`;
    const { line, column } = textPosition(yaml, offset);
    return `The front matter ${message} (line ${
      line + lineOffset
    }, column ${column}).`;
  };

  if (yaml.length > bounds.maxLength) {
    return {
      body,
      problems: [
        problem(
          `is ${yaml.length} characters long; the limit is ${bounds.maxLength}, so it was not read`,
        ),
      ],
    };
  }
  const tooDeep = findExcessiveFlowNesting(yaml, bounds.maxDepth * 4);
  if (tooDeep !== undefined) {
    return { body, problems: [problem('nests too deeply', tooDeep)] };
  }
  const doc = parseDocument(yaml, {
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
    version: '1.2',
    schema: 'core',
  });
  if (doc.errors.length > 0) {
    return {
      body,
      problems: doc.errors.map(error =>
        problem(`is not valid YAML: ${error.message}`, error.pos[0]),
      ),
    };
  }
  const converted = yamlToValue(doc, {
    maxDepth: bounds.maxDepth,
    maxNodes: bounds.maxNodes,
    keepScalarText: false,
  });
  if (converted.issues.length > 0 || converted.value === undefined) {
    return {
      body,
      problems: converted.issues.map(issue =>
        problem(
          `${issue.path.length ? `at ${formatFieldPath(issue.path)} ` : ''}${
            issue.message
          }`,
          issue.offset,
        ),
      ),
    };
  }
  if (converted.value === null) {
    return { body, problems: [] };
  }
  if (typeof converted.value !== 'object' || Array.isArray(converted.value)) {
    return {
      body,
      problems: [problem('is not a mapping of keys to values')],
    };
  }
  const fields = frontMatterFields(
    converted.value as Record<string, unknown>,
    bounds.maxResults,
  );
  return {
    body,
    frontMatter: fields.frontMatter,
    problems: fields.problems.map(p => problem(p)),
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
