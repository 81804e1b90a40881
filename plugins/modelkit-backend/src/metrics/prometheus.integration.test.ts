// Must come first: it lets the real Kubernetes backend import its ESM-only client in Jest.
import '../deployments/__testUtils__/allowNativeDynamicImport';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ComponentLiveMetricsResponse,
  ModelKitVersionLiveMetrics,
} from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  fixtureModelKitDigest,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  component,
  DEMO_REGISTRY,
  group,
  modelKit,
} from '../deployments/__fixtures__/catalog';
import {
  DeploymentsTestBackend,
  startDeploymentsTestBackend,
} from '../deployments/__testUtils__/startDeploymentsTestBackend';
import { eventually } from '../__testUtils__/eventually';
import { PrometheusClient } from './PrometheusClient';
import { fillTemplate, modelKitSelector, quotePromQLString } from './promql';

// Debian's Prometheus scrapes a loopback exporter that serves request counters and latency
// histograms for the two ModelKit versions of a KServe canary and of an Argo Rollouts canary
// (and for a series whose label value holds quotes and a backslash). The backend finds the
// versions on a simulated cluster through the real Kubernetes backend, queries Prometheus,
// and every number it returns must equal the PromQL result asked of Prometheus directly at
// the same instant.

jest.setTimeout(90_000);

const PROMETHEUS = '/usr/bin/prometheus';
const REPOSITORY = `${DEMO_REGISTRY}/support-sentiment`;
const CANARY = fixtureModelKitDigest(REPOSITORY, 'v1.3.0');
const STABLE = fixtureModelKitDigest(REPOSITORY, 'v1.2.0');
const FRAUD = `${DEMO_REGISTRY}/fraud-detector`;
const HOTFIX = fixtureModelKitDigest(FRAUD, 'v1.2.1');
const FRAUD_STABLE = fixtureModelKitDigest(FRAUD, 'v1.2.0');
const HOSTILE = 'support-sentiment@sha256:x"} or vector(1) #\\';
const WINDOW = '10s';
const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1];

/** Per scrape: requests, errors, and how many requests fall in each bucket (plus +Inf). */
interface Traffic {
  requests: number;
  errors: number;
  latency: number[];
}

/**
 * The series the exporter serves: the Component's two canary versions in `nlp` on `prod-eu`,
 * and, with far more traffic and errors, the stable digest run by other workloads: in another
 * namespace of the same cluster, and in the same namespace of another cluster. Those must
 * never be mixed into the Component's figures.
 */
const SERIES: Array<{ labels: Record<string, string>; traffic: Traffic }> = [
  {
    labels: {
      modelkit: `support-sentiment@${STABLE}`,
      cluster: 'prod-eu',
      namespace: 'nlp',
    },
    traffic: { requests: 90, errors: 1, latency: [40, 30, 15, 4, 1, 0] },
  },
  {
    labels: {
      modelkit: `support-sentiment@${CANARY}`,
      cluster: 'prod-eu',
      namespace: 'nlp',
    },
    traffic: { requests: 10, errors: 2, latency: [1, 2, 3, 2, 1, 1] },
  },
  {
    labels: {
      modelkit: `support-sentiment@${STABLE}`,
      cluster: 'prod-eu',
      namespace: 'batch-scoring',
    },
    traffic: { requests: 500, errors: 250, latency: [0, 0, 0, 0, 0, 500] },
  },
  {
    labels: {
      modelkit: `support-sentiment@${STABLE}`,
      cluster: 'prod-us',
      namespace: 'nlp',
    },
    traffic: { requests: 700, errors: 350, latency: [0, 0, 0, 0, 0, 700] },
  },
  {
    labels: {
      modelkit: `fraud-detector@${FRAUD_STABLE}`,
      cluster: 'prod-eu',
      namespace: 'risk',
    },
    traffic: { requests: 80, errors: 0, latency: [70, 10, 0, 0, 0, 0] },
  },
  {
    labels: {
      modelkit: `fraud-detector@${HOTFIX}`,
      cluster: 'prod-eu',
      namespace: 'risk',
    },
    traffic: { requests: 20, errors: 4, latency: [5, 5, 5, 5, 0, 0] },
  },
  {
    labels: { modelkit: HOSTILE },
    traffic: { requests: 1000, errors: 0, latency: [1000, 0, 0, 0, 0, 0] },
  },
];

/** A label value in the text exposition format. */
function exposition(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

function startExporter(): Promise<Server> {
  let scrapes = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    scrapes += 1;
    const n = scrapes;
    const lines: string[] = [
      '# TYPE modelkit_requests_total counter',
      '# TYPE modelkit_request_errors_total counter',
      '# TYPE modelkit_request_duration_seconds histogram',
    ];
    for (const { labels, traffic } of SERIES) {
      const label = Object.entries(labels)
        .map(([name, value]) => `${name}=${exposition(value)}`)
        .join(',');
      lines.push(`modelkit_requests_total{${label}} ${traffic.requests * n}`);
      lines.push(
        `modelkit_request_errors_total{${label}} ${traffic.errors * n}`,
      );
      let cumulative = 0;
      [...BUCKETS.map(String), '+Inf'].forEach((le, i) => {
        cumulative += traffic.latency[i];
        lines.push(
          `modelkit_request_duration_seconds_bucket{${label},le="${le}"} ${
            cumulative * n
          }`,
        );
      });
      lines.push(
        `modelkit_request_duration_seconds_count{${label}} ${cumulative * n}`,
      );
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${lines.join('\n')}\n`);
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('live metrics from a real Prometheus', () => {
  let exporter: Server;
  let prometheus: ChildProcess;
  let prometheusUrl: string;
  let dataDir: string;
  let cluster: KubernetesSimulator;
  let backend: DeploymentsTestBackend;

  /** One PromQL result, asked of Prometheus directly. */
  async function promql(query: string, time: number): Promise<number | null> {
    const response = await fetch(
      `${prometheusUrl}/api/v1/query?${new URLSearchParams({
        query,
        time: String(time),
      })}`,
    );
    const json = await response.json();
    expect(json.status).toBe('success');
    expect(json.data.result.length).toBeLessThanOrEqual(1);
    const value = json.data.result[0]?.value[1];
    if (value === undefined) return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }

  /** A version's figures equal PromQL's at its instant, over its own workloads only. */
  async function expectPromQLFigures(
    version: ModelKitVersionLiveMetrics,
    namespace: string,
  ) {
    expect(version.error).toBeUndefined();
    const t = version.evaluatedAt;
    const sel = `modelkit="${version.labelValue}",cluster="prod-eu",namespace="${namespace}"`;
    const rate = (metric: string) => `sum(rate(${metric}{${sel}}[${WINDOW}]))`;
    const quantile = (q: number) =>
      promql(
        `histogram_quantile(${q}, sum by (le) (rate(modelkit_request_duration_seconds_bucket{${sel}}[${WINDOW}])))`,
        t,
      );
    const requests = await promql(rate('modelkit_requests_total'), t);
    const errorRatio = await promql(
      `${rate('modelkit_request_errors_total')} / ${rate(
        'modelkit_requests_total',
      )}`,
      t,
    );
    expect(requests).toBeGreaterThan(0);
    expect(version.metrics).toEqual({
      requestRate: requests,
      errorRatio,
      latency: {
        p50: await quantile(0.5),
        p95: await quantile(0.95),
        p99: await quantile(0.99),
      },
    });
    expect(version.metrics!.latency.p99).not.toBeNull();
  }

  beforeAll(async () => {
    const version = execFileSync(PROMETHEUS, ['--version']).toString();
    if (!/^prometheus, version \d/.test(version)) {
      throw new Error(`${PROMETHEUS} is not Prometheus: ${version}`);
    }
    exporter = await startExporter();
    const { port: exporterPort } = exporter.address() as AddressInfo;
    dataDir = mkdtempSync(join(tmpdir(), 'kitstage-prometheus-'));
    // JSON is YAML: the config is serialised, never pasted together.
    writeFileSync(
      join(dataDir, 'prometheus.yml'),
      JSON.stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        scrape_configs: [
          {
            job_name: 'modelkit-exporter',
            static_configs: [{ targets: [`127.0.0.1:${exporterPort}`] }],
          },
        ],
      }),
    );
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dataDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dataDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    prometheus.stderr!.on('data', chunk => {
      stderr = (stderr + chunk).slice(-4000);
    });

    cluster = await startKubernetesSimulator({
      objects: [
        ...buildServiceScenario('kserve-canary', {
          service: 'support-sentiment-api',
          namespace: 'nlp',
          modelKit: { repository: REPOSITORY, tag: 'v1.3.0' },
          previousModelKit: { repository: REPOSITORY, tag: 'v1.2.0' },
          cluster: 'prod-eu',
        }),
        // An Argo Rollouts canary: 20 % to the hotfix, next to the stable v1.2.0.
        ...buildServiceScenario('rollout-canary', {
          service: 'fraud-scoring',
          namespace: 'risk',
          modelKit: { repository: FRAUD, tag: 'v1.2.1' },
          previousModelKit: { repository: FRAUD, tag: 'v1.2.0' },
          cluster: 'prod-eu',
        }),
      ],
    });
    backend = await startDeploymentsTestBackend({
      clusters: [{ name: 'prod-eu', url: cluster.url, token: cluster.token }],
      entities: [
        group('nlp-team'),
        component('support-sentiment-api', 'group:nlp-team'),
        modelKit('support-sentiment', REPOSITORY, 'group:nlp-team'),
        component('fraud-scoring', 'group:nlp-team'),
        modelKit('fraud-detector', FRAUD, 'group:nlp-team'),
      ],
      kitstage: {
        prometheus: {
          url: prometheusUrl,
          window: WINDOW,
          title: 'Staging Prometheus',
          simulated: false,
        },
      },
    });

    // Data is present once every series has enough samples in the window for a rate. The
    // backend evaluates a second in the past, so wait until rates exist a few seconds back.
    await eventually(
      `rates in Prometheus (stderr: ${stderr})`,
      async () => {
        try {
          const response = await fetch(
            `${prometheusUrl}/api/v1/query?${new URLSearchParams({
              query: `count(rate(modelkit_request_duration_seconds_bucket[${WINDOW}]) > 0)`,
              time: String(Date.now() / 1000 - 3),
            })}`,
          );
          const json = await response.json();
          return Number(json.data?.result?.[0]?.value?.[1]) >= 20
            ? true
            : undefined;
        } catch {
          return undefined;
        }
      },
      45_000,
    );
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise(resolve => prometheus.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await new Promise(resolve => exporter?.close(resolve));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns, for both canary versions, the numbers PromQL gives at the same instant, from their own workloads only', async () => {
    const response = await backend.get(
      '/api/modelkit/metrics/components/default/support-sentiment-api',
    );
    expect(response.status).toBe(200);
    const body = response.body as ComponentLiveMetricsResponse;
    if (!body.configured) throw new Error('metrics should be configured');
    expect(body.label).toBe('modelkit');
    expect(body.window).toBe(WINDOW);
    // What the configuration says the source is, and nothing else.
    expect((body as { source?: unknown }).source).toEqual({
      title: 'Staging Prometheus',
      simulated: false,
    });
    expect(
      body.versions.map(v => [
        v.digest,
        v.labelValue,
        v.trafficPercent,
        v.clusters,
      ]),
    ).toEqual([
      [STABLE, `support-sentiment@${STABLE}`, 90, ['prod-eu']],
      [CANARY, `support-sentiment@${CANARY}`, 10, ['prod-eu']],
    ]);

    for (const version of body.versions) {
      await expectPromQLFigures(version, 'nlp');
    }
    // The two versions differ as their traffic does: 1 error in 90 against 2 in 10.
    const [stable, canary] = body.versions.map(v => v.metrics!);
    expect(stable.errorRatio).toBeCloseTo(1 / 90, 6);
    expect(canary.errorRatio).toBeCloseTo(2 / 10, 6);
    expect(stable.requestRate! / canary.requestRate!).toBeCloseTo(9, 6);
    expect(body.versions[0].entity?.name).toBe('support-sentiment');
    // A KServe canary has no Argo Rollouts side.
    expect(body.versions.map(v => v.rolloutRole)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('labels the two versions of an Argo Rollouts canary stable and canary, with their shares and figures', async () => {
    const response = await backend.get(
      '/api/modelkit/metrics/components/default/fraud-scoring',
    );
    expect(response.status).toBe(200);
    const body = response.body as ComponentLiveMetricsResponse;
    if (!body.configured) throw new Error('metrics should be configured');
    expect(
      body.versions.map(v => [
        v.digest,
        v.labelValue,
        v.rolloutRole,
        v.trafficPercent,
        v.clusters,
      ]),
    ).toEqual([
      [
        FRAUD_STABLE,
        `fraud-detector@${FRAUD_STABLE}`,
        'stable',
        80,
        ['prod-eu'],
      ],
      [HOTFIX, `fraud-detector@${HOTFIX}`, 'canary', 20, ['prod-eu']],
    ]);
    for (const version of body.versions) {
      await expectPromQLFigures(version, 'risk');
    }
    const [stable, canary] = body.versions.map(v => v.metrics!);
    expect(stable.errorRatio).toBe(0);
    expect(canary.errorRatio).toBeCloseTo(4 / 20, 6);
    expect(stable.requestRate! / canary.requestRate!).toBeCloseTo(4, 6);
  });

  it('selects a label value with quotes and a backslash as one exact string', async () => {
    const client = new PrometheusClient({
      url: new URL(`${prometheusUrl}/`),
      auth: { type: 'none' },
      timeoutMs: 5000,
    });
    const time = Math.floor(Date.now() / 1000) - 1;
    const query = fillTemplate(
      'sum(rate(modelkit_requests_total{{{selector}}}[{{window}}]))',
      {
        selector: modelKitSelector('modelkit', HOSTILE),
        window: WINDOW,
      },
    );
    expect(query).toContain(quotePromQLString(HOSTILE));
    const hostile = await client.queryValue(query, time);
    const all = await promql(
      `sum(rate(modelkit_requests_total[${WINDOW}]))`,
      time,
    );
    // Only the one series: 1000 of the 2400 requests per scrape.
    expect(hostile! / all!).toBeCloseTo(1000 / 2400, 6);
  });
});
