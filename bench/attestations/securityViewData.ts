/*
 * The second part of the attestation benchmark: the backend time to serve the Security view's
 * data for one ModelKit with N versions × 5 attestations in a real docker-registry (filled
 * here), cold (new backend, empty caches) and warm. Loaded by `attestationsBenchmark.ts` only
 * after the verification throughput was measured, so that part runs in a process holding the
 * verifier alone, not the backend and its test harness.
 */
import { performance } from 'node:perf_hooks';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  createBackendPlugin,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import modelkitPlugin from '@kitstage/plugin-modelkit-backend';
import {
  type ModelKitAttestationsResponse,
  type ModelKitPolicyStatusResponse,
  type ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  modelkitRegistryServiceRef,
  type RegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  startTestRegistry,
  type TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { median, verifierConfig, type Signers } from './benchFixtures';
import { BENCH_REPOSITORY, fillRegistry } from './fillRegistry';

/** The catalog location the benchmark's ModelKit entity is registered from. */
const BENCH_LOCATION = 'url:https://bench.kitstage.example/catalog-info.yaml';

/** What the Security-view part measures. */
export interface SecurityViewOptions {
  /** Versions of the ModelKit, each with 5 attestations (at most one page: 100). */
  versions: number;
  /** Runs, each with a new backend; the median is printed. */
  runs: number;
  /** Requests the Security view makes at once. */
  browserConcurrency: number;
  /** `kitstage.attestations.concurrency`: versions the backend verifies at once. */
  concurrency: number;
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]);
      }
    }),
  );
  return results;
}

interface Phase {
  ms: number;
  registryRequests: number;
}

async function backendRun(
  registry: TestRegistry,
  signers: Signers,
  mode: 'table-first' | 'details-only',
  options: SecurityViewOptions,
): Promise<{
  table: Phase[];
  details: Phase[];
  statuses: string;
  states: string;
}> {
  let registries: RegistryService | undefined;
  const probe: BackendFeature = createBackendPlugin({
    pluginId: 'bench-probe',
    register(env) {
      env.registerInit({
        deps: { registries: modelkitRegistryServiceRef },
        async init(deps) {
          registries = deps.registries;
        },
      });
    },
  });
  const entity: Entity = {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: {
      name: 'bench',
      namespace: 'default',
      // Registered from a location listed under kitstage.provenance.trustedLocations, so
      // Kitstage reads its registry and policies.
      annotations: {
        'backstage.io/managed-by-location': BENCH_LOCATION,
        'backstage.io/managed-by-origin-location': BENCH_LOCATION,
      },
    },
    spec: {
      type: 'model',
      owner: 'group:default/nlp-team',
      lifecycle: 'production',
      repository: `${registry.host}/${BENCH_REPOSITORY}`,
    },
  };
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          kitstage: {
            provenance: { trustedLocations: [BENCH_LOCATION] },
            registries: [registry.configEntry('bench', { ingest: false })],
            attestations: {
              ...verifierConfig(signers),
              concurrency: options.concurrency,
            } as unknown as JsonObject,
            policies: {
              lifecycles: {
                production: {
                  rules: [
                    {
                      id: 'scan-clean',
                      require: 'scan-evaluation',
                      signers: ['ecdsa', 'rsa'],
                    },
                    {
                      id: 'built-in-ci',
                      require: 'slsa-provenance',
                      signers: ['release-workflow'],
                    },
                  ],
                },
              },
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [entity] }),
      modelkitPlugin,
      probe,
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}/api/modelkit/modelkits/default/bench`;
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      headers: { authorization: mockCredentials.user.header() },
    });
    if (!response.ok) {
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
  };
  const requests = () =>
    registries!.getRequestCounts().find(c => c.registry === 'bench')!.total;
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, Phase]> => {
    const before = requests();
    const started = performance.now();
    const value = await fn();
    return [
      value,
      {
        ms: performance.now() - started,
        registryRequests: requests() - before,
      },
    ];
  };
  try {
    const table: Phase[] = [];
    const details: Phase[] = [];
    let statuses = '';
    let states = '';
    for (const pass of ['cold', 'warm']) {
      let digests: string[];
      let policy: ModelKitPolicyStatusResponse | undefined;
      if (mode === 'table-first') {
        // The versions table: a page of versions, then every badge in one request.
        let tablePhase: Phase;
        [policy, tablePhase] = await timed(async () => {
          const versions = await get<ModelKitVersionsResponse>(
            `/versions?limit=${options.versions}`,
          );
          return get<ModelKitPolicyStatusResponse>(
            `/policy?digests=${versions.items.map(v => v.digest).join(',')}`,
          );
        });
        table.push(tablePhase);
        digests = policy.items.map(i => i.digest);
      } else {
        // The digests are known up front, so only the attestation requests are timed.
        const versions = await get<ModelKitVersionsResponse>(
          `/versions?limit=${options.versions}`,
        );
        digests = versions.items.map(v => v.digest);
      }
      // Every version's attestations, as a browser asks: a few requests at a time.
      const [reports, detailsPhase] = await timed(() =>
        mapLimited(digests, options.browserConcurrency, digest =>
          get<ModelKitAttestationsResponse>(
            `/versions/${encodeURIComponent(digest)}/attestations`,
          ),
        ),
      );
      details.push(detailsPhase);
      if (pass === 'cold') {
        const count = (list: string[]) =>
          Object.entries(
            list.reduce<Record<string, number>>((acc, s) => {
              acc[s] = (acc[s] ?? 0) + 1;
              return acc;
            }, {}),
          )
            .map(([k, v]) => `${v} ${k}`)
            .join(', ');
        statuses = count(reports.map(r => r.policy.status));
        states = count(
          reports.flatMap(r => r.report.attestations.map(a => a.state)),
        );
      }
    }
    return { table, details, statuses, states };
  } finally {
    await backend.stop();
  }
}

/** Fills a registry, then measures and prints the Security view's data, cold and warm. */
export async function securityViewBenchmark(
  signers: Signers,
  options: SecurityViewOptions,
): Promise<void> {
  const { versions, runs, concurrency, browserConcurrency } = options;
  const registry = await startTestRegistry();
  try {
    const filling = performance.now();
    await fillRegistry(registry, signers, versions);
    process.stdout.write(
      `\nFilled docker-registry with ${versions} versions × 5 attestations in ${Math.round(
        performance.now() - filling,
      )} ms\n`,
    );
    const results: Array<Awaited<ReturnType<typeof backendRun>>> = [];
    const detailsOnly: typeof results = [];
    for (let run = 0; run < runs; run++) {
      results.push(await backendRun(registry, signers, 'table-first', options));
      detailsOnly.push(
        await backendRun(registry, signers, 'details-only', options),
      );
    }
    const phase = (
      pick: (r: (typeof results)[number]) => Phase[],
      index: number,
      from = results,
    ) => {
      const ms = median(from.map(r => pick(r)[index].ms));
      const req = median(from.map(r => pick(r)[index].registryRequests));
      return `${Math.round(ms)} | ${req}`;
    };
    process.stdout.write(
      `\n## Security data of one ModelKit: ${versions} versions × 5 attestations (median of ${runs} runs, kitstage.attestations.concurrency ${concurrency})\n\n`,
    );
    process.stdout.write(
      `Policy statuses: ${results[0].statuses}. Attestation states: ${results[0].states}.\n\n`,
    );
    process.stdout.write(
      '| request | cold ms | cold registry requests | warm ms | warm registry requests |\n| --- | ---: | ---: | ---: | ---: |\n',
    );
    process.stdout.write(
      `| versions table: \`GET versions?limit=${versions}\` + \`GET policy?digests=\`(${versions}) | ${phase(
        r => r.table,
        0,
      )} | ${phase(r => r.table, 1)} |\n`,
    );
    process.stdout.write(
      `| every version's attestations: ${versions} × \`GET versions/:digest/attestations\`, ${browserConcurrency} at a time, after the table | ${phase(
        r => r.details,
        0,
      )} | ${phase(r => r.details, 1)} |\n`,
    );
    process.stdout.write(
      `| every version's attestations alone (no table first), ${browserConcurrency} at a time | ${phase(
        r => r.details,
        0,
        detailsOnly,
      )} | ${phase(r => r.details, 1, detailsOnly)} |\n`,
    );
  } finally {
    await registry.stop();
  }
}
