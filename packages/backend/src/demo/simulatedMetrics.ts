import { createHash } from 'node:crypto';
import type { SimulatedFleet } from '@kitstage/plugin-modelkit-node/testUtils';

/** Where a ModelKit version runs in the demo fleet, as the series labels name it. */
export interface SimulatedSeries {
  cluster: string;
  namespace: string;
  /** `<repository name>@<digest>`, the backend's default `modelkit` label value. */
  modelkit: string;
  /** The share of the workload's traffic this version gets (a KServe canary splits it). */
  share: number;
  /** Whether this is the newest version of its repository in the fleet: it runs worse. */
  newest: boolean;
}

const PINNED =
  /[a-z0-9.-]+(?::\d+)?\/(?:[a-z0-9._-]+\/)*([a-z0-9._-]+):([\w.-]+)@(sha256:[0-9a-f]{64})/g;

/**
 * The series of the demo fleet: each version pinned by digest in a cluster's namespace. A
 * KServe canary gives its latest revision `canaryTrafficPercent` and the other versions of
 * the same repository in that namespace the rest.
 */
export function seriesOfFleet(fleet: SimulatedFleet): SimulatedSeries[] {
  const found = new Map<string, SimulatedSeries & { tag: string }>();
  const canaries: Array<{ key: string; percent: number }> = [];
  for (const cluster of fleet.clusters) {
    for (const object of cluster.objects) {
      const namespace = object.metadata.namespace;
      if (!namespace) continue;
      const text = JSON.stringify(object.spec ?? {});
      for (const [, name, tag, digest] of text.matchAll(PINNED)) {
        const modelkit = `${name}@${digest}`;
        const key = `${cluster.name}/${namespace}/${modelkit}`;
        if (!found.has(key)) {
          found.set(key, {
            cluster: cluster.name,
            namespace,
            modelkit,
            tag,
            share: 1,
            newest: false,
          });
        }
      }
      const predictor = (object.spec as any)?.predictor;
      if (
        object.kind === 'InferenceService' &&
        predictor?.canaryTrafficPercent
      ) {
        const uri = JSON.stringify(predictor.model ?? {});
        const [, name, , digest] = [...uri.matchAll(PINNED)][0] ?? [];
        if (name) {
          canaries.push({
            key: `${cluster.name}/${namespace}/${name}@${digest}`,
            percent: predictor.canaryTrafficPercent,
          });
        }
      }
    }
  }
  for (const { key, percent } of canaries) {
    const canary = found.get(key)!;
    const name = canary.modelkit.split('@')[0];
    for (const series of found.values()) {
      if (
        series.cluster === canary.cluster &&
        series.namespace === canary.namespace &&
        series.modelkit.startsWith(`${name}@`)
      ) {
        series.share = series === canary ? percent / 100 : 1 - percent / 100;
      }
    }
  }
  const newestTag = new Map<string, string>();
  const compare = (a: string, b: string) =>
    a.localeCompare(b, 'en', { numeric: true });
  for (const { modelkit, tag } of found.values()) {
    const name = modelkit.split('@')[0];
    const known = newestTag.get(name);
    if (!known || compare(tag, known) > 0) newestTag.set(name, tag);
  }
  const versions = (name: string) =>
    new Set(
      [...found.values()]
        .filter(s => s.modelkit.startsWith(`${name}@`))
        .map(s => s.tag),
    ).size;
  return [...found.values()].map(({ tag, ...series }) => {
    const name = series.modelkit.split('@')[0];
    return {
      ...series,
      newest: versions(name) > 1 && newestTag.get(name) === tag,
    };
  });
}

/** A number from 0 to 1 derived from a seed, the same on every run. */
function unit(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/** Moves by up to `amount` (a fraction) around 1 with a period of `period` seconds. */
function wave(seed: string, time: number, period: number, amount: number) {
  const phase = unit(`${seed}#phase`) * 2 * Math.PI;
  return 1 + amount * Math.sin((2 * Math.PI * time) / period + phase);
}

/** The figures of one series at a time (Unix seconds): deterministic, moving with time. */
export function figuresAt(
  series: Pick<SimulatedSeries, 'modelkit' | 'cluster' | 'share' | 'newest'>,
  time: number,
) {
  const seed = `${series.cluster}/${series.modelkit}`;
  const requestRate =
    (8 + 32 * unit(`${seed}#rate`)) *
    series.share *
    wave(seed, time, 600, 0.25);
  const errorRatio =
    (0.003 + 0.003 * unit(`${seed}#errors`)) *
    (series.newest ? 5 : 1) *
    wave(`${seed}#e`, time, 300, 0.3);
  // The bases vary less than the newest version's penalty, so it is always the worse one.
  const p50 =
    (0.05 + 0.02 * unit(`${seed}#latency`)) *
    (series.newest ? 2 : 1) *
    wave(`${seed}#l`, time, 420, 0.15);
  return {
    requestRate,
    errorRatio,
    /** A latency quantile: exponential-like tail above the median. */
    latency: (quantile: number) => (p50 * -Math.log(1 - quantile)) / Math.LN2,
  };
}

/** The label matchers of the first `{...}` selector of a query. */
export function parseSelector(
  query: string,
): Array<{ label: string; regex: boolean; value: string }> {
  const body = /\{((?:[^{}"]|"(?:[^"\\]|\\.)*")*)\}/.exec(query)?.[1] ?? '';
  return [
    ...body.matchAll(/([a-zA-Z_]\w*)\s*(=~|=)\s*"((?:[^"\\]|\\.)*)"/g),
  ].map(([, label, op, raw]) => ({
    label,
    regex: op === '=~',
    value: JSON.parse(`"${raw}"`) as string,
  }));
}

/**
 * Evaluates one of the backend's query shapes (request rate, error ratio, latency quantile;
 * `plugins/modelkit-backend/src/metrics/promql.ts`) over the series its selector matches:
 * a number, or undefined when nothing matches (an empty vector). A ModelKit label value the
 * fleet does not pin (a version run by a mutable tag) is one series of its own.
 */
export function evaluate(
  query: string,
  time: number,
  known: SimulatedSeries[],
): number | undefined {
  const matchers = parseSelector(query);
  const matches = (series: Record<string, string>) =>
    matchers.every(m => {
      const value = series[m.label] ?? '';
      return m.regex
        ? new RegExp(`^(?:${m.value})$`).test(value)
        : value === m.value;
    });
  let selected = known.filter(s =>
    matches({
      cluster: s.cluster,
      namespace: s.namespace,
      modelkit: s.modelkit,
    }),
  );
  const wanted = matchers.find(m => m.label === 'modelkit' && !m.regex);
  if (
    selected.length === 0 &&
    wanted &&
    !known.some(s => s.modelkit === wanted.value)
  ) {
    selected = [
      {
        cluster: '',
        namespace: '',
        modelkit: wanted.value,
        share: 1,
        newest: false,
      },
    ];
  }
  if (selected.length === 0) return undefined;
  const figures = selected.map(s => figuresAt(s, time));
  const requests = figures.reduce((sum, f) => sum + f.requestRate, 0);
  const quantile = /histogram_quantile\(\s*([\d.]+)/.exec(query);
  if (quantile) {
    return Math.max(...figures.map(f => f.latency(Number(quantile[1]))));
  }
  if (query.includes('errors_total')) {
    const errors = figures.reduce(
      (sum, f) => sum + f.requestRate * f.errorRatio,
      0,
    );
    return errors / requests;
  }
  return requests;
}
