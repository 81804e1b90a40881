/*
 * Registry ingestion benchmark. For each size R repositories × T tags (200 × 10 and 1,000 × 20
 * by default), fills Debian's docker-registry (on a random loopback port) with small
 * ModelKits, then prints side by side:
 *
 * 1. a full ingestion by `ModelKitRegistryEntityProvider` (the catalog provider of
 *    `./kitstage start`), with a fresh registry client and an empty database for its state;
 * 2. a re-sync of the same provider with nothing changed (tag cache lifetime 0, so every tag
 *    is checked against the registry);
 * 3. the first sync after a restart: a new provider and a new registry client (so an empty
 *    cache) on the same database;
 * 4. a `skopeo list-tags` + `skopeo inspect --raw` loop over the same repositories and tags
 *    (a manifest per tag; add `--config` to also read every config with skopeo).
 *
 * Every request goes through a counting proxy in this process, so the request counts of the
 * provider and of skopeo are measured the same way. Timings are printed, never asserted; the
 * budgets of the issue are checked and printed as ok / OVER: a full ingestion makes no more
 * requests than catalog pages + repositories + 2 per tag, and a re-sync and a first sync after
 * a restart download no manifest or config and take at most half the full ingestion's time.
 *
 *   npx tsx bench/ingest/ingestBenchmark.ts [--sizes 200x10,1000x20]
 *     [--repositories R --tags T] [--database pg|sqlite] [--concurrency 4]
 *     [--push-concurrency 8] [--config] [--no-skopeo]
 *
 * Environment variables INGEST_SIZES, INGEST_REPOSITORIES, INGEST_TAGS, INGEST_DATABASE,
 * INGEST_CONCURRENCY and INGEST_PUSH_CONCURRENCY give the defaults of the matching options;
 * `--repositories` or `--tags` (or their variables) run that one size instead of the list.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { ModelKitRegistryEntityProvider } from '@kitstage/plugin-catalog-backend-module-modelkit';
import { createRegistryService } from '@kitstage/plugin-modelkit-node';
import { startTestRegistry } from '@kitstage/plugin-modelkit-node/testUtils';
import { BenchDatabases, startBenchDatabases } from './benchDatabase';
import { CountingProxy, startCountingProxy } from './countingProxy';
import {
  fillRegistry,
  forEachConcurrently,
  NAMESPACE,
  repositoryName,
} from './fillRegistry';
import { machineLoad, runBenchmark } from '../runBenchmark';

const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    sizes: {
      type: 'string',
      default: process.env.INGEST_SIZES ?? '200x10,1000x20',
    },
    repositories: { type: 'string' },
    tags: { type: 'string' },
    database: { type: 'string', default: process.env.INGEST_DATABASE ?? 'pg' },
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

type Size = { repositories: number; tags: number };

function readSizes(): Size[] {
  const repositories = values.repositories ?? process.env.INGEST_REPOSITORIES;
  const tags = values.tags ?? process.env.INGEST_TAGS;
  if (repositories !== undefined || tags !== undefined) {
    return [
      { repositories: Number(repositories ?? 200), tags: Number(tags ?? 10) },
    ];
  }
  return values.sizes.split(',').map(text => {
    const [r, t] = text.trim().split('x');
    return { repositories: Number(r), tags: Number(t) };
  });
}

const sizes = readSizes();
const skopeoConcurrency = Number(values.concurrency);
const pushConcurrency = Number(values['push-concurrency']);
const counts: Array<[string, number]> = [
  ...sizes.flatMap(
    (s): Array<[string, number]> => [
      ['--repositories / --sizes', s.repositories],
      ['--tags / --sizes', s.tags],
    ],
  ),
  ['--concurrency', skopeoConcurrency],
  ['--push-concurrency', pushConcurrency],
];
for (const [name, value] of counts) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must give positive integers, got ${value}`);
  }
}
if (values.database !== 'pg' && values.database !== 'sqlite') {
  throw new Error(`--database must be pg or sqlite, got ${values.database}`);
}
const databaseKind = values.database;

/** The budget of a re-sync and of a first sync after a restart, as a share of the full ingestion. */
const TIME_TARGET = 0.5;

const quietLogger: LoggerService = {
  error: (message, meta) => console.error(`error: ${message}`, meta ?? ''),
  warn: (message, meta) => console.error(`warning: ${message}`, meta ?? ''),
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

const downloads = (f: Figures) =>
  (f.counts.manifest ?? 0) + (f.counts.blob ?? 0);

/** The provider's three runs: full ingestion, re-sync, first sync after a restart. */
async function ingest(
  proxy: CountingProxy,
  database: DatabaseService,
  size: Size,
): Promise<Figures[]> {
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
  const scheduler = {
    scheduleTask: async () => {},
  } as unknown as SchedulerService;

  /** A provider as a backend starts it: its own registry client, the shared database. */
  async function startProvider() {
    const registries = createRegistryService({ config, logger: quietLogger });
    const [provider] = ModelKitRegistryEntityProvider.fromConfig(config, {
      logger: quietLogger,
      scheduler,
      registries,
      database,
    });
    const state = { applied: 0 };
    const connection: EntityProviderConnection = {
      applyMutation: async mutation => {
        state.applied +=
          mutation.type === 'full'
            ? mutation.entities.length
            : mutation.added.length;
      },
      refresh: async () => {},
    };
    await provider.connect(connection);
    return { provider, registries, state };
  }

  async function measure(
    label: string,
    started: Awaited<ReturnType<typeof startProvider>>,
  ): Promise<Figures> {
    proxy.reset();
    started.state.applied = 0;
    const t0 = performance.now();
    const result = await started.provider.refresh();
    const ms = performance.now() - t0;
    if (result.outcome !== 'success' || result.counts.failed > 0) {
      throw new Error(
        `${label} did not succeed: ${result.error ?? ''} ${JSON.stringify(
          result.failedRepositories.slice(0, 3),
        )}`,
      );
    }
    if (result.counts.ingested !== size.repositories) {
      throw new Error(
        `${label} ingested ${result.counts.ingested} of ${size.repositories} repositories`,
      );
    }
    return {
      label,
      ms,
      counts: proxy.counts(),
      note: `${result.counts.ingested} entities, ${started.state.applied} applied`,
    };
  }

  const first = await startProvider();
  const full = await measure('provider: full ingestion', first);
  const resync = await measure('provider: re-sync', first);
  await first.registries.close();
  const restarted = await startProvider();
  const afterRestart = await measure(
    'provider: first sync after restart',
    restarted,
  );
  await restarted.registries.close();
  return [full, resync, afterRestart];
}

async function skopeoLoop(proxy: CountingProxy, size: Size): Promise<Figures> {
  proxy.reset();
  const started = performance.now();
  let manifests = 0;
  const repositories = Array.from({ length: size.repositories }, (_, i) =>
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
  const header = [
    'run',
    'wall ms',
    'vs full',
    'requests',
    ...kinds,
    'downloads',
    'note',
  ];
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
        downloads(row),
        row.note,
      ].join(' | ')} |`,
    );
  }
}

async function benchSize(size: Size, databases: BenchDatabases) {
  const { repositories, tags } = size;
  console.log(`\n## ${repositories} repositories × ${tags} tags\n`);
  const registry = await startTestRegistry();
  const proxy = await startCountingProxy(registry.url);
  try {
    const fillMs = await fillRegistry(registry, size, pushConcurrency);
    console.log(
      `Filled docker-registry with ${
        repositories * tags
      } ModelKits in ${Math.round(fillMs)} ms; load average ${machineLoad()}\n`,
    );
    const database = await databases.create(`ingest_${repositories}x${tags}`);
    const rows = await ingest(proxy, database, size);
    if (!values['no-skopeo']) {
      rows.push(await skopeoLoop(proxy, size));
    }
    table(rows, rows[0]);

    const [full, ...syncs] = rows;
    const budget =
      (full.counts.catalog ?? 0) + repositories + 2 * repositories * tags;
    const fullTotal = full.counts.total ?? 0;
    const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER');
    console.log(
      `\nFull ingestion: ${fullTotal} requests, budget catalog pages + repositories + 2 per tag = ${budget}: ${verdict(
        fullTotal <= budget,
      )}`,
    );
    for (const figures of syncs.slice(0, 2)) {
      const ratio = figures.ms / full.ms;
      console.log(
        `${figures.label}: ${downloads(
          figures,
        )} manifest or config downloads (expected 0): ${verdict(
          downloads(figures) === 0,
        )}; ${ratio.toFixed(
          2,
        )}× the full ingestion's time (target ≤ ${TIME_TARGET.toFixed(
          2,
        )}×): ${verdict(ratio <= TIME_TARGET)}`,
      );
    }
    const skopeo = syncs[2];
    if (skopeo) {
      console.log(
        `skopeo / provider full ingestion: ${(skopeo.ms / full.ms).toFixed(
          1,
        )}× the wall time, ${(
          (skopeo.counts.total ?? 0) / Math.max(1, fullTotal)
        ).toFixed(1)}× the requests`,
      );
    }
    console.log(`Load average after the runs: ${machineLoad()}`);
  } finally {
    await proxy.close();
    await registry.stop();
  }
}

async function main() {
  const databases = await startBenchDatabases(databaseKind);
  console.log(
    `Node ${process.version}; sizes ${sizes
      .map(s => `${s.repositories} × ${s.tags}`)
      .join(', ')}; provider state in ${
      databases.label
    }; load average ${machineLoad()}`,
  );
  try {
    for (const size of sizes) {
      await benchSize(size, databases);
    }
  } finally {
    await databases.stop();
  }
}

runBenchmark(main);
