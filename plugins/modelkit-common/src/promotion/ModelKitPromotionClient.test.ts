import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelKitPromotionClient } from './ModelKitPromotionClient';

describe('ModelKitPromotionClient', () => {
  let server: Server;
  let baseUrl: string;
  const requests: Array<{ req: IncomingMessage; body: string }> = [];
  let reply: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        requests.push({ req, body });
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/modelkit`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    requests.length = 0;
    reply = { status: 200, body: {} };
  });

  const client = () =>
    new ModelKitPromotionClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });

  it('posts an evaluation request as JSON to the Component path', async () => {
    reply = { status: 200, body: { allowed: true } };
    const result = await client().evaluatePromotion(
      { namespace: 'team a', name: 'svc/x' },
      { environment: 'production', version: 'v3' },
    );
    expect(result).toEqual({ allowed: true });
    expect(requests[0].req.method).toBe('POST');
    expect(requests[0].req.url).toBe(
      '/api/modelkit/components/team%20a/svc%2Fx/promotions/evaluate',
    );
    expect(requests[0].req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0].body)).toEqual({
      environment: 'production',
      version: 'v3',
    });
  });

  it('asks for the history of one environment, or of all, and the environments', async () => {
    await client().getPromotionHistory(
      { namespace: 'default', name: 'svc' },
      { environment: 'production' },
    );
    await client().getPromotionHistory({ namespace: 'default', name: 'svc' });
    await client().getEnvironments();
    expect(requests.map(r => r.req.url)).toEqual([
      '/api/modelkit/components/default/svc/promotions?environment=production',
      '/api/modelkit/components/default/svc/promotions',
      '/api/modelkit/environments',
    ]);
  });

  it('throws a ResponseError carrying the backend error', async () => {
    reply = {
      status: 403,
      body: {
        error: { name: 'NotAllowedError', message: 'remote not allowed' },
      },
    };
    const error = await client()
      .getPromotionHistory({ namespace: 'default', name: 'svc' })
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toMatchObject({ name: 'ResponseError', statusCode: 403 });
    expect(JSON.stringify(error.body)).toContain('remote not allowed');
  });
});
