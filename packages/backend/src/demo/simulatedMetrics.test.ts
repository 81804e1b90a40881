import { buildDemoFleet } from '@kitstage/plugin-modelkit-node/testUtils';
import { evaluate, parseSelector, seriesOfFleet } from './simulatedMetrics';

const NOW = 1_780_000_000;

describe('the simulated metrics of the demo fleet', () => {
  const series = seriesOfFleet(buildDemoFleet({ now: new Date(NOW * 1000) }));
  const review = series.filter(
    s => s.cluster === 'prod-eu' && s.modelkit.startsWith('review-sentiment@'),
  );

  it('splits the KServe canary 10 / 90, and its latest version runs worse', () => {
    expect(review.map(s => s.share).sort()).toEqual([0.1, 0.9]);
    const canary = review.find(s => s.share === 0.1)!;
    const stable = review.find(s => s.share === 0.9)!;
    expect(canary.newest).toBe(true);
    expect(stable.newest).toBe(false);
    const query = (template: string, modelkit: string) =>
      evaluate(
        template.replace(
          '{{selector}}',
          `modelkit="${modelkit}",cluster="prod-eu",namespace="nlp"`,
        ),
        NOW,
        series,
      )!;
    const rate = 'sum(rate(modelkit_requests_total{{{selector}}}[5m]))';
    const errors =
      '(sum(rate(modelkit_request_errors_total{{{selector}}}[5m])) or vector(0)) / sum(rate(modelkit_requests_total{{{selector}}}[5m]))';
    const p95 =
      'histogram_quantile(0.95, sum by (le) (rate(modelkit_request_duration_seconds_bucket{{{selector}}}[5m])))';
    expect(query(rate, stable.modelkit)).toBeGreaterThan(
      query(rate, canary.modelkit),
    );
    expect(query(errors, canary.modelkit)).toBeGreaterThan(
      query(errors, stable.modelkit),
    );
    expect(query(p95, canary.modelkit)).toBeGreaterThan(
      query(p95, stable.modelkit),
    );
  });

  it('selects by cluster and namespace, and finds nothing elsewhere', () => {
    const modelkit = review[0].modelkit;
    const rate = (where: string) =>
      evaluate(
        `sum(rate(modelkit_requests_total{modelkit="${modelkit}",${where}}[5m]))`,
        NOW,
        series,
      );
    expect(rate('cluster=~"prod-eu|prod-us",namespace="nlp"')).toBeGreaterThan(
      0,
    );
    expect(rate('cluster="prod-us",namespace="nlp"')).toBeUndefined();
  });

  it('moves with time but is the same at the same instant', () => {
    const query = `sum(rate(modelkit_requests_total{modelkit="${review[0].modelkit}"}[5m]))`;
    expect(evaluate(query, NOW, series)).toBe(evaluate(query, NOW, series));
    expect(evaluate(query, NOW + 120, series)).not.toBe(
      evaluate(query, NOW, series),
    );
  });

  it('reads escaped label values', () => {
    expect(parseSelector('x{a="q\\"b",c=~"d|e"}')).toEqual([
      { label: 'a', regex: false, value: 'q"b' },
      { label: 'c', regex: true, value: 'd|e' },
    ]);
  });
});
