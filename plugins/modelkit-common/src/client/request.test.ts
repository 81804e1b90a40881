import { ResponseError } from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelKitDeploymentsClient } from '../deployments/ModelKitDeploymentsClient';
import {
  backendApisOf,
  encodeEntityName,
  ModelKitBackendApis,
  requestModelKitBackend,
} from './request';

describe('requestModelKitBackend', () => {
  let server: Server;
  let baseUrl: string;
  const requests: Array<{ req: IncomingMessage; body: string }> = [];
  // With an ETag, the server revalidates as the fleet route does: 304 when `If-None-Match`
  // names it (a weak ETag, as Express sets by default, is never answered 304).
  let reply: { status: number; body: unknown; etag?: string } = {
    status: 200,
    body: {},
  };
  const statuses: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        requests.push({ req, body });
        const { etag } = reply;
        if (etag) res.setHeader('etag', etag);
        if (
          etag &&
          !etag.startsWith('W/') &&
          req.headers['if-none-match'] === etag
        ) {
          statuses.push(304);
          res.writeHead(304).end();
          return;
        }
        statuses.push(reply.status);
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
    statuses.length = 0;
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

  describe('conditional GETs', () => {
    const ifNoneMatch = () => requests.map(r => r.req.headers['if-none-match']);

    it('sends the kept ETag back and returns the kept body on 304', async () => {
      const client = backendApisOf(apis);
      reply = { status: 200, body: { version: 1 }, etag: '"v1"' };
      const first = await requestModelKitBackend(client, '/fleet');
      const second = await requestModelKitBackend(client, '/fleet');
      expect(statuses).toEqual([200, 304]);
      expect(ifNoneMatch()).toEqual([undefined, '"v1"']);
      expect(second).toBe(first);
      expect(second).toEqual({ version: 1 });
    });

    it('replaces the kept answer when the backend answers a new version', async () => {
      const client = backendApisOf(apis);
      reply = { status: 200, body: { version: 1 }, etag: '"v1"' };
      await requestModelKitBackend(client, '/fleet');
      reply = { status: 200, body: { version: 2 }, etag: '"v2"' };
      const changed = await requestModelKitBackend(client, '/fleet');
      const again = await requestModelKitBackend(client, '/fleet');
      expect(statuses).toEqual([200, 200, 304]);
      expect(ifNoneMatch()).toEqual([undefined, '"v1"', '"v2"']);
      expect(changed).toEqual({ version: 2 });
      expect(again).toBe(changed);
    });

    it('keeps answers per URL, query included, and per client', async () => {
      const client = backendApisOf(apis);
      reply = { status: 200, body: {}, etag: '"v1"' };
      const page = (offset: string) => ({
        query: new URLSearchParams({ offset }),
      });
      await requestModelKitBackend(client, '/fleet', page('0'));
      await requestModelKitBackend(client, '/fleet', page('50'));
      await requestModelKitBackend(backendApisOf(apis), '/fleet', page('0'));
      expect(ifNoneMatch()).toEqual([undefined, undefined, undefined]);
      expect(statuses).toEqual([200, 200, 200]);
    });

    it('does not revalidate answers with a weak ETag, other methods, or without kept answers', async () => {
      const client = backendApisOf(apis);
      reply = { status: 200, body: {}, etag: 'W/"v1"' };
      await requestModelKitBackend(client, '/weak');
      await requestModelKitBackend(client, '/weak');
      reply = { status: 200, body: {}, etag: '"v1"' };
      const post = { init: { method: 'POST' } };
      await requestModelKitBackend(client, '/post', post);
      await requestModelKitBackend(client, '/post', post);
      await requestModelKitBackend(apis, '/plain');
      await requestModelKitBackend(apis, '/plain');
      expect(ifNoneMatch()).toEqual(Array(6).fill(undefined));
      expect(statuses).toEqual(Array(6).fill(200));
    });

    it('lets the fleet client of the deployments API poll with 304s', async () => {
      const client = new ModelKitDeploymentsClient(apis);
      reply = { status: 200, body: { services: [] }, etag: '"v1"' };
      const first = await client.getFleetDeployments({ limit: 50 });
      const second = await client.getFleetDeployments({ limit: 50 });
      expect(requests.map(r => r.req.url)).toEqual([
        '/api/modelkit/deployments/fleet?limit=50',
        '/api/modelkit/deployments/fleet?limit=50',
      ]);
      expect(ifNoneMatch()).toEqual([undefined, '"v1"']);
      expect(statuses).toEqual([200, 304]);
      expect(second).toBe(first);
    });
  });
});

describe('encodeEntityName', () => {
  it('encodes the namespace and the name as one path segment each', () => {
    expect(encodeEntityName({ namespace: 'team a', name: 'x/y' })).toBe(
      'team%20a/x%2Fy',
    );
  });
});
