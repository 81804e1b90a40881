/*
 * Attestation benchmark. Prints:
 *
 * 1. Verification throughput (attestations per second, one core) of `AttestationVerifier`
 *    for DSSE envelopes signed with trusted keys (ECDSA P-256, Ed25519, RSA 2048 PKCS#1 v1.5
 *    and PSS) and keyless (Fulcio-style certificate, SCT and Rekor entry from an offline test
 *    Sigstore), as cosign `.att` layers and as Sigstore bundles v0.3, each sample distinct,
 *    next to the raw `crypto.verify` rate of the same run and the targets of issue #18
 *    (`verificationThroughput.ts`), measured before the backend modules are loaded, with the
 *    two packages compiled as their build compiles them (`compiledVerifier.ts`;
 *    `--tsx-sources`: their TypeScript sources through tsx instead).
 * 2. The backend time to serve the Security data of one ModelKit with N versions × 5
 *    attestations in a real docker-registry (`securityViewData.ts`): the versions table with
 *    every policy badge, and every version's attestations, cold (new backend, empty caches)
 *    and warm (cached).
 *
 *   npx tsx bench/attestations/attestationsBenchmark.ts [--samples 1000] [--keyless-samples 300]
 *     [--rounds 7] [--throughput-only] [--tsx-sources] [--versions 50] [--runs 3]
 *     [--browser-concurrency 6] [--concurrency 4]
 */
import { parseArgs } from 'node:util';
import { createSigners } from './benchFixtures';
import { verificationThroughput } from './verificationThroughput';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '1000' },
    'keyless-samples': { type: 'string', default: '300' },
    rounds: { type: 'string', default: '7' },
    'throughput-only': { type: 'boolean', default: false },
    'tsx-sources': { type: 'boolean', default: false },
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

async function main() {
  const signers = createSigners();
  process.stdout.write(
    `Node ${process.version}; ${samples} samples per key scheme, ${keylessSamples} keyless\n`,
  );
  await verificationThroughput(signers, {
    samples,
    keylessSamples,
    rounds,
    build: values['tsx-sources'] ? 'sources' : 'compiled',
  });
  if (values['throughput-only']) {
    return;
  }
  // Loaded only now: the throughput above is measured with the verifier alone in the process.
  const { securityViewBenchmark } = await import('./securityViewData');
  await securityViewBenchmark(signers, {
    versions: versionCount,
    runs,
    browserConcurrency,
    concurrency: verifyConcurrency,
  });
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
