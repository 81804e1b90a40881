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
import { LiveMetricsService } from './LiveMetricsService';

const STABLE = `sha256:${'a'.repeat(64)}`;
const CANARY = `sha256:${'b'.repeat(64)}`;

function kit(
  digest: string | undefined,
  tag: string,
  traffic: number,
): DeployedModelKit {
  return {
    reference: `registry.example.com/ml/sentiment:${tag}`,
    repository: 'registry.example.com/ml/sentiment',
    tag,
    ...(digest && { digest }),
    pinnedByDigest: false,
    foundIn: [],
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
      `sum(rate(modelkit_requests_total{modelkit="sentiment@${CANARY}"}[5m]))`,
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
