import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ModelKitClient } from './ModelKitClient';

describe('ModelKitClient', () => {
  let server: Server;
  let baseUrl: string;
  const requests: IncomingMessage[] = [];
  let reply:
    | { status: number; body: unknown }
    | ((req: IncomingMessage) => { status: number; body: unknown }) = {
    status: 200,
    body: {},
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      const { status, body } = typeof reply === 'function' ? reply(req) : reply;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
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

  describe('attestations and policy status', () => {
    const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
    const entity = { namespace: 'default', name: 'support-sentiment' };

    it('asks for the attestations of a version, the reference as one path segment', async () => {
      reply = { status: 200, body: { digest: digest(1) } };
      const response = await client().getAttestations(entity, digest(1));
      expect(response.digest).toBe(digest(1));
      expect(requests[0].url).toBe(
        `/api/modelkit/modelkits/default/support-sentiment/versions/sha256%3A${digest(
          1,
        ).slice(7)}/attestations`,
      );
    });

    it('asks for the policy status of many digests in batches of 100, keeping their order once each', async () => {
      reply = req => {
        const digests = new URL(req.url!, 'http://x').searchParams
          .get('digests')!
          .split(',');
        return {
          status: 200,
          body: {
            repository: 'registry.example.com/kitstage-demo/support-sentiment',
            lifecycle: 'production',
            items: digests.map(d => ({ digest: d, status: 'missing' })),
          },
        };
      };
      const wanted = Array.from({ length: 230 }, (_, i) => digest(i));
      const response = await client().getPolicyStatus(entity, [
        ...wanted,
        digest(5),
      ]);
      expect(requests).toHaveLength(3);
      const sizes = requests.map(
        r =>
          new URL(r.url!, 'http://x').searchParams.get('digests')!.split(',')
            .length,
      );
      expect(sizes.sort()).toEqual([100, 100, 30]);
      expect(response.lifecycle).toBe('production');
      expect(response.items.map(i => i.digest)).toEqual(wanted);
    });

    it('still asks once for no digests, so authorization errors surface', async () => {
      reply = {
        status: 404,
        body: {
          error: { name: 'NotFoundError', message: 'No ModelKit entity' },
          request: { method: 'GET', url: '/x' },
          response: { statusCode: 404 },
        },
      };
      await expect(client().getPolicyStatus(entity, [])).rejects.toMatchObject({
        statusCode: 404,
      });
      expect(requests[0].url).toBe(
        '/api/modelkit/modelkits/default/support-sentiment/policy?digests=',
      );
    });

    it('asks for the policy status of the latest version', async () => {
      reply = { status: 200, body: { lifecycle: 'experimental' } };
      const response = await client().getLatestPolicyStatus(entity);
      expect(response.lifecycle).toBe('experimental');
      expect(requests[0].url).toBe(
        '/api/modelkit/modelkits/default/support-sentiment/policy/latest',
      );
    });
  });
  describe('lineage and model card', () => {
    const entity = { namespace: 'default', name: 'support-sentiment' };

    it('asks for the lineage of a ModelKit at a version, with a depth', async () => {
      reply = { status: 200, body: { entityRef: 'modelkit:default/x' } };
      const response = await client().getLineage(entity, {
        version: 'sha256:abcd',
        maxDepth: 2,
      });
      expect(response.entityRef).toBe('modelkit:default/x');
      expect(requests[0].url).toBe(
        '/api/modelkit/modelkits/default/support-sentiment/lineage?version=sha256%3Aabcd&maxDepth=2',
      );
    });

    it('asks for the lineage of the newest version without a query', async () => {
      reply = { status: 200, body: {} };
      await client().getLineage(entity);
      expect(requests[0].url).toBe(
        '/api/modelkit/modelkits/default/support-sentiment/lineage',
      );
    });

    it('asks for the lineage of a Component under /components', async () => {
      reply = { status: 200, body: { entityRef: 'component:default/api' } };
      await client().getComponentLineage(
        { namespace: 'team a', name: 'api' },
        { maxDepth: 0 },
      );
      expect(requests[0].url).toBe(
        '/api/modelkit/components/team%20a/api/lineage?maxDepth=0',
      );
    });

    it('asks for the model card of a version and maps errors to ResponseError', async () => {
      reply = {
        status: 403,
        body: {
          error: { name: 'NotAllowedError', message: 'Not allowed' },
          request: { method: 'GET', url: '/x' },
          response: { statusCode: 403 },
        },
      };
      await expect(
        client().getModelCard(entity, 'v1.0.0'),
      ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
      expect(requests[0].url).toBe(
        '/api/modelkit/modelkits/default/support-sentiment/versions/v1.0.0/model-card',
      );
    });
  });
});
