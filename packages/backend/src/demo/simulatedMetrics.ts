import { createHash } from 'node:crypto';
import {
  DEMO_MODELKIT_DIGESTS,
  type KubernetesObject,
  type SimulatedFleet,
} from '@kitstage/plugin-modelkit-node/testUtils';

/** Where a ModelKit version runs in the demo fleet, as the series labels name it. */
export interface SimulatedSeries {
  cluster: string;
  namespace: string;
  /** `<repository name>@<digest>`, the backend's default `modelkit` label value. */
  modelkit: string;
  /**
   * The share of the workload's traffic this version gets (a KServe canary or an Argo
   * Rollouts canary splits it).
   */
  share: number;
  /** Whether this is the newest version of its repository in the fleet: it runs worse. */
  newest: boolean;
}

/** A ModelKit reference by tag, pinned to a digest or not. */
const REFERENCE =
  /[a-z0-9.-]+(?::\d+)?\/(?:[a-z0-9._-]+\/)*([a-z0-9._-]+):([\w.-]+)(?:@(sha256:[0-9a-f]{64}))?/g;

/**
 * The ModelKit versions a spec names: by the digest it pins, else by the digest the demo
 * layout has for its tag (`digests`, by `<repository name>:<tag>`); references that resolve
 * to no digest (application images, charts) are left out.
 */
function versionsIn(
  spec: unknown,
  digests: Readonly<Record<string, string>>,
): Array<{ name: string; tag: string; modelkit: string }> {
  const text = JSON.stringify(spec ?? {});
  return [...text.matchAll(REFERENCE)].flatMap(([, name, tag, pinned]) => {
    const digest = pinned ?? digests[`${name}:${tag}`];
    return digest ? [{ name, tag, modelkit: `${name}@${digest}` }] : [];
  });
}

const readNumber = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * The split of an Argo Rollouts canary under way: the canary's weight (`status.canary.weights`
 * when the traffic router reports it, else the last `setWeight` step reached, else 0), and the
 * ModelKit versions of its canary ReplicaSet (`status.currentPodHash`; the Rollout's own
 * template before that ReplicaSet exists) and of its stable one (`status.stableRS`).
 */
function rolloutSplit(
  rollout: KubernetesObject,
  objects: KubernetesObject[],
  digests: Readonly<Record<string, string>>,
): { percent: number; canary: string[]; stable: string[] } | undefined {
  const spec = (rollout.spec ?? {}) as any;
  const status = (rollout.status ?? {}) as any;
  const steps: unknown[] | undefined = spec.strategy?.canary?.steps;
  const index = readNumber(status.currentStepIndex);
  const canaryHash = status.currentPodHash;
  const stableHash = status.stableRS;
  if (
    !Array.isArray(steps) ||
    index === undefined ||
    index >= steps.length ||
    status.abort === true ||
    typeof canaryHash !== 'string' ||
    typeof stableHash !== 'string' ||
    canaryHash === stableHash
  ) {
    return undefined;
  }
  let percent = readNumber(status.canary?.weights?.canary?.weight);
  for (let i = index; percent === undefined && i >= 0; i--) {
    percent = readNumber((steps[i] as any)?.setWeight);
  }
  // No setWeight step reached yet: the canary gets no traffic.
  percent ??= 0;
  const replicaSet = (hash: string) =>
    objects.find(
      o =>
        o.kind === 'ReplicaSet' &&
        o.metadata.namespace === rollout.metadata.namespace &&
        o.metadata.labels?.['rollouts-pod-template-hash'] === hash,
    );
  const modelkits = (object: KubernetesObject | undefined) => [
    ...new Set(
      object ? versionsIn(object.spec, digests).map(v => v.modelkit) : [],
    ),
  ];
  return {
    percent,
    canary: modelkits(replicaSet(canaryHash) ?? rollout),
    stable: modelkits(replicaSet(stableHash)),
  };
}

/**
 * The series of the demo fleet: each version a cluster's namespace runs, pinned by digest or
 * by a tag the demo layout has (`digests`). A KServe canary gives its latest revision
 * `canaryTrafficPercent` and the other versions of the same repository in that namespace the
 * rest; an Argo Rollouts canary gives the versions of its canary ReplicaSet its weight and
 * those of its stable ReplicaSet the rest.
 */
export function seriesOfFleet(
  fleet: SimulatedFleet,
  digests: Readonly<Record<string, string>> = DEMO_MODELKIT_DIGESTS,
): SimulatedSeries[] {
  const found = new Map<string, SimulatedSeries & { tag: string }>();
  const canaries: Array<{ key: string; percent: number }> = [];
  const rollouts: Array<{ prefix: string; share: Map<string, number> }> = [];
  for (const cluster of fleet.clusters) {
    for (const object of cluster.objects) {
      const namespace = object.metadata.namespace;
      if (!namespace) continue;
      for (const { tag, modelkit } of versionsIn(object.spec, digests)) {
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
        const [latest] = versionsIn(predictor.model, digests);
        if (latest) {
          canaries.push({
            key: `${cluster.name}/${namespace}/${latest.modelkit}`,
            percent: predictor.canaryTrafficPercent,
          });
        }
      }
      const split =
        object.kind === 'Rollout'
          ? rolloutSplit(object, cluster.objects, digests)
          : undefined;
      if (split) {
        const share = new Map<string, number>();
        for (const modelkit of split.stable) {
          share.set(modelkit, 1 - split.percent / 100);
        }
        for (const modelkit of split.canary) {
          // A version on both sides (a configuration-only change) keeps all the traffic.
          if (share.has(modelkit)) share.set(modelkit, 1);
          else share.set(modelkit, split.percent / 100);
        }
        rollouts.push({ prefix: `${cluster.name}/${namespace}/`, share });
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
  for (const { prefix, share } of rollouts) {
    for (const [modelkit, value] of share) {
      const series = found.get(`${prefix}${modelkit}`);
      if (series) series.share = value;
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
