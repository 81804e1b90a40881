import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelKitDeploymentsClient } from './ModelKitDeploymentsClient';

describe('ModelKitDeploymentsClient', () => {
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
    reply = { status: 200, body: {} };
  });

  const client = () =>
    new ModelKitDeploymentsClient({
      discoveryApi: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('modelkit');
          return baseUrl;
        },
      },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });

  it('asks for a Component by namespace and name, each one path segment', async () => {
    reply = { status: 200, body: { clusters: [] } };
    const response = await client().getComponentDeployments({
      namespace: 'team a',
      name: 'support/api',
    });
    expect(response).toEqual({ clusters: [] });
    expect(requests[0].url).toBe(
      '/api/modelkit/deployments/components/team%20a/support%2Fapi',
    );
  });

  it('asks for a ModelKit', async () => {
    await client().getModelKitDeployments({
      namespace: 'default',
      name: 'support-sentiment',
    });
    expect(requests[0].url).toBe(
      '/api/modelkit/deployments/modelkits/default/support-sentiment',
    );
  });

  it('repeats fleet filters as query parameters and leaves out empty ones', async () => {
    await client().getFleetDeployments({
      owner: ['group:default/nlp-team', 'risk-team'],
      status: ['degraded', 'unknown'],
    });
    await client().getFleetDeployments();
    expect(requests.map(r => r.url)).toEqual([
      '/api/modelkit/deployments/fleet?owner=group%3Adefault%2Fnlp-team&owner=risk-team&status=degraded&status=unknown',
      '/api/modelkit/deployments/fleet',
    ]);
  });

  it('turns an error response into a ResponseError carrying the backend error', async () => {
    reply = {
      status: 404,
      body: {
        error: {
          name: 'NotFoundError',
          message: 'No Component default/nope',
        },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      },
    };
    await expect(
      client().getComponentDeployments({ namespace: 'default', name: 'nope' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError' } },
    });
  });
});
