import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { buildDemoFleet } from '@kitstage/plugin-modelkit-node/testUtils';
import { createDemoModule } from './createDemoModule';
import { evaluate, seriesOfFleet, SimulatedSeries } from './simulatedMetrics';

const MAX_BODY = 100_000;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json',
    // Nobody must take these numbers for a real Prometheus's.
    'x-kitstage-simulated': 'true',
  });
  res.end(JSON.stringify(body));
}

async function readParams(req: IncomingMessage): Promise<URLSearchParams> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'POST') return url.searchParams;
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) throw new Error('request body too large');
  }
  const params = new URLSearchParams(body);
  url.searchParams.forEach((value, key) => params.append(key, value));
  return params;
}

const sample = (time: number, value: number | undefined) =>
  value === undefined ? undefined : [time, String(value)];

/** Answers `/api/v1/query` and `/api/v1/query_range` from the demo fleet's series. */
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  series: SimulatedSeries[],
) {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const params = await readParams(req);
  const query = params.get('query');
  if (path !== '/api/v1/query' && path !== '/api/v1/query_range') {
    send(res, 404, {
      status: 'error',
      errorType: 'not_found',
      error: `no ${path}`,
    });
    return;
  }
  if (!query) {
    send(res, 400, {
      status: 'error',
      errorType: 'bad_data',
      error: 'query is required',
    });
    return;
  }
  const metric = { simulated: 'SIMULATED' };
  if (path === '/api/v1/query') {
    const time = Number(params.get('time') ?? Date.now() / 1000);
    const value = sample(time, evaluate(query, time, series));
    send(res, 200, {
      status: 'success',
      data: { resultType: 'vector', result: value ? [{ metric, value }] : [] },
    });
    return;
  }
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const step = Number(params.get('step'));
  if (!(step > 0) || !(end >= start) || (end - start) / step > 11_000) {
    send(res, 400, {
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid start, end or step',
    });
    return;
  }
  const values = [];
  for (let time = start; time <= end; time += step) {
    const value = sample(time, evaluate(query, time, series));
    if (value) values.push(value);
  }
  send(res, 200, {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: values.length ? [{ metric, values }] : [],
    },
  });
}

/**
 * Serves made-up live metrics of the demo fleet's ModelKit versions through the part of the
 * Prometheus HTTP API the backend's Prometheus client calls (`/api/v1/query`, and
 * `/api/v1/query_range`), so the real metrics code runs in the demo portal. The numbers are
 * SIMULATED: deterministic, moving with time; the newest version of a repository (a canary's
 * latest revision) answers slower and errs more. Nothing starts unless
 * `kitstage.demo.simulatedPrometheus` is configured:
 *
 * ```yaml
 * kitstage:
 *   demo:
 *     simulatedPrometheus: { port: 7190 }
 *   prometheus:
 *     url: http://127.0.0.1:7190/
 * ```
 *
 * It listens on 127.0.0.1 only and stops with the backend.
 */
export const modelkitModuleSimulatedPrometheus = createDemoModule({
  pluginId: 'modelkit',
  moduleId: 'simulated-prometheus',
  configKey: 'simulatedPrometheus',
  async start({ settings, logger }) {
    const series = seriesOfFleet(buildDemoFleet());
    const server: Server = createServer((req, res) => {
      handle(req, res, series).catch(error =>
        send(res, 400, {
          status: 'error',
          errorType: 'bad_data',
          error: String(error),
        }),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.getNumber('port'), '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    logger.info(
      `Simulated Prometheus (SIMULATED metrics of ${series.length} demo series) at http://127.0.0.1:${port}/`,
    );
    return {
      stop: () => new Promise<void>(resolve => server.close(() => resolve())),
    };
  },
});

export default modelkitModuleSimulatedPrometheus;
