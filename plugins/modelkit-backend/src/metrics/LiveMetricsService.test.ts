import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type {
  ComponentDeploymentsResponse,
  DeployedModelKit,
} from '@kitstage/plugin-modelkit-common';
import { readPrometheusConfig } from './config';
import {
  combine,
  LiveMetricsService,
  runningVersions,
  versionSelectors,
} from './LiveMetricsService';

const STABLE = `sha256:${'a'.repeat(64)}`;
const CANARY = `sha256:${'b'.repeat(64)}`;

function kit(
  digest: string | undefined,
  tag: string,
  traffic: number,
  namespace = 'nlp',
): DeployedModelKit {
  return {
    reference: `registry.example.com/ml/sentiment:${tag}`,
    repository: 'registry.example.com/ml/sentiment',
    tag,
    ...(digest && { digest }),
    pinnedByDigest: false,
    foundIn: [
      {
        object: { kind: 'Deployment', namespace, name: 'sentiment-api' },
        via: 'env',
        field: 'spec.template.spec.containers[0].env[0]',
      },
    ],
    pods: 1,
    trafficPercent: traffic,
  };
}

const deploymentsResponse = {
  clusters: [
    {
      cluster: { name: 'prod-eu' },
      modelKits: [kit(CANARY, 'v2', 10), kit(STABLE, 'v1', 90)],
    },
    {
      cluster: { name: 'prod-us' },
      modelKits: [kit(STABLE, 'v1', 100), kit(undefined, 'v0', 0)],
    },
  ],
} as unknown as ComponentDeploymentsResponse;

type Handler = (
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
) => void;

async function startFakePrometheus(handler: Handler): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', c => {
      body += c;
    });
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return server;
}

const urlOf = (server: Server) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function service(prometheus: JsonObject | undefined) {
  const getComponentDeployments = jest.fn(async () => deploymentsResponse);
  const metrics = new LiveMetricsService({
    config: readPrometheusConfig(
      new ConfigReader(prometheus ? { kitstage: { prometheus } } : {}),
    ),
    deployments: { getComponentDeployments },
    now: () => 1_700_000_000_500,
  });
  return { metrics, getComponentDeployments };
}

const entity = { namespace: 'default', name: 'sentiment-api' };
const credentials = mockCredentials.user();

describe('LiveMetricsService', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise(r => s.close(r));
    }
  });

  it('says metrics are not configured without kitstage.prometheus, reading nothing', async () => {
    const { metrics, getComponentDeployments } = service(undefined);
    await expect(
      metrics.getComponentLiveMetrics(entity, credentials),
    ).resolves.toEqual({ configured: false });
    expect(getComponentDeployments).not.toHaveBeenCalled();
  });

  it('queries each running version once, with the credentials, escaped matcher and one instant', async () => {
    const seen: Array<{ auth?: string; query: string; time: string }> = [];
    const server = await startFakePrometheus((req, body, res) => {
      const form = new URLSearchParams(body);
      seen.push({
        auth: req.headers.authorization,
        query: form.get('query')!,
        time: form.get('time')!,
      });
      const digest = form.get('query')!.includes(CANARY) ? 2 : 1;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'vector',
            result: form.get('query')!.startsWith('histogram_quantile(0.99')
              ? [{ metric: {}, value: [1, 'NaN'] }]
              : [{ metric: {}, value: [1, String(digest / 10)] }],
          },
        }),
      );
    });
    servers.push(server);
    const { metrics } = service({
      url: urlOf(server),
      auth: { token: 's3cret' },
    });
    const first = await metrics.getComponentLiveMetrics(entity, credentials);
    if (!first.configured) throw new Error('configured');
    expect(first.time).toBe(1_699_999_999);
    expect(first.unresolved).toEqual(['registry.example.com/ml/sentiment:v0']);
    expect(
      first.versions.map(v => [v.digest, v.clusters, v.trafficPercent, v.tags]),
    ).toEqual([
      [STABLE, ['prod-eu', 'prod-us'], 100, ['v1']],
      [CANARY, ['prod-eu'], 10, ['v2']],
    ]);
    expect(first.versions[0].labelValue).toBe(`sentiment@${STABLE}`);
    expect(first.versions[1].metrics).toEqual({
      requestRate: 0.2,
      errorRatio: 0.2,
      latency: { p50: 0.2, p95: 0.2, p99: null },
    });
    expect(seen).toHaveLength(10);
    expect(new Set(seen.map(s => s.auth))).toEqual(new Set(['Bearer s3cret']));
    expect(new Set(seen.map(s => s.time))).toEqual(new Set(['1699999999']));
    expect(seen.map(s => s.query)).toContain(
      `sum(rate(modelkit_requests_total{modelkit="sentiment@${CANARY}",cluster="prod-eu",namespace="nlp"}[5m]))`,
    );
    expect(seen.map(s => s.query)).toContain(
      `sum(rate(modelkit_requests_total{modelkit="sentiment@${STABLE}",cluster=~"prod-eu|prod-us",namespace="nlp"}[5m]))`,
    );
    // The short cache answers the second call.
    const second = await metrics.getComponentLiveMetrics(entity, credentials);
    expect(second).toEqual(first);
    expect(seen).toHaveLength(10);
    expect(JSON.stringify(first)).not.toContain('s3cret');
  });

  it('reports a Prometheus that is down per version, keeping the versions', async () => {
    const server = await startFakePrometheus(() => undefined);
    const url = urlOf(server);
    await new Promise(r => server.close(r));
    const { metrics } = service({ url });
    const result = await metrics.getComponentLiveMetrics(entity, credentials);
    if (!result.configured) throw new Error('configured');
    expect(result.versions).toHaveLength(2);
    for (const version of result.versions) {
      expect(version.metrics).toBeUndefined();
      expect(version.error).toMatchObject({
        kind: 'unreachable',
        message: expect.stringContaining(
          `Prometheus at ${url} could not be reached`,
        ),
      });
    }
  });

  it('reports a slow Prometheus as a timeout', async () => {
    const server = await startFakePrometheus(() => undefined);
    servers.push(server);
    const { metrics } = service({
      url: urlOf(server),
      timeout: { milliseconds: 200 },
    });
    const result = await metrics.getComponentLiveMetrics(entity, credentials);
    if (!result.configured) throw new Error('configured');
    expect(result.versions[0].error).toEqual({
      kind: 'timeout',
      message: `Prometheus at ${urlOf(server)} did not answer within 200 ms`,
    });
  });

  it('names refused credentials and query errors, and does not cache them', async () => {
    let status = 401;
    let calls = 0;
    const server = await startFakePrometheus((_req, _body, res) => {
      calls += 1;
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: 'parse error at char 3',
        }),
      );
    });
    servers.push(server);
    const { metrics } = service({
      url: urlOf(server),
      auth: { username: 'u', password: 'p' },
    });
    const refused = await metrics.getComponentLiveMetrics(entity, credentials);
    if (!refused.configured) throw new Error('configured');
    expect(refused.versions[0].error).toMatchObject({
      kind: 'unauthorized',
      statusCode: 401,
    });
    const before = calls;
    status = 400;
    const bad = await metrics.getComponentLiveMetrics(entity, credentials);
    if (!bad.configured) throw new Error('configured');
    expect(calls).toBeGreaterThan(before);
    expect(bad.versions[0].error).toMatchObject({
      kind: 'query-error',
      statusCode: 400,
      message: expect.stringContaining('parse error at char 3'),
    });
  });

  it('does not follow a redirect away from the configured URL', async () => {
    let elsewhere = 0;
    const other = await startFakePrometheus((_req, _body, res) => {
      elsewhere += 1;
      res.end('{}');
    });
    servers.push(other);
    const server = await startFakePrometheus((_req, _body, res) => {
      res.writeHead(307, { location: `${urlOf(other)}/api/v1/query` }).end();
    });
    servers.push(server);
    const { metrics } = service({ url: urlOf(server) });
    const result = await metrics.getComponentLiveMetrics(entity, credentials);
    if (!result.configured) throw new Error('configured');
    expect(result.versions[0].error?.kind).toBe('unreachable');
    expect(elsewhere).toBe(0);
  });
});

describe('versionSelectors', () => {
  const where = (
    locations: Array<[string, string]>,
    prometheus: JsonObject = { url: 'http://prometheus:9090' },
  ) => {
    const response = {
      clusters: ['prod-eu', 'prod-us', 'staging'].map(name => ({
        cluster: { name },
        modelKits: locations
          .filter(([c]) => c === name)
          .map(([, ns]) => kit(STABLE, 'v1', 100, ns)),
      })),
    } as unknown as ComponentDeploymentsResponse;
    const config = readPrometheusConfig(
      new ConfigReader({ kitstage: { prometheus } }),
    )!;
    const [version] = runningVersions(response, config).versions;
    return versionSelectors(config, version);
  };
  const mk = `modelkit="sentiment@${STABLE}"`;

  it('selects exactly the clusters and namespaces that run the version', () => {
    expect(
      where([
        ['prod-eu', 'nlp'],
        ['prod-us', 'nlp'],
      ]),
    ).toEqual([`${mk},cluster=~"prod-eu|prod-us",namespace="nlp"`]);
    // Different namespaces per cluster: one selector each, never the cross product.
    expect(
      where([
        ['prod-eu', 'nlp'],
        ['prod-us', 'nlp-us'],
        ['staging', 'nlp'],
      ]),
    ).toEqual([
      `${mk},cluster=~"prod-eu|staging",namespace="nlp"`,
      `${mk},cluster="prod-us",namespace="nlp-us"`,
    ]);
  });

  it('uses the configured label names, or no cluster label for a one-cluster Prometheus', () => {
    expect(
      where([['prod-eu', 'nlp']], {
        url: 'http://prometheus:9090',
        labels: { namespace: 'kubernetes_namespace', cluster: 'k8s_cluster' },
      }),
    ).toEqual([`${mk},k8s_cluster="prod-eu",kubernetes_namespace="nlp"`]);
    expect(
      where(
        [
          ['prod-eu', 'nlp'],
          ['prod-us', 'other'],
        ],
        { url: 'http://prometheus:9090', cluster: 'prod-eu' },
      ),
    ).toEqual([`${mk},namespace="nlp"`]);
    // A version only on clusters this Prometheus does not hold is not queried.
    expect(
      where([['prod-us', 'nlp']], {
        url: 'http://prometheus:9090',
        cluster: 'prod-eu',
      }),
    ).toEqual([]);
  });

  it('escapes namespaces read from a cluster', () => {
    // Regex-escaped, then quoted: the values match only themselves and cannot end the string.
    expect(
      where([
        ['prod-eu', 'a"} or vector(1) #'],
        ['prod-eu', 'b.*|x'],
      ]),
    ).toEqual([
      String.raw`${mk},cluster="prod-eu",namespace=~"a\"\\} or vector\\(1\\) #|b\\.\\*\\|x"`,
    ]);
  });
});

describe('runningVersions', () => {
  const role = (
    modelKit: DeployedModelKit,
    rolloutRole?: 'stable' | 'canary',
  ): DeployedModelKit => ({ ...modelKit, ...(rolloutRole && { rolloutRole }) });
  const versionsOf = (
    clusters: Array<[string, DeployedModelKit[]]>,
  ): Array<[string, number | undefined, string | undefined]> =>
    runningVersions(
      {
        clusters: clusters.map(([name, modelKits]) => ({
          cluster: { name },
          modelKits,
        })),
      } as unknown as ComponentDeploymentsResponse,
      { labelValue: 'name@digest' },
    ).versions.map(v => [v.digest, v.trafficPercent, v.rolloutRole]);

  it('keeps the side of an Argo Rollouts canary, stable first', () => {
    expect(
      versionsOf([
        [
          'prod-eu',
          [
            role(kit(CANARY, 'v2', 20), 'canary'),
            role(kit(STABLE, 'v1', 80), 'stable'),
          ],
        ],
        ['prod-us', [role(kit(STABLE, 'v1', 100))]],
      ]),
    ).toEqual([
      [STABLE, 100, 'stable'],
      [CANARY, 20, 'canary'],
    ]);
  });

  it('gives no side to a version the clusters disagree on', () => {
    expect(
      versionsOf([
        ['prod-eu', [role(kit(STABLE, 'v1', 80), 'stable')]],
        ['prod-us', [role(kit(STABLE, 'v1', 30), 'canary')]],
      ]),
    ).toEqual([[STABLE, 80, undefined]]);
  });
});

describe('combine', () => {
  it('adds rates, weights the error ratio by traffic and bounds latency from above', () => {
    const part = (rate: number, ratio: number, p99: number) => ({
      time: 10,
      metrics: {
        requestRate: rate,
        errorRatio: ratio,
        latency: { p50: p99 / 2, p95: null, p99 },
      },
    });
    expect(combine([part(90, 0.01, 0.2), part(10, 0.5, 0.9)])).toEqual({
      time: 10,
      metrics: {
        requestRate: 100,
        errorRatio: (90 * 0.01 + 10 * 0.5) / 100,
        latency: { p50: 0.45, p95: null, p99: 0.9 },
      },
    });
    const error = { kind: 'timeout' as const, message: 'slow' };
    expect(combine([part(1, 0, 0), { time: 9, error }])).toEqual({
      time: 9,
      error,
    });
  });
});
