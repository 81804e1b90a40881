import {
  buildDemoFleet,
  DEMO_MODELKIT_DIGESTS,
  fixtureModelKitDigest,
} from '@kitstage/plugin-modelkit-node/testUtils';
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

  describe('the Argo Rollouts canary of fraud-scoring on prod-eu', () => {
    const STABLE = `fraud-detector@${DEMO_MODELKIT_DIGESTS['fraud-detector:v1.2.0']}`;
    // Pinned to a digest no registry has.
    const HOTFIX = `fraud-detector@${fixtureModelKitDigest(
      'registry.example.com/kitstage-demo/fraud-detector',
      'v1.2.1-hotfix',
    )}`;
    /** The shares of fraud-scoring's versions on prod-eu, after changing its Rollout. */
    const sharesWith = (change: (status: any) => void = () => {}) => {
      const fleet = buildDemoFleet({ now: new Date(NOW * 1000) });
      const rollout = fleet.clusters
        .find(c => c.name === 'prod-eu')!
        .objects.find(o => o.kind === 'Rollout')!;
      change(rollout.status);
      return Object.fromEntries(
        seriesOfFleet(fleet)
          .filter(s => s.cluster === 'prod-eu' && s.namespace === 'risk')
          .map(s => [s.modelkit, s.share]),
      );
    };

    it('gives the canary the weight the traffic router reports, and the stable version (run by tag) the rest', () => {
      expect(sharesWith()).toEqual({ [STABLE]: 0.8, [HOTFIX]: 0.2 });
      const fraud = series.filter(
        s => s.cluster === 'prod-eu' && s.namespace === 'risk',
      );
      expect(fraud.find(s => s.modelkit === HOTFIX)?.newest).toBe(true);
      expect(fraud.find(s => s.modelkit === STABLE)?.newest).toBe(false);
      const rate = (modelkit: string) =>
        evaluate(
          `sum(rate(modelkit_requests_total{modelkit="${modelkit}",cluster="prod-eu",namespace="risk"}[5m]))`,
          NOW,
          series,
        )!;
      expect(rate(STABLE)).toBeGreaterThan(rate(HOTFIX));
    });

    it('falls back to the last setWeight step reached, and splits nothing once aborted', () => {
      expect(
        sharesWith(status => {
          delete status.canary.weights;
          // Step 3 is a pause after the setWeight of 50 at step 2.
          status.currentStepIndex = 3;
        }),
      ).toEqual({ [STABLE]: 0.5, [HOTFIX]: 0.5 });
      expect(
        sharesWith(status => {
          delete status.canary.weights;
          status.currentStepIndex = 1;
        }),
      ).toEqual({ [STABLE]: 0.8, [HOTFIX]: 0.2 });
      expect(
        sharesWith(status => {
          status.abort = true;
        }),
      ).toEqual({ [STABLE]: 1, [HOTFIX]: 1 });
    });
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
