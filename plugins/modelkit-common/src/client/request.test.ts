import { ResponseError } from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  encodeEntityName,
  ModelKitBackendApis,
  requestModelKitBackend,
} from './request';

describe('requestModelKitBackend', () => {
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

  const pluginIds: string[] = [];
  const apis: ModelKitBackendApis = {
    discoveryApi: {
      getBaseUrl: async pluginId => {
        pluginIds.push(pluginId);
        return baseUrl;
      },
    },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  };

  it('asks discovery for the modelkit plugin and returns the JSON answer', async () => {
    reply = { status: 200, body: { items: [1, 2] } };
    await expect(requestModelKitBackend(apis, '/things')).resolves.toEqual({
      items: [1, 2],
    });
    expect(pluginIds).toContain('modelkit');
    expect(requests[0].req.method).toBe('GET');
    expect(requests[0].req.url).toBe('/api/modelkit/things');
  });

  it('adds the query only when it has a parameter', async () => {
    await requestModelKitBackend(apis, '/a', { query: new URLSearchParams() });
    await requestModelKitBackend(apis, '/b', {
      query: new URLSearchParams({ from: 'v1', to: 'v 2' }),
    });
    expect(requests.map(r => r.req.url)).toEqual([
      '/api/modelkit/a',
      '/api/modelkit/b?from=v1&to=v+2',
    ]);
  });

  it('sends the method, headers and body it is given', async () => {
    await requestModelKitBackend(apis, '/post', {
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ a: 1 }),
      },
    });
    expect(requests[0].req.method).toBe('POST');
    expect(requests[0].req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0].body)).toEqual({ a: 1 });
  });

  it('calls fetch with the URL alone when there is no init', async () => {
    const calls: unknown[][] = [];
    await requestModelKitBackend(
      {
        discoveryApi: apis.discoveryApi,
        fetchApi: {
          fetch: (...args: Parameters<typeof fetch>) => {
            calls.push(args);
            return fetch(...args);
          },
        },
      },
      '/plain',
    );
    expect(calls).toEqual([[`${baseUrl}/plain`]]);
  });

  it('throws a ResponseError carrying the backend error on a failed answer', async () => {
    reply = {
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'no such ModelKit' },
        response: { statusCode: 404 },
      },
    };
    const error = await requestModelKitBackend<never>(apis, '/missing').catch(
      (e: ResponseError) => e,
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('no such ModelKit');
  });
});

describe('encodeEntityName', () => {
  it('encodes the namespace and the name as one path segment each', () => {
    expect(encodeEntityName({ namespace: 'team a', name: 'x/y' })).toBe(
      'team%20a/x%2Fy',
    );
  });
});
