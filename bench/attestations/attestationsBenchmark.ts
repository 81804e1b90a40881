/*
 * Attestation benchmark. Prints:
 *
 * 1. Verification throughput (attestations per second, one core) of `AttestationVerifier`
 *    for DSSE envelopes signed with trusted keys (ECDSA P-256, Ed25519, RSA 2048 PKCS#1 v1.5
 *    and PSS) and keyless (Fulcio-style certificate, SCT and Rekor entry from an offline test
 *    Sigstore), as cosign `.att` layers and as Sigstore bundles v0.3, each sample distinct.
 * 2. The backend time to serve the Security data of one ModelKit with N versions × 5
 *    attestations in a real docker-registry (filled by this script): the versions table with
 *    every policy badge, and every version's attestations, cold (new backend, empty caches)
 *    and warm (cached).
 *
 *   npx tsx bench/attestations/attestationsBenchmark.ts [--samples 300] [--keyless-samples 100]
 *     [--versions 50] [--runs 3] [--browser-concurrency 6] [--concurrency 4]
 */
import { createHash } from 'node:crypto';
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
  AttestationTypes,
  type ModelKitAttestationsResponse,
  type ModelKitPolicyStatusResponse,
  type ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  AttestationVerifier,
  CosignMediaTypes,
  DEFAULT_ATTESTATION_LIMITS,
  modelkitRegistryServiceRef,
  type AttestationLayer,
  type RegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  buildAttestationReferrer,
  buildCosignAttestationImage,
  buildInTotoStatement,
  buildTestModelKit,
  buildTestReferrersIndex,
  cosignTagFor,
  generateTestSigningKey,
  signDsseEnvelope,
  startTestRegistry,
  TestSigstore,
  type TestArtifact,
  type TestRegistry,
  type TestSigningKey,
} from '@kitstage/plugin-modelkit-node/testUtils';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '300' },
    'keyless-samples': { type: 'string', default: '100' },
    versions: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    'browser-concurrency': { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '4' },
  },
});
const samples = Number(values.samples);
const keylessSamples = Number(values['keyless-samples']);
const versionCount = Number(values.versions);
const runs = Number(values.runs);
const browserConcurrency = Number(values['browser-concurrency']);
// kitstage.attestations.concurrency: versions the backend verifies at the same time.
const verifyConcurrency = Number(values.concurrency);
for (const [name, value] of [
  ['--samples', samples],
  ['--keyless-samples', keylessSamples],
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

const IDENTITY =
  'https://github.com/acme/support-sentiment/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const REPOSITORY = 'team/bench';

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function fakeDigest(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

/** A scan evaluation statement, distinct per `n`. */
function scanStatement(digest: string, n: number) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.scanEvaluationV1,
    predicate: {
      scanner: { name: 'modelscan', version: '0.8.1' },
      modelKit: { digest },
      result: 'pass',
      metrics: [
        { name: 'accuracy', value: 0.9 + n / 1e6, threshold: { min: 0.85 } },
      ],
      findings: [
        { id: `MS-${n}`, severity: 'info', title: 'Weights are safetensors' },
      ],
      timing: {
        startedOn: '2026-03-01T10:00:00Z',
        finishedOn: '2026-03-01T10:04:30Z',
      },
    },
  });
}

function provenanceStatement(digest: string) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.slsaProvenanceV1,
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: {
            repository: 'https://github.com/acme/support-sentiment',
            ref: 'refs/heads/main',
          },
        },
        resolvedDependencies: [
          {
            uri: 'git+https://github.com/acme/support-sentiment@refs/heads/main',
            digest: { gitCommit: '7f3c9a1e2b4d6f8091a2b3c4d5e6f708192a3b4c' },
          },
        ],
      },
      runDetails: {
        builder: { id: 'https://github.com/actions/runner/github-hosted' },
      },
    },
  });
}

function sbomStatement(digest: string) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.spdxDocument,
    predicate: {
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'bench',
      packages: [{ name: 'torch', licenseConcluded: 'BSD-3-Clause' }],
    },
  });
}

interface Signers {
  ecdsa: TestSigningKey;
  ed25519: TestSigningKey;
  rsa: TestSigningKey;
  rsaPss: TestSigningKey;
  sigstore: TestSigstore;
}

function verifierConfig(signers: Signers) {
  return {
    keys: [
      { name: 'ecdsa', publicKey: signers.ecdsa.publicKeyPem },
      { name: 'ed25519', publicKey: signers.ed25519.publicKeyPem },
      { name: 'rsa', publicKey: signers.rsa.publicKeyPem },
      {
        name: 'rsa-pss',
        publicKey: signers.rsaPss.publicKeyPem,
        algorithm: 'rsa-pss-sha256' as const,
      },
    ],
    keyless: {
      trustedRoot: signers.sigstore.trustedRoot,
      identities: [
        { name: 'release-workflow', subject: IDENTITY, issuer: ISSUER },
      ],
      requireCertificateTransparency: true,
    },
    limits: { ...DEFAULT_ATTESTATION_LIMITS },
  };
}

function dsseLayer(
  envelope: unknown,
  annotations?: Record<string, string>,
): AttestationLayer {
  return {
    content: Buffer.from(JSON.stringify(envelope)),
    mediaType: CosignMediaTypes.dsseEnvelope,
    ...(annotations ? { annotations } : {}),
  };
}

async function throughput(
  verifier: AttestationVerifier,
  digest: string,
  layers: AttestationLayer[],
): Promise<{ perSecond: number; medianMs: number }> {
  const times: number[] = [];
  const started = performance.now();
  for (const layer of layers) {
    const t = performance.now();
    const result = await verifier.verifyLayer(layer, digest);
    times.push(performance.now() - t);
    if (result.state !== 'verified') {
      throw new Error(`A sample ended ${result.state}: ${result.reason}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: layers.length / seconds, medianMs: median(times) };
}

async function verificationThroughput(signers: Signers) {
  const verifier = AttestationVerifier.create({
    config: verifierConfig(signers),
  });
  const digest = fakeDigest('throughput');
  const keyed = (key: TestSigningKey) =>
    Array.from({ length: samples }, (_, n) =>
      dsseLayer(
        signDsseEnvelope({
          payload: scanStatement(digest, n),
          signers: [{ key }],
        }),
      ),
    );
  const keylessAtt = Array.from({ length: keylessSamples }, (_, n) => {
    const { envelope, annotations } = signers.sigstore.attest({
      statement: scanStatement(digest, n),
      identity: IDENTITY,
      issuer: ISSUER,
    });
    return dsseLayer(envelope, annotations);
  });
  const keylessBundles = Array.from({ length: keylessSamples }, (_, n) => ({
    content: Buffer.from(
      JSON.stringify(
        signers.sigstore.bundle({
          statement: scanStatement(digest, n),
          identity: IDENTITY,
          issuer: ISSUER,
        }),
      ),
    ),
    mediaType: CosignMediaTypes.sigstoreBundleV03,
  }));
  // Warm up the JIT and the key objects on a few samples first.
  await throughput(verifier, digest, keyed(signers.ecdsa).slice(0, 20));

  const rows: Array<[string, number, { perSecond: number; medianMs: number }]> =
    [];
  for (const [label, key] of [
    ['key: ECDSA P-256 (DSSE)', signers.ecdsa],
    ['key: Ed25519 (DSSE)', signers.ed25519],
    ['key: RSA 2048 PKCS#1 v1.5 (DSSE)', signers.rsa],
    ['key: RSA 2048 PSS (DSSE)', signers.rsaPss],
  ] as const) {
    rows.push([label, samples, await throughput(verifier, digest, keyed(key))]);
  }
  rows.push([
    'keyless: cosign .att layer (cert, SCT, Rekor SET)',
    keylessSamples,
    await throughput(verifier, digest, keylessAtt),
  ]);
  rows.push([
    'keyless: Sigstore bundle v0.3 (cert, SCT, Rekor proof)',
    keylessSamples,
    await throughput(verifier, digest, keylessBundles),
  ]);
  // The same bundles again: keyless outcomes are cached per bundle by the verifier.
  rows.push([
    'keyless: the same bundles again (cached outcome)',
    keylessSamples,
    await throughput(verifier, digest, keylessBundles),
  ]);

  process.stdout.write(
    '\n## Verification throughput (one core, sequential, each sample distinct)\n\n',
  );
  process.stdout.write(
    '| attestation | samples | attestations/s | median ms |\n| --- | ---: | ---: | ---: |\n',
  );
  for (const [label, count, result] of rows) {
    process.stdout.write(
      `| ${label} | ${count} | ${Math.round(
        result.perSecond,
      )} | ${result.medianMs.toFixed(3)} |\n`,
    );
  }
}

async function fillRegistry(
  registry: TestRegistry,
  signers: Signers,
): Promise<TestArtifact[]> {
  const versions: TestArtifact[] = [];
  for (let i = 0; i < versionCount; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + i * 86400_000);
    const version = await buildTestModelKit({
      kitfile: {
        package: { name: 'bench', version: `1.${i}.0` },
        model: { name: 'bench', path: 'model/weights.safetensors' },
      },
      files: { 'model/weights.safetensors': `weights ${i}` },
      annotations: { 'org.opencontainers.image.created': day.toISOString() },
    });
    await registry.pusher.push(REPOSITORY, version, [`v1.${i}.0`]);
    const digest = version.digest;
    // Three in cosign's .att image: key-signed scan, keyless provenance, key-signed SBOM.
    const provenance = signers.sigstore.attest({
      statement: provenanceStatement(digest),
      identity: IDENTITY,
      issuer: ISSUER,
    });
    await registry.pusher.push(
      REPOSITORY,
      buildCosignAttestationImage([
        {
          envelope: signDsseEnvelope({
            payload: scanStatement(digest, i),
            signers: [{ key: signers.ecdsa }],
          }),
        },
        { envelope: provenance.envelope, annotations: provenance.annotations },
        {
          envelope: signDsseEnvelope({
            payload: sbomStatement(digest),
            signers: [{ key: signers.ed25519 }],
          }),
        },
      ]),
      [cosignTagFor(digest, 'att')],
    );
    // Two OCI referrers, found through the referrers tag schema: a keyless bundle and an
    // RSA-signed envelope.
    const referrers = [
      buildAttestationReferrer({
        subject: version.descriptor,
        artifactType: CosignMediaTypes.sigstoreBundleV03,
        layers: [
          {
            content: JSON.stringify(
              signers.sigstore.bundle({
                statement: buildInTotoStatement({
                  digests: [digest],
                  predicateType: AttestationTypes.vulnsV02,
                  predicate: {
                    scanner: {
                      uri: 'pkg:github/aquasecurity/trivy',
                      version: '0.49.1',
                      result: [],
                    },
                  },
                }),
                identity: IDENTITY,
                issuer: ISSUER,
              }),
            ),
            mediaType: CosignMediaTypes.sigstoreBundleV03,
          },
        ],
      }),
      buildAttestationReferrer({
        subject: version.descriptor,
        artifactType: CosignMediaTypes.inTotoArtifact,
        layers: [
          {
            content: JSON.stringify(
              signDsseEnvelope({
                payload: scanStatement(digest, i + 1000),
                signers: [{ key: signers.rsa }],
              }),
            ),
            mediaType: CosignMediaTypes.dsseEnvelope,
          },
        ],
      }),
    ];
    for (const referrer of referrers) {
      await registry.pusher.push(REPOSITORY, referrer);
    }
    await registry.pusher.push(REPOSITORY, buildTestReferrersIndex(referrers), [
      digest.replace(':', '-'),
    ]);
    versions.push(version);
  }
  return versions;
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
    metadata: { name: 'bench', namespace: 'default' },
    spec: {
      type: 'model',
      owner: 'group:default/nlp-team',
      lifecycle: 'production',
      repository: `${registry.host}/${REPOSITORY}`,
    },
  };
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          kitstage: {
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
  const signers: Signers = {
    ecdsa: generateTestSigningKey('ecdsa-p256-sha256'),
    ed25519: generateTestSigningKey('ed25519'),
    rsa: generateTestSigningKey('rsa-pkcs1v15-sha256'),
    rsaPss: generateTestSigningKey('rsa-pss-sha256'),
    sigstore: new TestSigstore({ name: 'bench' }),
  };
  process.stdout.write(
    `Node ${process.version}; ${samples} samples per key scheme, ${keylessSamples} keyless\n`,
  );
  await verificationThroughput(signers);

  const registry = await startTestRegistry();
  try {
    const filling = performance.now();
    await fillRegistry(registry, signers);
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
