import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  buildTestModelKit,
  createTestCertificate,
  LoopbackServer,
  startLoopbackServer,
  TestArtifact,
  TestCertificate,
} from '../testing';
import { sha256Digest } from './digest';
import { OciMediaTypes } from './manifest';
import {
  createRegistryService,
  StandaloneRegistryService,
} from './RegistryService';
import { OciSource } from './types';

jest.setTimeout(30_000);

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

const USERNAME = 'kitstage';
const PASSWORD = `fault-${randomBytes(8).toString('hex')}`;
const BASIC = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString(
  'base64',
)}`;
const REPO = 'team/model';
const MiB = 1024 * 1024;

/**
 * A loopback registry that misbehaves on purpose. Each test installs the behaviour of the
 * registry (`registryRoute`) and of another host (`otherRoute`) that records every request,
 * so the tests can prove that no credential leaves for it.
 */
describe('RegistryClient against a misbehaving registry', () => {
  let cert: TestCertificate;
  let registry: LoopbackServer;
  let secureRegistry: LoopbackServer;
  let other: LoopbackServer;
  let registryRoute: Handler;
  let otherRoute: Handler;
  let modelKit: TestArtifact;
  let faults = 0;
  const services: StandaloneRegistryService[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    cert = await createTestCertificate({ ipAddresses: ['127.0.0.1'] });
    const dispatch: Handler = (req, res) => registryRoute(req, res);
    registry = await startLoopbackServer(dispatch);
    secureRegistry = await startLoopbackServer(dispatch, { tls: cert });
    other = await startLoopbackServer((req, res) => otherRoute(req, res));
    modelKit = await buildTestModelKit({
      kitfile: { package: { name: 'model' }, model: { path: 'model.bin' } },
    });
  });

  beforeEach(() => {
    registryRoute = withBasic(() => undefined);
    otherRoute = (_req, res) => {
      res.writeHead(404).end();
    };
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await Promise.all(services.map(s => s.close()));
    await Promise.all([
      registry?.close(),
      secureRegistry?.close(),
      other?.close(),
    ]);
    // eslint-disable-next-line no-console
    console.log(`Registry fault tests: ${faults} faults tried, none crashed`);
  });

  afterEach(() => {
    // Whatever happened, the other host never saw the registry's credentials, and no
    // promise was left to reject unhandled.
    const leaked = other.requests.filter(r => r.headers.authorization);
    if (leaked.length > 0) {
      throw new Error(
        `credentials reached the other host: ${leaked
          .map(r => r.url)
          .join(', ')}`,
      );
    }
    if (unhandled.length > 0) {
      throw new Error(
        `unhandled rejections: ${unhandled.map(String).join('; ')}`,
      );
    }
  });

  /** Answers 401 with a Basic challenge unless the request carries the right credentials. */
  function withBasic(
    route: (
      req: IncomingMessage,
      res: ServerResponse,
    ) => void | Promise<void> | undefined,
  ): Handler {
    return async (req, res) => {
      if (req.headers.authorization !== BASIC) {
        res.writeHead(401, {
          'www-authenticate': 'Basic realm="faulty"',
          'content-type': 'application/json',
        });
        res.end(
          '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
        );
        return;
      }
      await route(req, res);
      if (!res.headersSent && !res.writableEnded) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"errors":[{"code":"NAME_UNKNOWN","message":"not here"}]}');
      }
    };
  }

  function client(
    options: { secure?: boolean; auth?: JsonObject; limits?: JsonObject } = {},
  ): { source: OciSource; service: StandaloneRegistryService } {
    const target = options.secure ? secureRegistry : registry;
    const service = createRegistryService({
      config: new ConfigReader({
        kitstage: {
          registries: [
            {
              name: 'faulty',
              url: target.url,
              auth: options.auth ?? { username: USERNAME, password: PASSWORD },
              ...(options.secure ? { tls: { ca: cert.cert } } : {}),
              limits: {
                connectTimeout: { milliseconds: 1000 },
                requestTimeout: { milliseconds: 700 },
                maxRetries: 2,
                retryBaseDelay: { milliseconds: 10 },
                maxRetryDelay: { seconds: 3 },
                maxPages: 5,
                ...options.limits,
              },
            },
          ],
        },
      }),
      logger: mockServices.rootLogger({ level: 'none' }),
    });
    services.push(service);
    return { source: service.getSource('faulty'), service };
  }

  async function expectFault(
    promise: Promise<unknown>,
    expected: Record<string, unknown>,
  ) {
    faults += 1;
    const error = await promise.then(
      () => {
        throw new Error('the call succeeded but should have failed');
      },
      (e: unknown) => e as Error & Record<string, unknown>,
    );
    expect(error).toMatchObject({
      name: 'RegistryError',
      registry: 'faulty',
      ...expected,
    });
    const text = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(BASIC.slice(6));
    return error;
  }

  function serveManifest(
    res: ServerResponse,
    raw: string | Buffer,
    headers: Record<string, string> = {},
  ) {
    const body = Buffer.from(raw);
    res.writeHead(200, {
      'content-type': OciMediaTypes.imageManifest,
      'content-length': String(body.byteLength),
      ...headers,
    });
    res.end(body);
  }

  const manifestPath = (reference: string) =>
    `/v2/${REPO}/manifests/${reference}`;

  describe('server errors and rate limits', () => {
    it('gives up on persistent 500s after the configured retries', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          '{"errors":[{"code":"UNKNOWN","message":"storage backend down"}]}',
        );
      });
      const { source, service } = client();
      const error = await expectFault(source.getManifest(REPO, 'v1'), {
        reason: 'server-error',
        status: 500,
        repository: REPO,
        reference: 'v1',
      });
      expect(error.message).toContain(registry.host);
      expect(error.message).toContain('storage backend down');
      expect(service.getRequestCounts()[0]).toMatchObject({ retries: 2 });
    });

    it('recovers from a transient 502', async () => {
      let calls = 0;
      registryRoute = withBasic((req, res) => {
        if (req.url === manifestPath('v1')) {
          calls += 1;
          if (calls === 1) {
            res.writeHead(502).end('bad gateway');
            return;
          }
          serveManifest(res, modelKit.raw);
        }
      });
      const { source } = client();
      faults += 1;
      await expect(source.getManifest(REPO, 'v1')).resolves.toMatchObject({
        digest: modelKit.digest,
      });
      expect(calls).toBe(2);
    });

    it('waits for a Retry-After given in seconds on 429', async () => {
      let calls = 0;
      registryRoute = withBasic((req, res) => {
        if (req.url === manifestPath('v1')) {
          calls += 1;
          if (calls === 1) {
            res.writeHead(429, { 'retry-after': '1' }).end();
            return;
          }
          serveManifest(res, modelKit.raw);
        }
      });
      const { source } = client();
      faults += 1;
      const started = Date.now();
      await expect(source.getManifest(REPO, 'v1')).resolves.toMatchObject({
        digest: modelKit.digest,
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('waits for a Retry-After given as an HTTP date on 503', async () => {
      let calls = 0;
      registryRoute = withBasic((req, res) => {
        if (req.url === manifestPath('v1')) {
          calls += 1;
          if (calls === 1) {
            res
              .writeHead(503, {
                'retry-after': new Date(Date.now() + 2000).toUTCString(),
              })
              .end();
            return;
          }
          serveManifest(res, modelKit.raw);
        }
      });
      const { source } = client();
      faults += 1;
      const started = Date.now();
      await expect(source.getManifest(REPO, 'v1')).resolves.toBeDefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(calls).toBe(2);
    });

    it('does not wait for a Retry-After beyond the limit', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(429, { 'retry-after': '3600' }).end();
      });
      const { source } = client();
      const started = Date.now();
      const error = await expectFault(source.listTags(REPO), {
        reason: 'rate-limited',
        status: 429,
      });
      expect(error.message).toContain('retry after 3600 s');
      expect(error.message).toContain('limits.maxRetryDelay');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('reports a registry that stays rate limited', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(429, { 'retry-after': '0' }).end();
      });
      const { source, service } = client();
      await expectFault(source.listTags(REPO), {
        reason: 'rate-limited',
        status: 429,
      });
      expect(service.getRequestCounts()[0].byKind.tags).toBe(4); // challenge + 3 attempts
    });
  });

  describe('broken connections', () => {
    it('times out when the registry never answers', async () => {
      registryRoute = withBasic(() => new Promise(() => {}));
      const { source } = client({ limits: { maxRetries: 0 } });
      const error = await expectFault(source.getManifest(REPO, 'v1'), {
        reason: 'timeout',
      });
      expect(error.message).toContain('limits.requestTimeout');
    });

    it('times out when the body stalls half way', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(200, {
          'content-type': OciMediaTypes.imageManifest,
          'content-length': String(Buffer.byteLength(modelKit.raw)),
        });
        res.write(modelKit.raw.slice(0, 20));
      });
      const { source } = client({ limits: { maxRetries: 0 } });
      const error = await expectFault(source.getManifest(REPO, 'v1'), {
        reason: 'timeout',
      });
      expect(error.message).toContain('within 700 ms');
    });

    it('detects a truncated body and retries it', async () => {
      let calls = 0;
      registryRoute = withBasic((_req, res) => {
        calls += 1;
        res.writeHead(200, {
          'content-type': OciMediaTypes.imageManifest,
          'content-length': '1000',
        });
        res.write('{"schemaVersion":2,');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const { source } = client();
      const error = await expectFault(source.getManifest(REPO, 'v1'), {
        reason: 'truncated',
      });
      expect(error.message).toContain('broke off after');
      expect(calls).toBe(3);
    });

    it('reports a reset connection as a network error', async () => {
      registryRoute = withBasic((_req, res) => {
        res.socket?.destroy();
      });
      const { source } = client({ limits: { maxRetries: 1 } });
      const error = await expectFault(source.listRepositories(), {
        reason: 'network',
      });
      expect(error.message).toContain('the catalog request failed');
    });

    it('reports a registry that is down', async () => {
      const down = await startLoopbackServer(() => undefined);
      await down.close();
      const service = createRegistryService({
        config: new ConfigReader({
          kitstage: {
            registries: [
              {
                name: 'faulty',
                url: down.url,
                limits: { maxRetries: 1, retryBaseDelay: { milliseconds: 10 } },
              },
            ],
          },
        }),
        logger: mockServices.rootLogger({ level: 'none' }),
      });
      services.push(service);
      const error = await expectFault(
        service.getSource('faulty').listRepositories(),
        {
          reason: 'network',
        },
      );
      expect(error.message).toContain('ECONNREFUSED');
    });
  });

  describe('content that is not what it claims', () => {
    it('refuses a manifest that does not match the digest it was fetched by', async () => {
      const tampered = modelKit.raw.replace(
        '"schemaVersion":2',
        '"schemaVersion": 2',
      );
      registryRoute = withBasic((req, res) => {
        if (req.url === manifestPath(modelKit.digest)) {
          serveManifest(res, tampered);
        }
      });
      const { source } = client();
      const error = await expectFault(
        source.getManifest(REPO, modelKit.digest),
        {
          reason: 'digest-mismatch',
          reference: modelKit.digest,
        },
      );
      expect(error.message).toContain(sha256Digest(tampered));
    });

    it('refuses a manifest whose Docker-Content-Digest does not match its bytes', async () => {
      registryRoute = withBasic((req, res) => {
        if (req.url === manifestPath('v1')) {
          serveManifest(res, modelKit.raw, {
            'docker-content-digest': sha256Digest('something else'),
          });
        }
      });
      const { source } = client();
      const error = await expectFault(source.getManifest(REPO, 'v1'), {
        reason: 'digest-mismatch',
      });
      expect(error.message).toContain('Docker-Content-Digest');
      expect(error.message).toContain(modelKit.digest);
    });

    it('refuses a blob that does not match its digest or its size', async () => {
      const config = modelKit.blobs[0];
      registryRoute = withBasic((req, res) => {
        if (req.url?.startsWith(`/v2/${REPO}/blobs/`)) {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          res.end('{"tampered":true}');
        }
      });
      const { source } = client();
      const digest = sha256Digest(config);
      const mismatch = await expectFault(source.getBlob(REPO, digest), {
        reason: 'digest-mismatch',
        reference: digest,
      });
      expect(mismatch.message).toContain(
        `hashes to ${sha256Digest('{"tampered":true}')}`,
      );
      const size = await expectFault(
        source.getBlob(REPO, {
          mediaType: 'application/json',
          digest,
          size: config.byteLength + 5,
        }),
        { reason: 'size-mismatch' },
      );
      expect(size.message).toContain(
        `its descriptor says ${config.byteLength + 5}`,
      );
    });

    it('stops reading a 50 MiB manifest announced by Content-Length', async () => {
      const sent = { bytes: 0, done: false };
      registryRoute = withBasic(async (_req, res) => {
        res.writeHead(200, {
          'content-type': OciMediaTypes.imageManifest,
          'content-length': String(50 * MiB),
        });
        await writeSlowly(res, 50 * MiB, sent);
      });
      const { source } = client({ limits: { maxRetries: 0 } });
      const error = await expectFault(source.getManifest(REPO, 'v1'), {
        reason: 'too-large',
      });
      expect(error.message).toContain(
        `announces ${50 * MiB} bytes, more than the ${4 * MiB} allowed`,
      );
      await waitFor(() => sent.done);
      expect(sent.bytes).toBeLessThan(16 * MiB);
    });

    it('stops reading a 50 MiB manifest sent without a length, as soon as the cap is passed', async () => {
      const sent = { bytes: 0, done: false };
      registryRoute = withBasic(async (_req, res) => {
        res.writeHead(200, { 'content-type': OciMediaTypes.imageManifest });
        await writeSlowly(res, 50 * MiB, sent);
      });
      const { source } = client({ limits: { maxRetries: 0 } });
      const error = await expectFault(source.getManifest(REPO, 'v1'), {
        reason: 'too-large',
      });
      expect(error.message).toContain('the download was stopped');
      await waitFor(() => sent.done);
      expect(sent.bytes).toBeGreaterThan(4 * MiB);
      expect(sent.bytes).toBeLessThan(16 * MiB);
    });

    it('refuses a blob larger than the cap before asking for it', async () => {
      const { source, service } = client();
      await expectFault(
        source.getBlob(REPO, {
          mediaType: 'application/octet-stream',
          digest: sha256Digest('x'),
          size: 2 * MiB,
        }),
        { reason: 'too-large' },
      );
      expect(service.getRequestCounts()[0].total).toBe(0);
    });

    it('rejects malformed JSON, invalid manifests, schema 1 and bad UTF-8', async () => {
      const bodies: Record<string, string | Buffer> = {
        json: '{"schemaVersion":2,',
        shape: JSON.stringify({
          schemaVersion: 2,
          mediaType: OciMediaTypes.imageManifest,
          config: { mediaType: 'a/b', digest: 'sha256:nothex', size: 1 },
          layers: [],
        }),
        layers: JSON.stringify({
          schemaVersion: 2,
          mediaType: OciMediaTypes.imageManifest,
          config: modelKit.manifest.config,
          layers: 'none',
        }),
        schema1: JSON.stringify({
          schemaVersion: 1,
          mediaType:
            'application/vnd.docker.distribution.manifest.v1+prettyjws',
          name: REPO,
        }),
        utf8: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      };
      registryRoute = withBasic((req, res) => {
        const tag = req.url?.split('/').pop() ?? '';
        if (tag in bodies) {
          serveManifest(res, bodies[tag], {
            'content-type': 'application/json',
          });
        }
      });
      const { source } = client();
      const json = await expectFault(source.getManifest(REPO, 'json'), {
        reason: 'invalid-response',
      });
      expect(json.message).toContain('not valid JSON');
      const shape = await expectFault(source.getManifest(REPO, 'shape'), {
        reason: 'invalid-response',
      });
      expect(shape.message).toContain('config.digest');
      const layers = await expectFault(source.getManifest(REPO, 'layers'), {
        reason: 'invalid-response',
      });
      expect(layers.message).toContain('layers');
      await expectFault(source.getManifest(REPO, 'schema1'), {
        reason: 'unsupported-media-type',
      });
      const utf8 = await expectFault(source.getManifest(REPO, 'utf8'), {
        reason: 'invalid-response',
      });
      expect(utf8.message).toContain('UTF-8');
    });

    it('rejects a malformed tag list', async () => {
      let body = '{"name":"team/model","tags":';
      registryRoute = withBasic((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      const { source } = client();
      await expectFault(source.listTags(REPO), { reason: 'invalid-response' });
      body = '{"name":"team/model","tags":"v1"}';
      const error = await expectFault(client().source.listTags(REPO), {
        reason: 'invalid-response',
      });
      expect(error.message).toContain('"tags" array');
    });
  });

  describe('pagination', () => {
    it('follows relative Link headers page by page', async () => {
      registryRoute = withBasic((req, res) => {
        const url = new URL(req.url!, 'http://x');
        const last = url.searchParams.get('last');
        const pages: Record<string, [string[], string | undefined]> = {
          '': [['a', 'b'], 'b'],
          b: [['c', 'd'], 'd'],
          d: [['e'], undefined],
        };
        const [tags, next] = pages[last ?? ''];
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(next
            ? { link: `</v2/${REPO}/tags/list?n=2&last=${next}>; rel="next"` }
            : {}),
        });
        res.end(JSON.stringify({ name: REPO, tags }));
      });
      const { source, service } = client({ limits: { pageSize: 2 } });
      await expect(source.listTags(REPO)).resolves.toEqual({
        repository: REPO,
        tags: ['a', 'b', 'c', 'd', 'e'],
        truncated: false,
      });
      expect(service.getRequestCounts()[0].byKind.tags).toBe(4); // challenge + 3 pages
    });

    it('stops at the tag cap without asking for the next page', async () => {
      registryRoute = withBasic((req, res) => {
        const last = new URL(req.url!, 'http://x').searchParams.get('last');
        res.writeHead(200, {
          'content-type': 'application/json',
          link: `</v2/${REPO}/tags/list?n=2&last=${last ?? ''}x>; rel="next"`,
        });
        res.end(
          JSON.stringify({
            name: REPO,
            tags: [`${last ?? ''}a`, `${last ?? ''}b`],
          }),
        );
      });
      const { source, service } = client({
        limits: { pageSize: 2, maxTagsPerRepository: 4 },
      });
      await expect(source.listTags(REPO)).resolves.toEqual({
        repository: REPO,
        tags: ['a', 'b', 'xa', 'xb'],
        truncated: true,
      });
      expect(service.getRequestCounts()[0].byKind.tags).toBe(3); // challenge + 2 pages
    });

    it('refuses an endless Link chain once the page cap is reached', async () => {
      registryRoute = withBasic((req, res) => {
        const page = Number(
          new URL(req.url!, 'http://x').searchParams.get('page') ?? 0,
        );
        res.writeHead(200, {
          'content-type': 'application/json',
          link: `</v2/_catalog?page=${page + 1}>; rel="next"`,
        });
        res.end(JSON.stringify({ repositories: [`repo-${page}`] }));
      });
      const { source, service } = client();
      const error = await expectFault(source.listRepositories(), {
        reason: 'too-many-pages',
      });
      expect(error.message).toContain('more than 5 pages (limits.maxPages)');
      expect(service.getRequestCounts()[0].byKind.catalog).toBe(6); // challenge + 5 pages
    });

    it('refuses a Link chain that loops', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          link: `</v2/_catalog?n=100>; rel="next"`,
        });
        res.end(JSON.stringify({ repositories: ['a'] }));
      });
      const error = await expectFault(client().source.listRepositories(), {
        reason: 'invalid-response',
      });
      expect(error.message).toContain('loops back');
    });

    it('follows a Link to another host without credentials', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          link: `<${other.url}/v2/_catalog?last=a>; rel="next"`,
        });
        res.end(JSON.stringify({ repositories: ['a'] }));
      });
      otherRoute = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ repositories: ['b'] }));
      };
      faults += 1;
      const before = other.requests.length;
      await expect(client().source.listRepositories()).resolves.toEqual([
        'a',
        'b',
      ]);
      const received = other.requests.slice(before);
      expect(received).toHaveLength(1);
      expect(received[0].headers.authorization).toBeUndefined();
    });

    it('refuses a Link from https to plain http', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          link: `<${other.url}/v2/_catalog?last=a>; rel="next"`,
        });
        res.end(JSON.stringify({ repositories: ['a'] }));
      });
      const before = other.requests.length;
      const error = await expectFault(
        client({ secure: true }).source.listRepositories(),
        {
          reason: 'forbidden-host',
          host: other.host,
        },
      );
      expect(error.message).toContain('from https');
      expect(other.requests.length).toBe(before);
    });
  });

  describe('token realms and redirects pointing elsewhere', () => {
    it('asks a token realm on another host without credentials', async () => {
      registryRoute = (_req, res) => {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="${other.url}/token",service="faulty",scope="repository:${REPO}:pull"`,
        });
        res.end();
      };
      otherRoute = (_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
      };
      const before = other.requests.length;
      const error = await expectFault(client().source.getManifest(REPO, 'v1'), {
        reason: 'unauthorized',
      });
      expect(error.message).toContain(
        `the token server ${other.host} refused an anonymous request`,
      );
      const received = other.requests.slice(before);
      expect(received).toHaveLength(1);
      expect(received[0].url).toBe(
        `/token?service=faulty&scope=${encodeURIComponent(
          `repository:${REPO}:pull`,
        )}`,
      );
    });

    it('refuses a token realm that goes from https to plain http', async () => {
      registryRoute = (_req, res) => {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="${other.url}/token",service="faulty"`,
        });
        res.end();
      };
      const before = other.requests.length;
      await expectFault(
        client({ secure: true }).source.getManifest(REPO, 'v1'),
        {
          reason: 'forbidden-host',
          host: other.host,
        },
      );
      expect(other.requests.length).toBe(before);
    });

    it('names the token server when it cannot be reached', async () => {
      const gone = await startLoopbackServer(() => undefined);
      await gone.close();
      registryRoute = (_req, res) => {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="${gone.url}/token",service="faulty"`,
        });
        res.end();
      };
      const error = await expectFault(
        client({ limits: { maxRetries: 0 } }).source.getManifest(REPO, 'v1'),
        { reason: 'network', host: gone.host },
      );
      expect(error.message).toContain(
        `the token server ${gone.host} could not be reached: ECONNREFUSED`,
      );
    });

    it('rejects a token server that answers nonsense', async () => {
      registryRoute = (req, res) => {
        if (req.headers.authorization === 'Bearer t0k3n') {
          serveManifest(res, modelKit.raw);
          return;
        }
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="/token",service="faulty"`,
        });
        res.end();
      };
      const tokenBodies = ['not json', '{"token":""}', '{"token":"a b"}'];
      const { source } = client();
      for (const body of tokenBodies) {
        const route = registryRoute;
        registryRoute = (req, res) => {
          if (req.url?.startsWith('/token')) {
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(body);
            return undefined;
          }
          return route(req, res);
        };
        await expectFault(source.getManifest(REPO, 'v1'), {
          reason: 'invalid-response',
        });
        registryRoute = route;
      }
      // A well-formed answer from the same realm works.
      registryRoute = (
        (route: Handler): Handler =>
        (req, res) => {
          if (req.url?.startsWith('/token')) {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ token: 't0k3n', expires_in: 300 }));
            return undefined;
          }
          return route(req, res);
        }
      )(registryRoute);
      await expect(source.getManifest(REPO, 'v1')).resolves.toMatchObject({
        digest: modelKit.digest,
      });
    });

    it('follows a blob redirect to another host without credentials, and still verifies the blob', async () => {
      const config = modelKit.blobs[0];
      const digest = sha256Digest(config);
      registryRoute = withBasic((req, res) => {
        if (req.url === `/v2/${REPO}/blobs/${digest}`) {
          res
            .writeHead(307, {
              location: `${other.url}/storage/${digest}?signature=abc`,
            })
            .end();
        }
      });
      otherRoute = (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/octet-stream' })
          .end(config);
      };
      faults += 1;
      const before = other.requests.length;
      const blob = await client().source.getBlob(REPO, digest);
      expect(blob.equals(config)).toBe(true);
      const received = other.requests.slice(before);
      expect(received).toHaveLength(1);
      expect(received[0].url).toBe(`/storage/${digest}?signature=abc`);
    });

    it('refuses a redirect from https to plain http', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(307, { location: `${other.url}/storage/blob` }).end();
      });
      const before = other.requests.length;
      const error = await expectFault(
        client({ secure: true }).source.getBlob(REPO, sha256Digest('x')),
        { reason: 'forbidden-host', host: other.host },
      );
      expect(error.message).toContain(`to plain http (${other.host})`);
      expect(other.requests.length).toBe(before);
    });

    it('refuses redirects to private, link-local and special addresses', async () => {
      const targets = [
        'http://10.255.255.1/blob',
        'http://169.254.169.254/latest/meta-data/',
        'http://[fd00::1]/blob',
        'http://[::ffff:192.168.1.1]/blob',
        'http://0.0.0.0/blob',
      ];
      for (const target of targets) {
        registryRoute = withBasic((_req, res) => {
          res.writeHead(302, { location: target }).end();
        });
        const error = await expectFault(
          client().source.getBlob(REPO, sha256Digest('x')),
          {
            reason: 'forbidden-host',
          },
        );
        expect(error.message).toMatch(
          /resolves to the (private|link-local|special) address/,
        );
      }
    });

    it('refuses a redirect to a non-HTTP scheme and a redirect loop', async () => {
      registryRoute = withBasic((_req, res) => {
        res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      });
      const scheme = await expectFault(
        client().source.getBlob(REPO, sha256Digest('x')),
        { reason: 'forbidden-host' },
      );
      expect(scheme.message).toContain('file: URL');
      registryRoute = withBasic((req, res) => {
        res.writeHead(302, { location: req.url! }).end();
      });
      const loop = await expectFault(
        client().source.getBlob(REPO, sha256Digest('x')),
        { reason: 'too-many-redirects' },
      );
      expect(loop.message).toContain('more than 5 redirects');
    });
  });

  describe('limits', () => {
    it('keeps at most `concurrency` requests in flight to a registry', async () => {
      let inFlight = 0;
      let peak = 0;
      registryRoute = withBasic(async (_req, res) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise(resolve => setTimeout(resolve, 30));
        inFlight -= 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ name: REPO, tags: ['v1'] }));
      });
      const { service } = client({ limits: { concurrency: 2 } });
      const source = service.getSource('faulty');
      const repositories = Array.from(
        { length: 8 },
        (_, i) => `team/model-${i}`,
      );
      const lists = await Promise.all(
        repositories.map(r => source.listTags(r)),
      );
      expect(lists.map(l => l.tags)).toEqual(repositories.map(() => ['v1']));
      expect(peak).toBe(2);
    });

    it('falls back to GET when a registry does not answer HEAD', async () => {
      registryRoute = withBasic((req, res) => {
        if (req.method === 'HEAD') {
          res.writeHead(405).end();
          return;
        }
        if (req.url === manifestPath('v1')) {
          serveManifest(res, modelKit.raw, {
            'docker-content-digest': modelKit.digest,
          });
        }
      });
      const { source, service } = client();
      faults += 1;
      await expect(source.resolveTag(REPO, 'v1')).resolves.toEqual({
        mediaType: OciMediaTypes.imageManifest,
        digest: modelKit.digest,
        size: modelKit.size,
      });
      expect(service.getRequestCounts()[0].byKind).toMatchObject({
        'manifest-head': 2, // challenge + 405
        manifest: 1,
      });
    });

    it('stops when the caller aborts', async () => {
      registryRoute = withBasic(() => new Promise(() => {}));
      const { source } = client({
        limits: { requestTimeout: { seconds: 20 } },
      });
      const controller = new AbortController();
      const pending = source.getManifest(REPO, 'v1', {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      const error = await expectFault(pending, { reason: 'aborted' });
      expect(error.message).toContain('the manifest request was aborted');
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });

  describe('referrers API', () => {
    it('uses the OCI 1.1 referrers API with its artifactType filter and pagination', async () => {
      const subject = modelKit.digest;
      const descriptor = (n: number, artifactType: string) => ({
        mediaType: OciMediaTypes.imageManifest,
        digest: sha256Digest(`referrer ${n}`),
        size: 100,
        artifactType,
      });
      const seen: string[] = [];
      registryRoute = withBasic((req, res) => {
        const url = new URL(req.url!, 'http://x');
        if (url.pathname !== `/v2/${REPO}/referrers/${subject}`) {
          return;
        }
        seen.push(url.search);
        const page = url.searchParams.get('page');
        res.writeHead(200, {
          'content-type': OciMediaTypes.imageIndex,
          ...(page ? {} : { link: `<${url.pathname}?page=2>; rel="next"` }),
        });
        res.end(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: OciMediaTypes.imageIndex,
            manifests: page
              ? [descriptor(2, 'application/spdx+json')]
              : [
                  descriptor(
                    1,
                    'application/vnd.dev.sigstore.bundle.v0.3+json',
                  ),
                ],
          }),
        );
      });
      const { source, service } = client();
      const all = await source.getReferrers(REPO, subject);
      expect(all.via).toBe('referrers-api');
      expect(all.descriptors.map(d => d.artifactType)).toEqual([
        'application/vnd.dev.sigstore.bundle.v0.3+json',
        'application/spdx+json',
      ]);
      // The server ignores the filter here (no OCI-Filters-Applied), so the client applies it.
      const sboms = await source.getReferrers(REPO, subject, {
        artifactType: 'application/spdx+json',
      });
      expect(sboms.descriptors).toEqual([
        descriptor(2, 'application/spdx+json'),
      ]);
      expect(seen).toContain(
        `?artifactType=${encodeURIComponent('application/spdx+json')}`,
      );
      // No fallback to the referrers tag schema was needed.
      expect(service.getRequestCounts()[0].byKind.manifest).toBe(0);
    });
  });
});

/** Writes `total` bytes in 1 MiB chunks, respecting back pressure, until the client leaves. */
async function writeSlowly(
  res: ServerResponse,
  total: number,
  sent: { bytes: number; done: boolean },
): Promise<void> {
  const chunk = Buffer.alloc(MiB, 0x20);
  while (sent.bytes < total && !res.destroyed) {
    const ok = res.write(chunk);
    sent.bytes += chunk.byteLength;
    if (!ok) {
      await new Promise<void>(resolve => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
  }
  if (!res.destroyed) {
    res.end();
  }
  sent.done = true;
}

async function waitFor(condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
