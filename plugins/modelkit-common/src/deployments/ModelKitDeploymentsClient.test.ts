import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelKitDeploymentsClient } from './ModelKitDeploymentsClient';

describe('ModelKitDeploymentsClient', () => {
  let server: Server;
  let baseUrl: string;
  const requests: IncomingMessage[] = [];
  const bodies: string[] = [];
  let reply: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        bodies.push(body);
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
    bodies.length = 0;
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

  it('posts a delivery action as JSON to the actions route of the Component', async () => {
    reply = { status: 200, body: { action: 'reconcile', cluster: 'prod-eu' } };
    const response = await client().runDeliveryAction(
      { namespace: 'default', name: 'support/api' },
      {
        cluster: 'prod-eu',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'support-api',
        action: 'reconcile',
      },
    );
    expect(response).toEqual({ action: 'reconcile', cluster: 'prod-eu' });
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      '/api/modelkit/deployments/components/default/support%2Fapi/actions',
    );
    expect(requests[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(bodies[0])).toEqual({
      cluster: 'prod-eu',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'support-api',
      action: 'reconcile',
    });
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
