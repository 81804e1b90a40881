/**
 * PromQL building for the live metrics: every value that comes from a cluster or the catalog
 * (ModelKit names, digests) enters a query only as an escaped string literal, and every name
 * that comes from config is checked against Prometheus's grammar.
 */

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// A Prometheus duration: one or more number-unit pairs, largest unit first (`1h30m`).
const DURATION = /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

/** The placeholders a query template may use. */
export const PLACEHOLDERS = ['selector', 'window', 'quantile'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * Quotes a value as a PromQL double-quoted string literal. Backslash and double quote are
 * escaped, and control characters are written as `\u` escapes, so no value can end the
 * string or add a matcher.
 *
 * @internal
 */
export function quotePromQLString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** @internal */
export function isMetricName(value: string): boolean {
  return METRIC_NAME.test(value);
}

/** @internal */
export function isLabelName(value: string): boolean {
  return LABEL_NAME.test(value) && !value.startsWith('__');
}

/** @internal */
export function isPromDuration(value: string): boolean {
  return value !== '' && DURATION.test(value) && /[1-9]/.test(value);
}

/**
 * Escapes a value for a RE2 regular expression so that it matches only itself.
 *
 * @internal
 */
export function escapePromRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * A label matcher for one of a few exact values: `label="a"` for one value, and
 * `label=~"a|b"` (each value regex-escaped; Prometheus anchors the whole regex) for several.
 *
 * @internal
 */
export function labelMatcher(label: string, values: readonly string[]): string {
  if (!isLabelName(label)) {
    throw new TypeError(
      `${JSON.stringify(label)} is not a Prometheus label name`,
    );
  }
  const distinct = [...new Set(values)].sort();
  if (distinct.length === 0) {
    throw new TypeError(`label ${label} needs at least one value`);
  }
  if (distinct.length === 1) {
    return `${label}=${quotePromQLString(distinct[0])}`;
  }
  return `${label}=~${quotePromQLString(
    distinct.map(escapePromRegex).join('|'),
  )}`;
}

/**
 * The label matchers that select one ModelKit version, e.g. `modelkit="name@sha256:…"`,
 * followed by the matchers of where it runs (`cluster="prod-eu",namespace="nlp"`), so that
 * another workload running the same digest elsewhere is not selected.
 *
 * @internal
 */
export function modelKitSelector(
  label: string,
  value: string,
  where: ReadonlyArray<{ label: string; values: readonly string[] }> = [],
): string {
  return [
    labelMatcher(label, [value]),
    ...where.map(m => labelMatcher(m.label, m.values)),
  ].join(',');
}

/**
 * Checks a query template: it must name `{{selector}}` (and `{{quantile}}` when `quantile`
 * is required) and no other placeholder. Returns a sentence naming the problem, or
 * undefined.
 *
 * @internal
 */
export function checkTemplate(
  template: string,
  required: readonly Placeholder[],
): string | undefined {
  const used = [...template.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map(
    m => m[1],
  );
  const unknown = used.filter(
    name => !(PLACEHOLDERS as readonly string[]).includes(name),
  );
  if (unknown.length) {
    return `uses unknown placeholders ${unknown
      .map(n => `{{${n}}}`)
      .join(', ')}; the known ones are ${PLACEHOLDERS.map(p => `{{${p}}}`).join(
      ', ',
    )}`;
  }
  const missing = required.filter(name => !template.includes(`{{${name}}}`));
  if (missing.length) {
    return `must contain ${missing.map(n => `{{${n}}}`).join(' and ')}`;
  }
  return undefined;
}

/**
 * Fills a template's placeholders. The selector is built by {@link modelKitSelector}; the
 * window and quantile are checked here, so nothing unchecked is pasted.
 *
 * @internal
 */
export function fillTemplate(
  template: string,
  values: { selector: string; window: string; quantile?: number },
): string {
  if (!isPromDuration(values.window)) {
    throw new TypeError(
      `${JSON.stringify(values.window)} is not a Prometheus duration`,
    );
  }
  let out = template
    .split('{{selector}}')
    .join(values.selector)
    .split('{{window}}')
    .join(values.window);
  if (template.includes('{{quantile}}')) {
    const q = values.quantile;
    if (q === undefined || !Number.isFinite(q) || q < 0 || q > 1) {
      throw new TypeError(`quantile must be a number from 0 to 1, got ${q}`);
    }
    out = out.split('{{quantile}}').join(String(q));
  }
  return out;
}

/**
 * The default query templates, from the configured metric names.
 *
 * @internal
 */
export function defaultTemplates(metrics: {
  requests: string;
  errors: string;
  latencyHistogram: string;
}): { requestRate: string; errorRatio: string; latencyQuantile: string } {
  for (const [key, name] of Object.entries(metrics)) {
    if (!isMetricName(name)) {
      throw new TypeError(
        `metric name ${key} ${JSON.stringify(
          name,
        )} is not a Prometheus metric name`,
      );
    }
  }
  const rate = (metric: string) => `rate(${metric}{{{selector}}}[{{window}}])`;
  return {
    requestRate: `sum(${rate(metrics.requests)})`,
    errorRatio: `(sum(${rate(metrics.errors)}) or vector(0)) / sum(${rate(
      metrics.requests,
    )})`,
    latencyQuantile: `histogram_quantile({{quantile}}, sum by (le) (${rate(
      `${metrics.latencyHistogram}_bucket`,
    )}))`,
  };
}

/**
 * The value of the ModelKit label for a version: `name@digest` (the guide's convention, the
 * name being the last path segment of the OCI repository) or the digest alone.
 *
 * @internal
 */
export function modelKitLabelValue(
  format: 'name@digest' | 'digest',
  repository: string,
  digest: string,
): string {
  if (format === 'digest') return digest;
  const name = repository.split('/').pop() ?? repository;
  return `${name}@${digest}`;
}
