import {
  checkTemplate,
  escapePromRegex,
  labelMatcher,
  defaultTemplates,
  fillTemplate,
  isPromDuration,
  modelKitLabelValue,
  modelKitSelector,
  quotePromQLString,
} from './promql';

describe('quotePromQLString', () => {
  it('quotes plain values unchanged', () => {
    expect(quotePromQLString('support-sentiment@sha256:abc')).toBe(
      '"support-sentiment@sha256:abc"',
    );
  });

  it('escapes backslashes and quotes so a value cannot end the string', () => {
    expect(quotePromQLString('a"} or vector(1) #')).toBe(
      '"a\\"} or vector(1) #"',
    );
    expect(quotePromQLString('x\\"')).toBe('"x\\\\\\""');
  });

  it('writes control characters as escapes', () => {
    expect(quotePromQLString('a\nb\rc\td\u0000e\u007f')).toBe(
      '"a\\nb\\rc\\td\\u0000e\\u007f"',
    );
  });

  it('keeps non-ASCII text', () => {
    expect(quotePromQLString('modèle')).toBe('"modèle"');
  });
});

describe('modelKitSelector', () => {
  it('builds an equality matcher on the label', () => {
    expect(modelKitSelector('modelkit', 'm@sha256:00')).toBe(
      'modelkit="m@sha256:00"',
    );
  });

  it('escapes a hostile value', () => {
    expect(modelKitSelector('modelkit', 'x",job=~".+')).toBe(
      'modelkit="x\\",job=~\\".+"',
    );
  });

  it('refuses a label name outside the grammar', () => {
    expect(() => modelKitSelector('model-kit', 'x')).toThrow(
      /not a Prometheus label name/,
    );
    expect(() => modelKitSelector('__name__', 'x')).toThrow();
  });
});

describe('templates', () => {
  const templates = defaultTemplates({
    requests: 'modelkit_requests_total',
    errors: 'modelkit_request_errors_total',
    latencyHistogram: 'modelkit_request_duration_seconds',
  });
  const selector = modelKitSelector('modelkit', 'm@sha256:ab');

  it('builds the request rate query', () => {
    expect(
      fillTemplate(templates.requestRate, { selector, window: '5m' }),
    ).toBe('sum(rate(modelkit_requests_total{modelkit="m@sha256:ab"}[5m]))');
  });

  it('builds the error ratio with zero errors when there is no error series', () => {
    expect(fillTemplate(templates.errorRatio, { selector, window: '1m' })).toBe(
      '(sum(rate(modelkit_request_errors_total{modelkit="m@sha256:ab"}[1m])) or vector(0)) / sum(rate(modelkit_requests_total{modelkit="m@sha256:ab"}[1m]))',
    );
  });

  it('builds a latency quantile over the histogram buckets', () => {
    expect(
      fillTemplate(templates.latencyQuantile, {
        selector,
        window: '5m',
        quantile: 0.95,
      }),
    ).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(modelkit_request_duration_seconds_bucket{modelkit="m@sha256:ab"}[5m])))',
    );
  });

  it('fills a template that adds its own matchers', () => {
    expect(
      fillTemplate(
        'sum(rate(http_requests_total{code=~"5..",{{selector}}}[{{window}}]))',
        {
          selector,
          window: '30s',
        },
      ),
    ).toBe(
      'sum(rate(http_requests_total{code=~"5..",modelkit="m@sha256:ab"}[30s]))',
    );
  });

  it('refuses a bad window or quantile instead of pasting it', () => {
    expect(() =>
      fillTemplate(templates.requestRate, {
        selector,
        window: '5m]) or vector(1',
      }),
    ).toThrow(/not a Prometheus duration/);
    expect(() =>
      fillTemplate(templates.latencyQuantile, {
        selector,
        window: '5m',
        quantile: 2,
      }),
    ).toThrow(/quantile/);
  });

  it('refuses metric names outside the grammar', () => {
    expect(() =>
      defaultTemplates({
        requests: 'x{job="a"}',
        errors: 'e',
        latencyHistogram: 'l',
      }),
    ).toThrow(/requests/);
  });

  it('checks placeholders', () => {
    expect(checkTemplate('sum(x{{{selector}}})', ['selector'])).toBeUndefined();
    expect(checkTemplate('sum(x)', ['selector'])).toBe(
      'must contain {{selector}}',
    );
    expect(checkTemplate('x{{{selector}}} {{job}}', ['selector'])).toMatch(
      /unknown placeholders \{\{job\}\}/,
    );
    expect(
      checkTemplate('histogram_quantile(0.5, x{{{selector}}})', [
        'selector',
        'quantile',
      ]),
    ).toBe('must contain {{quantile}}');
  });
});

describe('durations and label values', () => {
  it('accepts Prometheus durations only', () => {
    expect(isPromDuration('5m')).toBe(true);
    expect(isPromDuration('1h30m')).toBe(true);
    expect(isPromDuration('0s')).toBe(false);
    expect(isPromDuration('5 m')).toBe(false);
    expect(isPromDuration('')).toBe(false);
    expect(isPromDuration('30m1h')).toBe(false);
  });

  it('names the version as name@digest or by digest alone', () => {
    expect(
      modelKitLabelValue(
        'name@digest',
        'registry.example.com/ml/support-sentiment',
        'sha256:ab',
      ),
    ).toBe('support-sentiment@sha256:ab');
    expect(
      modelKitLabelValue(
        'digest',
        'registry.example.com/ml/support-sentiment',
        'sha256:ab',
      ),
    ).toBe('sha256:ab');
  });
});

describe('labelMatcher', () => {
  it('matches one value exactly, and several by an escaped, anchored alternation', () => {
    expect(labelMatcher('namespace', ['nlp'])).toBe('namespace="nlp"');
    expect(labelMatcher('cluster', ['prod-us', 'prod-eu', 'prod-eu'])).toBe(
      'cluster=~"prod-eu|prod-us"',
    );
    expect(labelMatcher('namespace', ['a.b', 'c|d', 'e"f\\'])).toBe(
      String.raw`namespace=~"a\\.b|c\\|d|e\"f\\\\"`,
    );
    expect(escapePromRegex('^(a)[b]{1}+*?$')).toBe(
      String.raw`\^\(a\)\[b\]\{1\}\+\*\?\$`,
    );
  });

  it('refuses a label name that is not one, and an empty set of values', () => {
    expect(() => labelMatcher('name space', ['x'])).toThrow(
      '"name space" is not a Prometheus label name',
    );
    expect(() => labelMatcher('namespace', [])).toThrow(
      'label namespace needs at least one value',
    );
  });

  it('appends the location matchers to the ModelKit matcher', () => {
    expect(
      modelKitSelector('modelkit', 'x@sha256:1', [
        { label: 'cluster', values: ['prod-eu'] },
        { label: 'namespace', values: ['nlp\n"} or vector(1)'] },
      ]),
    ).toBe(
      String.raw`modelkit="x@sha256:1",cluster="prod-eu",namespace="nlp\n\"} or vector(1)"`,
    );
  });
});
