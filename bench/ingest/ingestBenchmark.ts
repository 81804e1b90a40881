/*
 * Registry ingestion benchmark. Fills Debian's docker-registry (on a random loopback port)
 * with R repositories × T tags of small ModelKits, then prints side by side:
 *
 * 1. a full ingestion by `ModelKitRegistryEntityProvider` (the catalog provider of
 *    `./kitstage start`), with a fresh registry client;
 * 2. a re-sync of the same provider with nothing changed (tag cache lifetime 0, so every tag
 *    is checked against the registry);
 * 3. a `skopeo list-tags` + `skopeo inspect --raw` loop over the same repositories and tags
 *    (a manifest per tag; add `--config` to also read every config with skopeo).
 *
 * Every request goes through a counting proxy in this process, so the request counts of the
 * provider and of skopeo are measured the same way. Timings are printed, never asserted;
 * the request budget of the issue (catalog pages + repositories + 2 per tag for a full
 * ingestion, no manifest or config for a re-sync) is checked and printed as ok / OVER.
 *
 *   npx tsx bench/ingest/ingestBenchmark.ts [--repositories 200] [--tags 10]
 *     [--concurrency 4] [--push-concurrency 8] [--config] [--no-skopeo]
 *
 * Environment variables INGEST_REPOSITORIES, INGEST_TAGS, INGEST_CONCURRENCY and
 * INGEST_PUSH_CONCURRENCY give the defaults of the matching options.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { ModelKitRegistryEntityProvider } from '@kitstage/plugin-catalog-backend-module-modelkit';
import { createRegistryService } from '@kitstage/plugin-modelkit-node';
import {
  buildTestModelKit,
  startTestRegistry,
  type TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';

const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    repositories: {
      type: 'string',
      default: process.env.INGEST_REPOSITORIES ?? '200',
    },
    tags: { type: 'string', default: process.env.INGEST_TAGS ?? '10' },
    concurrency: {
      type: 'string',
      default: process.env.INGEST_CONCURRENCY ?? '4',
    },
    'push-concurrency': {
      type: 'string',
      default: process.env.INGEST_PUSH_CONCURRENCY ?? '8',
    },
    config: { type: 'boolean', default: false },
    'no-skopeo': { type: 'boolean', default: false },
  },
});
const repositoryCount = Number(values.repositories);
const tagCount = Number(values.tags);
const skopeoConcurrency = Number(values.concurrency);
const pushConcurrency = Number(values['push-concurrency']);
for (const [name, value] of [
  ['--repositories', repositoryCount],
  ['--tags', tagCount],
  ['--concurrency', skopeoConcurrency],
  ['--push-concurrency', pushConcurrency],
] as const) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${value}`);
  }
}

const NAMESPACE = 'bench';
const repositoryName = (i: number) =>
  `${NAMESPACE}/model-${String(i).padStart(4, '0')}`;
const tagName = (j: number) => `v1.${j}.0`;

/** A reverse proxy that counts the requests it forwards, by method and path kind. */
interface CountingProxy {
  url: string;
  host: string;
  counts(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

function kindOf(method: string, path: string): string {
  if (path === '/v2/' || path === '/v2') return 'ping';
  if (path.startsWith('/v2/_catalog')) return 'catalog';
  if (/\/tags\/list/.test(path)) return 'tags';
  if (/\/manifests\//.test(path)) {
    return method === 'HEAD' ? 'manifest-head' : 'manifest';
  }
  if (/\/blobs\//.test(path)) return 'blob';
  return 'other';
}

async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let counts: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const kind = kindOf(req.method ?? 'GET', (req.url ?? '').split('?')[0]);
    counts[kind] = (counts[kind] ?? 0) + 1;
    counts.total = (counts.total ?? 0) + 1;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      answer => {
        const headers = { ...answer.headers };
        // Links and upload locations must point back at the proxy.
        for (const name of ['location', 'link'] as const) {
          const value = headers[name];
          if (typeof value === 'string') {
            headers[name] = value.split(upstream.host).join(req.headers.host);
          }
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    forward.on('error', error => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(forward);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await fn(items[next++]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, worker),
  );
}

async function fill(registry: TestRegistry): Promise<number> {
  const started = performance.now();
  const repositories = Array.from({ length: repositoryCount }, (_, i) => i);
  await forEachConcurrently(repositories, pushConcurrency, async i => {
    const repository = repositoryName(i);
    for (let j = 0; j < tagCount; j++) {
      const artifact = await buildTestModelKit({
        kitfile: {
          package: {
            name: `model-${i}`,
            version: `1.${j}.0`,
            description: `Benchmark model ${i}, version 1.${j}.0`,
            license: 'Apache-2.0',
          },
          model: {
            path: 'model/weights.safetensors',
            framework: 'transformers',
            format: 'safetensors',
          },
        },
        files: { 'model/weights.safetensors': `weights of model ${i}` },
        annotations: {
          'org.opencontainers.image.created': new Date(
            Date.UTC(2026, 0, 1 + j),
          ).toISOString(),
        },
      });
      await registry.pusher.push(repository, artifact, [tagName(j)]);
    }
  });
  return performance.now() - started;
}

const quietLogger: LoggerService = {
  error: (message, meta) => console.error(`error: ${message}`, meta ?? ''),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

interface Figures {
  label: string;
  ms: number;
  counts: Record<string, number>;
  note: string;
}

async function ingest(proxy: CountingProxy): Promise<Figures[]> {
  const config = new ConfigReader({
    kitstage: {
      registries: [
        {
          name: 'bench',
          url: proxy.url,
          include: [`${NAMESPACE}/*`],
          defaults: { owner: 'group:ml-platform' },
          // Every sync asks the registry for the tags: the re-sync figure is the one after
          // the tag cache expired, the most a sync with nothing changed can cost.
          cache: { tagTtl: { milliseconds: 0 } },
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 30 },
          },
        },
      ],
    },
  });
  const registries = createRegistryService({ config, logger: quietLogger });
  const scheduler = {
    scheduleTask: async () => {},
  } as unknown as SchedulerService;
  const [provider] = ModelKitRegistryEntityProvider.fromConfig(config, {
    logger: quietLogger,
    scheduler,
    registries,
  });
  let applied = 0;
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      applied += mutation.type === 'full' ? mutation.entities.length : 0;
      if (mutation.type === 'delta') applied += mutation.added.length;
    },
    refresh: async () => {},
  };
  await provider.connect(connection);

  const figures: Figures[] = [];
  for (const label of ['provider: full ingestion', 'provider: re-sync']) {
    proxy.reset();
    applied = 0;
    const started = performance.now();
    const result = await provider.refresh();
    const ms = performance.now() - started;
    if (result.outcome !== 'success' || result.counts.failed > 0) {
      throw new Error(
        `${label} did not succeed: ${result.error ?? ''} ${JSON.stringify(
          result.failedRepositories.slice(0, 3),
        )}`,
      );
    }
    if (result.counts.ingested !== repositoryCount) {
      throw new Error(
        `${label} ingested ${result.counts.ingested} of ${repositoryCount} repositories`,
      );
    }
    figures.push({
      label,
      ms,
      counts: proxy.counts(),
      note: `${result.counts.ingested} entities, ${applied} applied`,
    });
  }
  await registries.close();
  return figures;
}

async function skopeoLoop(proxy: CountingProxy): Promise<Figures> {
  proxy.reset();
  const started = performance.now();
  let manifests = 0;
  const repositories = Array.from({ length: repositoryCount }, (_, i) =>
    repositoryName(i),
  );
  await forEachConcurrently(repositories, skopeoConcurrency, async repo => {
    const ref = `docker://${proxy.host}/${repo}`;
    const { stdout } = await run('skopeo', [
      'list-tags',
      '--tls-verify=false',
      ref,
    ]);
    const tags: string[] = JSON.parse(stdout).Tags ?? [];
    for (const tag of tags) {
      const args = ['inspect', '--tls-verify=false', '--raw', `${ref}:${tag}`];
      await run('skopeo', args);
      if (values.config) {
        await run('skopeo', [
          'inspect',
          '--tls-verify=false',
          '--config',
          '--raw',
          `${ref}:${tag}`,
        ]);
      }
      manifests += 1;
    }
  });
  return {
    label: values.config
      ? 'skopeo list-tags + inspect --raw + --config'
      : 'skopeo list-tags + inspect --raw',
    ms: performance.now() - started,
    counts: proxy.counts(),
    note: `${manifests} manifests, concurrency ${skopeoConcurrency}`,
  };
}

function table(rows: Figures[], reference: Figures) {
  const kinds = [
    'ping',
    'catalog',
    'tags',
    'manifest',
    'manifest-head',
    'blob',
  ];
  const header = ['run', 'wall ms', 'vs full', 'requests', ...kinds, 'note'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(
    `| ${header
      .map((_, i) => (i === 0 || i === header.length - 1 ? '---' : '---:'))
      .join(' | ')} |`,
  );
  for (const row of rows) {
    console.log(
      `| ${[
        row.label,
        Math.round(row.ms),
        `${(row.ms / reference.ms).toFixed(2)}×`,
        row.counts.total ?? 0,
        ...kinds.map(k => row.counts[k] ?? 0),
        row.note,
      ].join(' | ')} |`,
    );
  }
}

async function main() {
  console.log(
    `Node ${process.version}; ${repositoryCount} repositories × ${tagCount} tags`,
  );
  const registry = await startTestRegistry();
  const proxy = await startCountingProxy(registry.url);
  try {
    const fillMs = await fill(registry);
    console.log(
      `Filled docker-registry with ${
        repositoryCount * tagCount
      } ModelKits in ${Math.round(fillMs)} ms\n`,
    );
    const rows = await ingest(proxy);
    if (!values['no-skopeo']) {
      rows.push(await skopeoLoop(proxy));
    }
    table(rows, rows[0]);

    const [full, resync] = rows;
    const catalogPages = full.counts.catalog ?? 0;
    const budget =
      catalogPages + repositoryCount + 2 * repositoryCount * tagCount;
    const fullTotal = full.counts.total ?? 0;
    console.log(
      `\nFull ingestion: ${fullTotal} requests, budget catalog pages + repositories + 2 per tag = ${budget}: ${
        fullTotal <= budget ? 'ok' : 'OVER'
      }`,
    );
    const refetched = (resync.counts.manifest ?? 0) + (resync.counts.blob ?? 0);
    console.log(
      `Re-sync: ${refetched} manifest or config downloads (expected 0): ${
        refetched === 0 ? 'ok' : 'OVER'
      }`,
    );
    if (rows[2]) {
      console.log(
        `skopeo / provider full ingestion: ${(rows[2].ms / full.ms).toFixed(
          1,
        )}× the wall time, ${(
          (rows[2].counts.total ?? 0) / Math.max(1, fullTotal)
        ).toFixed(1)}× the requests`,
      );
    }
  } finally {
    await proxy.close();
    await registry.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
