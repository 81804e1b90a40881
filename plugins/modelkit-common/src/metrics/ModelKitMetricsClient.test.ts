import { ResponseError } from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelKitMetricsClient } from './ModelKitMetricsClient';

describe('ModelKitMetricsClient', () => {
  let server: Server;
  let baseUrl: string;
  const requests: IncomingMessage[] = [];
  let reply: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/modelkit`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    requests.length = 0;
  });

  const client = () =>
    new ModelKitMetricsClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });

  it('asks the backend for a Component, each name one path segment', async () => {
    reply = { status: 200, body: { configured: false } };
    await expect(
      client().getComponentLiveMetrics({ namespace: 'team a', name: 'x/y' }),
    ).resolves.toEqual({ configured: false });
    expect(requests[0].method).toBe('GET');
    expect(requests[0].url).toBe(
      '/api/modelkit/metrics/components/team%20a/x%2Fy',
    );
  });

  it('turns an error answer into a ResponseError with the backend message', async () => {
    reply = {
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'Live metrics need the permission',
        },
        request: { method: 'GET', url: '/' },
        response: { statusCode: 403 },
      },
    };
    const error = await client()
      .getComponentLiveMetrics({ namespace: 'default', name: 'api' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe('Live metrics need the permission');
  });
});
