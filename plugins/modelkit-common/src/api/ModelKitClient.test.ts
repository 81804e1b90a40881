import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelKitClient } from './ModelKitClient';

describe('ModelKitClient', () => {
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
    new ModelKitClient({
      discoveryApi: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('modelkit');
          return baseUrl;
        },
      },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });

  it('lists versions with the cursor and limit in the query', async () => {
    reply = {
      status: 200,
      body: { repository: 'r.example.com/a/b', items: [], nextCursor: 'c2' },
    };
    const page = await client().listVersions(
      { namespace: 'default', name: 'support-sentiment' },
      { cursor: 'c1', limit: 20 },
    );
    expect(page.nextCursor).toBe('c2');
    expect(requests[0].url).toBe(
      '/api/modelkit/modelkits/default/support-sentiment/versions?cursor=c1&limit=20',
    );
  });

  it('encodes a digest reference as one path segment', async () => {
    reply = { status: 200, body: { digest: 'sha256:ab' } };
    await client().getVersion(
      { namespace: 'default', name: 'm' },
      'sha256:abcd',
    );
    expect(requests[0].url).toBe(
      '/api/modelkit/modelkits/default/m/versions/sha256%3Aabcd',
    );
  });

  it('asks for a diff between two references', async () => {
    reply = { status: 200, body: { identical: false } };
    await client().diff({ namespace: 'team a', name: 'm' }, 'v1', 'v2');
    expect(requests[0].url).toBe(
      '/api/modelkit/modelkits/team%20a/m/diff?from=v1&to=v2',
    );
  });

  it('turns an error response into a ResponseError carrying the backend error', async () => {
    reply = {
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'No tag v9 in r/a' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      },
    };
    await expect(
      client().getVersion({ namespace: 'default', name: 'm' }, 'v9'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError', message: 'No tag v9 in r/a' } },
    });
  });
});
