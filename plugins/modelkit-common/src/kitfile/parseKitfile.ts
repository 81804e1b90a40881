import { parseDocument, YAMLError } from 'yaml';
import { formatFieldPath, pathKey, PathSegment } from './fieldPath';
import { findExcessiveFlowNesting } from './flowDepth';
import { InvalidKitfileError, KitfileIssue } from './InvalidKitfileError';
import { KitfileLimits, resolveLimits } from './limits';
import { copyPlainValue, RawIssue } from './plainValue';
import { textPosition } from './textPosition';
import { Kitfile } from './types';
import { checkKitfileValue } from './validateKitfile';
import { Span, yamlToValue } from './yamlToValue';

/**
 * Options for {@link parseKitfile}.
 *
 * @public
 */
export interface ParseKitfileOptions {
  /**
   * The text's format. By default, text whose first non-blank character is `{` and that is valid
   * JSON is read as JSON (a ModelKit config blob); anything else as YAML (a `Kitfile`).
   */
  format?: 'yaml' | 'json';
  /**
   * Whether to require what the Kitfile format documents as required (default `true`): a
   * supported `manifestVersion`, and a `path` on the model, each model part and each code,
   * dataset, docs and prompts entry (which also catches misspellings such as `paht`).
   *
   * With `false`, two omissions the KitOps CLI tolerates are accepted too: a missing or empty
   * `manifestVersion` reads as `""`, and a missing `path` (which `kit` reads as the Kitfile's own
   * directory) stays missing. Use it for ModelKits read from registries. A `manifestVersion` that
   * is present must still be a supported one, and the document must have at least one of the
   * sections `package`, `model`, `code`, `datasets`, `docs` and `prompts`: one with none of them
   * (such as an OCI image config) is refused as not a Kitfile, naming the keys it has instead.
   */
  strict?: boolean;
  /** Bounds on the document's size; see {@link KitfileLimits}. */
  limits?: KitfileLimits;
}

/**
 * Parses and validates a Kitfile from YAML (a project's `Kitfile`) or JSON (a ModelKit's config
 * blob, media type `application/vnd.kitops.modelkit.config.v1+json`).
 *
 * @remarks
 * Values are read as the KitOps CLI reads them: a number or boolean written in YAML where a
 * string is expected becomes the text written (`version: 1.0` is `"1.0"`), and known fields set to
 * `null` are left out. Unknown fields are kept, in their written order. Duplicate keys, several
 * YAML documents in one text, YAML merge keys' special meaning, values JSON cannot hold, and
 * documents beyond the {@link KitfileLimits} are refused. Comments are not kept.
 *
 * @param text - The Kitfile text.
 * @param options - Format, strictness and limits.
 * @returns The Kitfile.
 * @throws {@link InvalidKitfileError} listing every problem with its field path, line and column.
 * @public
 */
export function parseKitfile(
  text: string,
  options?: ParseKitfileOptions,
): Kitfile {
  const limits = resolveLimits(options?.limits);
  const strict = options?.strict ?? true;
  if (typeof text !== 'string') {
    throw rootError(`expected text, got ${typeof text}`);
  }
  if (text.length > limits.maxLength) {
    throw rootError(
      `the text is ${text.length} characters long; the limit is ${limits.maxLength}`,
    );
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const locate = (issue: RawIssue): KitfileIssue => ({
    path: formatFieldPath(issue.path),
    message: issue.message,
    ...(issue.offset === undefined ? {} : textPosition(source, issue.offset)),
  });

  const tooDeep = findExcessiveFlowNesting(
    source,
    Math.max(256, limits.maxDepth * 4),
  );
  if (tooDeep !== undefined) {
    throw new InvalidKitfileError([
      locate({
        path: [],
        offset: tooDeep,
        message: 'flow collections nest too deeply',
      }),
    ]);
  }

  const format = options?.format ?? detectFormat(source);
  let jsonValue: unknown;
  if (format === 'json') {
    try {
      jsonValue = JSON.parse(source);
    } catch (error) {
      throw new InvalidKitfileError([jsonSyntaxIssue(source, error)]);
    }
  }

  // JSON text goes through the YAML parser too, for positions and duplicate keys (which
  // JSON.parse silently accepts). The core schema reads JSON exactly as JSON.parse does.
  const doc = parseDocument(source, {
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
    version: '1.2',
    schema: 'core',
  });
  const duplicateKeys = doc.errors.filter(e => e.code === 'DUPLICATE_KEY');
  const errors = format === 'yaml' ? doc.errors : duplicateKeys;
  if (errors.length > 0) {
    throw new InvalidKitfileError(
      describeYamlErrors(doc, errors, limits).map(locate),
    );
  }
  if (format === 'json' && doc.errors.length > 0) {
    // Valid JSON the YAML parser cannot read (such as a key over 1024 characters): check the
    // JSON value, without positions.
    const copied = copyPlainValue(jsonValue, limits);
    if (copied.issues.length > 0) {
      throw new InvalidKitfileError(copied.issues.map(locate));
    }
    return checkKitfileValue(copied.value, strict, () => undefined);
  }

  const converted = yamlToValue(doc, {
    ...limits,
    keepScalarText: format === 'yaml',
  });
  if (converted.issues.length > 0) {
    throw new InvalidKitfileError(converted.issues.map(locate));
  }
  if (converted.value === null || converted.value === undefined) {
    throw rootError('the Kitfile is empty');
  }
  const offsets = new Map<string, number>();
  for (const span of converted.spans) {
    offsets.set(pathKey(span.path), span.start);
  }
  return checkKitfileValue(converted.value, strict, path => {
    for (let length = path.length; length >= 0; length--) {
      const offset = offsets.get(pathKey(path.slice(0, length)));
      if (offset !== undefined) {
        return textPosition(source, offset);
      }
    }
    return undefined;
  });
}

function rootError(message: string): InvalidKitfileError {
  return new InvalidKitfileError([{ path: formatFieldPath([]), message }]);
}

function detectFormat(text: string): 'yaml' | 'json' {
  if (text.trimStart().startsWith('{')) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      return 'yaml';
    }
  }
  return 'yaml';
}

function describeYamlErrors(
  doc: ReturnType<typeof parseDocument>,
  errors: YAMLError[],
  limits: Required<KitfileLimits>,
): RawIssue[] {
  let spans: Span[] = [];
  try {
    spans = yamlToValue(doc, { ...limits, keepScalarText: false }).spans;
  } catch {
    // Positions are a courtesy; a document broken enough to defeat them is reported at the root.
  }
  return errors.map(error => {
    const offset = error.pos[0];
    if (error.code === 'MULTIPLE_DOCS') {
      return {
        path: [],
        offset,
        message:
          'the text holds more than one YAML document; a Kitfile is a single document',
      };
    }
    const path = pathAtOffset(spans, offset);
    if (error.code === 'DUPLICATE_KEY' && path.length > 0) {
      const key = JSON.stringify(String(path[path.length - 1]));
      return { path, offset, message: `the key ${key} appears more than once` };
    }
    return { path, offset, message: `invalid YAML: ${error.message}` };
  });
}

function pathAtOffset(spans: Span[], offset: number): PathSegment[] {
  let best: PathSegment[] = [];
  for (const span of spans) {
    if (
      span.start <= offset &&
      offset <= span.end &&
      span.path.length >= best.length
    ) {
      best = span.path;
    }
  }
  return best;
}

function jsonSyntaxIssue(source: string, error: unknown): KitfileIssue {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  return {
    path: formatFieldPath([]),
    message: `invalid JSON: ${message}`,
    ...(position ? textPosition(source, Number(position[1])) : {}),
  };
}
