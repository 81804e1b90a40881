/*
 * Attestation benchmark. Prints:
 *
 * 1. Verification throughput (attestations per second, one core) of `AttestationVerifier`
 *    for DSSE envelopes signed with trusted keys (ECDSA P-256, Ed25519, RSA 2048 PKCS#1 v1.5
 *    and PSS) and keyless (Fulcio-style certificate, SCT and Rekor entry from an offline test
 *    Sigstore), as cosign `.att` layers and as Sigstore bundles v0.3, each sample distinct,
 *    next to the raw `crypto.verify` rate of the same run and the targets of issue #18
 *    (`verificationThroughput.ts`).
 * 2. The backend time to serve the Security data of one ModelKit with N versions × 5
 *    attestations in a real docker-registry (filled by this script): the versions table with
 *    every policy badge, and every version's attestations, cold (new backend, empty caches)
 *    and warm (cached).
 *
 *   npx tsx bench/attestations/attestationsBenchmark.ts [--samples 1000] [--keyless-samples 300]
 *     [--rounds 7] [--throughput-only] [--versions 50] [--runs 3] [--browser-concurrency 6]
 *     [--concurrency 4]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
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
import {
  createSigners,
  median,
  verifierConfig,
  type Signers,
} from './benchFixtures';
import { BENCH_REPOSITORY, fillRegistry } from './fillRegistry';
import { verificationThroughput } from './verificationThroughput';

/** The catalog location the benchmark's ModelKit entity is registered from. */
const BENCH_LOCATION = 'url:https://bench.kitstage.example/catalog-info.yaml';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '1000' },
    'keyless-samples': { type: 'string', default: '300' },
    rounds: { type: 'string', default: '7' },
    'throughput-only': { type: 'boolean', default: false },
    versions: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    'browser-concurrency': { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '4' },
  },
});
const samples = Number(values.samples);
const keylessSamples = Number(values['keyless-samples']);
const rounds = Number(values.rounds);
const versionCount = Number(values.versions);
const runs = Number(values.runs);
const browserConcurrency = Number(values['browser-concurrency']);
// kitstage.attestations.concurrency: versions the backend verifies at the same time.
const verifyConcurrency = Number(values.concurrency);
for (const [name, value] of [
  ['--samples', samples],
  ['--keyless-samples', keylessSamples],
  ['--rounds', rounds],
  ['--versions', versionCount],
  ['--runs', runs],
  ['--browser-concurrency', browserConcurrency],
  ['--concurrency', verifyConcurrency],
] as const) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of at least 1`);
  }
}
if (versionCount > 100) {
  throw new Error('--versions must be at most 100: one page of versions');
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
              concurrency: verifyConcurrency,
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
            `/versions?limit=${versionCount}`,
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
          `/versions?limit=${versionCount}`,
        );
        digests = versions.items.map(v => v.digest);
      }
      // Every version's attestations, as a browser asks: a few requests at a time.
      const [reports, detailsPhase] = await timed(() =>
        mapLimited(digests, browserConcurrency, digest =>
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

async function main() {
  const signers = createSigners();
  process.stdout.write(
    `Node ${process.version}; ${samples} samples per key scheme, ${keylessSamples} keyless\n`,
  );
  await verificationThroughput(signers, { samples, keylessSamples, rounds });
  if (values['throughput-only']) {
    return;
  }

  const registry = await startTestRegistry();
  try {
    const filling = performance.now();
    await fillRegistry(registry, signers, versionCount);
    process.stdout.write(
      `\nFilled docker-registry with ${versionCount} versions × 5 attestations in ${Math.round(
        performance.now() - filling,
      )} ms\n`,
    );
    const results: Array<Awaited<ReturnType<typeof backendRun>>> = [];
    const detailsOnly: typeof results = [];
    for (let run = 0; run < runs; run++) {
      results.push(await backendRun(registry, signers, 'table-first'));
      detailsOnly.push(await backendRun(registry, signers, 'details-only'));
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
      `\n## Security data of one ModelKit: ${versionCount} versions × 5 attestations (median of ${runs} runs, kitstage.attestations.concurrency ${verifyConcurrency})\n\n`,
    );
    process.stdout.write(
      `Policy statuses: ${results[0].statuses}. Attestation states: ${results[0].states}.\n\n`,
    );
    process.stdout.write(
      '| request | cold ms | cold registry requests | warm ms | warm registry requests |\n| --- | ---: | ---: | ---: | ---: |\n',
    );
    process.stdout.write(
      `| versions table: \`GET versions?limit=${versionCount}\` + \`GET policy?digests=\`(${versionCount}) | ${phase(
        r => r.table,
        0,
      )} | ${phase(r => r.table, 1)} |\n`,
    );
    process.stdout.write(
      `| every version's attestations: ${versionCount} × \`GET versions/:digest/attestations\`, ${browserConcurrency} at a time, after the table | ${phase(
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

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
