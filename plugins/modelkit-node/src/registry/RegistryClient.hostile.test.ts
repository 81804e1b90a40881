import type { IncomingMessage, ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { LoopbackServer, startLoopbackServer } from '../testing';
import { sha256Digest } from './digest';
import { OciMediaTypes } from './manifest';
import {
  createRegistryService,
  StandaloneRegistryService,
} from './RegistryService';

jest.setTimeout(60_000);

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const MiB = 1024 * 1024;
const REPO = 'hostile/model';
const SUBJECT = sha256Digest('subject');

/** The most the heap may grow while the client reads from a hostile registry. */
const HEAP_BOUND = 32 * MiB;

/** 2 000 000 repository names, 5 000 to a page whatever `n` asks for. */
const CATALOG_SIZE = 2_000_000;
const CATALOG_PAGE = 5_000;
/** 1 000 000 referrers of one manifest, 400 to a page. */
const REFERRERS = 1_000_000;
const REFERRERS_PAGE = 400;
/** 1 000 000 tags, 5 000 to a page. */
const TAGS = 1_000_000;
const TAGS_PAGE = 5_000;

function pageOf(req: IncomingMessage): number {
  return Number(new URL(req.url!, 'http://x').searchParams.get('page') ?? 0);
}

function sendJson(
  res: ServerResponse,
  body: string,
  next: string | undefined,
  contentType = 'application/json',
) {
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    ...(next ? { link: `<${next}>; rel="next"` } : {}),
  });
  res.end(body);
}

/**
 * A registry that answers every listing with endless content, generated page by page as it
 * is asked for, and serves large distinct manifests for any tag.
 */
function hostileRegistry(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url!, 'http://x').pathname;
  const page = pageOf(req);
  if (path === '/v2/_catalog') {
    const first = page * CATALOG_PAGE;
    const names = [];
    for (let i = first; i < Math.min(first + CATALOG_PAGE, CATALOG_SIZE); i++) {
      names.push(`hostile/repo-${i}`);
    }
    const more = first + CATALOG_PAGE < CATALOG_SIZE;
    sendJson(
      res,
      JSON.stringify({ repositories: names }),
      more ? `/v2/_catalog?page=${page + 1}` : undefined,
    );
    return;
  }
  if (path === `/v2/${REPO}/tags/list`) {
    const first = page * TAGS_PAGE;
    const tags = [];
    for (let i = first; i < Math.min(first + TAGS_PAGE, TAGS); i++) {
      tags.push(`t${i}`);
    }
    const more = first + TAGS_PAGE < TAGS;
    sendJson(
      res,
      JSON.stringify({ name: REPO, tags }),
      more ? `/v2/${REPO}/tags/list?page=${page + 1}` : undefined,
    );
    return;
  }
  if (path === `/v2/${REPO}/referrers/${SUBJECT}`) {
    const first = page * REFERRERS_PAGE;
    const manifests = [];
    for (let i = first; i < Math.min(first + REFERRERS_PAGE, REFERRERS); i++) {
      manifests.push({
        mediaType: OciMediaTypes.imageManifest,
        digest: sha256Digest(`referrer ${i}`),
        size: 1000 + i,
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        annotations: { 'org.opencontainers.image.created': `${i}` },
      });
    }
    const more = first + REFERRERS_PAGE < REFERRERS;
    sendJson(
      res,
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OciMediaTypes.imageIndex,
        manifests,
      }),
      more ? `/v2/${REPO}/referrers/${SUBJECT}?page=${page + 1}` : undefined,
      OciMediaTypes.imageIndex,
    );
    return;
  }
  const manifest = /^\/v2\/hostile\/model\/manifests\/(t\d+)$/.exec(path);
  if (manifest) {
    const config = Buffer.from('{}');
    sendJson(
      res,
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OciMediaTypes.imageManifest,
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: sha256Digest(config),
          size: config.length,
        },
        layers: [],
        annotations: { padding: `${manifest[1]} ${'x'.repeat(100_000)}` },
      }),
      undefined,
      OciMediaTypes.imageManifest,
    );
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"errors":[{"code":"NAME_UNKNOWN","message":"not here"}]}');
}

/**
 * Runs `fn` and reports the highest heap use seen while it ran, above the heap use after a
 * full garbage collection before it started.
 */
async function peakHeapGrowth(
  fn: () => Promise<unknown>,
): Promise<{ outcome: unknown; growth: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 1);
  let outcome: unknown;
  try {
    outcome = await fn();
  } catch (error) {
    outcome = error;
  } finally {
    clearInterval(timer);
    sample();
  }
  return { outcome, growth: peak - base };
}

describe('RegistryClient against a registry that sends endless listings', () => {
  let registry: LoopbackServer;
  const services: StandaloneRegistryService[] = [];

  beforeAll(async () => {
    registry = await startLoopbackServer(hostileRegistry);
  });

  afterAll(async () => {
    await Promise.all(services.map(s => s.close()));
    await registry?.close();
  });

  function client(entry: JsonObject = {}) {
    const service = createRegistryService({
      config: new ConfigReader({
        kitstage: {
          registries: [{ name: 'hostile', url: registry.url, ...entry }],
        },
      }),
      logger: mockServices.rootLogger({ level: 'none' }),
    });
    services.push(service);
    return { source: service.getSource('hostile'), service };
  }

  it('refuses a _catalog of two million repositories at limits.maxRepositories, within a bounded heap', async () => {
    const { source, service } = client();
    // Warm up the code paths, so that loading them does not count.
    await source.listTags('warm/up').catch(() => undefined);

    const { outcome, growth } = await peakHeapGrowth(() =>
      source.listRepositories(),
    );
    expect(outcome).toMatchObject({
      name: 'RegistryError',
      reason: 'too-large',
      registry: 'hostile',
      message: expect.stringContaining(
        'the repository list (_catalog) has more than 10000 entries (limits.maxRepositories); refusing to use an incomplete listing',
      ),
    });
    // 10 000 names fit in two pages; the third passes the limit and ends the listing.
    expect(service.getRequestCounts()[0].byKind.catalog).toBe(3);
    expect(growth).toBeLessThan(HEAP_BOUND);

    // A registry that is allowed more pays in pages, not in an unbounded list.
    const { source: larger } = client({ limits: { maxRepositories: 30_000 } });
    await expect(larger.listRepositories()).rejects.toMatchObject({
      reason: 'too-large',
      message: expect.stringContaining('more than 30000 entries'),
    });
  });

  it('refuses a million referrers at limits.maxReferrers, within a bounded heap', async () => {
    const { source, service } = client();
    await source.listTags('warm/up').catch(() => undefined);

    const { outcome, growth } = await peakHeapGrowth(() =>
      source.getReferrers(REPO, SUBJECT),
    );
    expect(outcome).toMatchObject({
      name: 'RegistryError',
      reason: 'too-large',
      repository: REPO,
      reference: SUBJECT,
      message: expect.stringContaining(
        'the referrers list has more than 1000 entries (limits.maxReferrers); refusing to use an incomplete list',
      ),
    });
    // 400 referrers a page: the third page passes 1 000.
    expect(service.getRequestCounts()[0].byKind.referrers).toBe(3);
    expect(growth).toBeLessThan(HEAP_BOUND);

    // Nothing incomplete was cached: asking again asks the registry again.
    await expect(source.getReferrers(REPO, SUBJECT)).rejects.toMatchObject({
      reason: 'too-large',
    });
    expect(service.getRequestCounts()[0].byKind.referrers).toBe(6);

    // Below the limit, the list is complete.
    const { source: lenient } = client({ limits: { maxReferrers: 1200 } });
    await expect(lenient.getReferrers(REPO, SUBJECT)).rejects.toMatchObject({
      message: expect.stringContaining('more than 1200 entries'),
    });
  });

  it('cuts a million tags at limits.maxTagsPerRepository with one request, and says so', async () => {
    const { source, service } = client();
    await source.listTags('warm/up').catch(() => undefined);

    const { outcome, growth } = await peakHeapGrowth(() =>
      source.listTags(REPO),
    );
    expect(outcome).toMatchObject({ repository: REPO, truncated: true });
    expect((outcome as { tags: string[] }).tags).toHaveLength(1000);
    expect(service.getRequestCounts()[0].byKind.tags).toBe(2); // warm-up + 1 page
    expect(growth).toBeLessThan(HEAP_BOUND);
  });

  it('keeps cached manifests within cache.maxMemoryBytes', async () => {
    const { source, service } = client({
      cache: { maxMemoryBytes: 2 * MiB },
    });
    await source.listTags('warm/up').catch(() => undefined);

    // 300 distinct manifests of about 100 KB: 30 MB if all were kept.
    gc();
    const base = process.memoryUsage().heapUsed;
    for (let i = 0; i < 300; i++) {
      const manifest = await source.getManifest(REPO, `t${i}`);
      expect(manifest.size).toBeGreaterThan(100_000);
    }
    gc();
    const retained = process.memoryUsage().heapUsed - base;
    expect(retained).toBeLessThan(8 * MiB);

    // The most recent manifest is still answered from the cache.
    const before = service.getRequestCounts()[0].byKind.manifest;
    await source.getManifest(REPO, 't299');
    expect(service.getRequestCounts()[0].byKind.manifest).toBe(before);
  });
});
