/*
 * Verification throughput of `AttestationVerifier` on one core, each figure next to the raw
 * `crypto.verify` rate of the same signatures measured in the same run: both in CPU seconds of
 * this process, raw checks and verifications alternating in chunks, the best of several
 * rounds (on a shared machine, other processes only ever slow a round down):
 *
 * - trusted keys (ECDSA P-256, Ed25519, RSA 2048 PKCS#1 v1.5 and PSS): attestations per
 *   second, the raw rate of their scheme, the share of it (target: at least 50 %);
 * - keyless (cosign `.att` layer and Sigstore bundle v0.3 from an offline test Sigstore):
 *   attestations per second, the raw P-256 rate, the limit it sets (raw rate divided by the
 *   signature checks one attestation needs), and the target of 1,000 per second.
 *
 * The verifier measured is the one a build runs (`compiledVerifier.ts`), or the TypeScript
 * sources through tsx; the output says which.
 */
import { constants, verify, type KeyObject } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type {
  AttestationLayer,
  AttestationVerifier,
} from '@kitstage/plugin-modelkit-node';
import {
  signDsseEnvelope,
  type TestSigningKey,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { loadCompiledVerifier } from './compiledVerifier';
import {
  dsseLayer,
  fakeDigest,
  IDENTITY,
  ISSUER,
  median,
  scanStatement,
  verifierConfig,
  type Signers,
} from './benchFixtures';

/** The targets of issue #18. */
const KEYLESS_TARGET_PER_SECOND = 1000;
const KEY_TARGET_SHARE_OF_RAW = 0.5;
/** Raw checks and verifications alternate in chunks of this many samples. */
const CHUNK = 50;

/** One signature check: the signed bytes and the signature. */
interface RawCheck {
  data: Buffer;
  signature: Buffer;
}

type RawVerify = (check: RawCheck) => boolean;

function rawVerifier(key: TestSigningKey): RawVerify {
  const publicKey: KeyObject = key.publicKey;
  switch (key.algorithm) {
    case 'ed25519':
      return c => verify(null, c.data, publicKey, c.signature);
    case 'rsa-pss-sha256': {
      const options = {
        key: publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_AUTO,
      };
      return c => verify('sha256', c.data, options, c.signature);
    }
    default:
      // ECDSA (DER signatures) and RSA PKCS#1 v1.5: the key object's defaults.
      return c => verify('sha256', c.data, publicKey, c.signature);
  }
}

/** The DSSE pre-authentication encoding: the bytes a DSSE signature covers. */
function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${payload.length} `, 'ascii'),
    payload,
  ]);
}

function checkOf(envelope: {
  payloadType: string;
  payload: string;
  signatures: Array<{ sig: string }>;
}): RawCheck {
  return {
    data: preAuthEncoding(
      envelope.payloadType,
      Buffer.from(envelope.payload, 'base64'),
    ),
    signature: Buffer.from(envelope.signatures[0].sig, 'base64'),
  };
}

/** CPU seconds (user and system) of this process since `since`. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
}

interface Round {
  /** Attestations per CPU second. */
  perSecond: number;
  /** The median time of one verification (wall clock). */
  medianMs: number;
  /** Raw checks per CPU second. */
  raw: number;
}

/**
 * One round: verifies the layers with a new verifier (nothing cached from before), in chunks,
 * each after the raw checks of the same chunk, and counts the CPU time of each kind apart.
 */
async function round(options: {
  verifier: AttestationVerifier;
  digest: string;
  layers: AttestationLayer[];
  checks: RawCheck[];
  check: RawVerify;
}): Promise<Round> {
  const { verifier, digest, layers, checks, check } = options;
  let rawCpu = 0;
  let cpu = 0;
  const times: number[] = [];
  for (let start = 0; start < layers.length; start += CHUNK) {
    const rawStarted = process.cpuUsage();
    for (const c of checks.slice(start, start + CHUNK)) {
      if (!check(c)) {
        throw new Error('a raw signature check failed');
      }
    }
    rawCpu += cpuSeconds(rawStarted);
    const started = process.cpuUsage();
    for (const layer of layers.slice(start, start + CHUNK)) {
      const t = performance.now();
      const result = await verifier.verifyLayer(layer, digest);
      times.push(performance.now() - t);
      if (result.state !== 'verified') {
        throw new Error(`A sample ended ${result.state}: ${result.reason}`);
      }
    }
    cpu += cpuSeconds(started);
  }
  return {
    perSecond: layers.length / cpu,
    medianMs: median(times),
    raw: checks.length / rawCpu,
  };
}

interface Measured {
  /** Attestations per CPU second in the best round: the one least slowed by other processes. */
  perSecond: number;
  /** The same in the median round. */
  medianPerSecond: number;
  /** The median time of one verification (wall clock), in the median round. */
  medianMs: number;
  /** Raw checks per CPU second in the best round. */
  raw: number;
  /** `perSecond / raw`. */
  shareOfRaw: number;
}

function summarize(rounds: Round[]): Measured {
  const perSecond = Math.max(...rounds.map(r => r.perSecond));
  const raw = Math.max(...rounds.map(r => r.raw));
  return {
    perSecond,
    medianPerSecond: median(rounds.map(r => r.perSecond)),
    medianMs: median(rounds.map(r => r.medianMs)),
    raw,
    shareOfRaw: perSecond / raw,
  };
}

type NodeLibrary = typeof import('@kitstage/plugin-modelkit-node');

/** Where the measured verifier comes from. */
export type VerifierBuild = 'compiled' | 'sources';

/** The library the verifier is measured from, and what it is. */
async function loadVerifierLibrary(
  build: VerifierBuild,
): Promise<{ library: NodeLibrary; description: string }> {
  if (build === 'sources') {
    return {
      library: await import('@kitstage/plugin-modelkit-node'),
      description:
        'the TypeScript sources of @kitstage/plugin-modelkit-node and -common run through tsx (its export getters on every call across modules)',
    };
  }
  return {
    library: await loadCompiledVerifier(),
    description:
      '@kitstage/plugin-modelkit-node and -common compiled from their sources as `backstage-cli package build` compiles them (esbuild, ES2024, CommonJS, plain exports), into one module',
  };
}

/** Runs `rounds` rounds, each with a new verifier. */
async function measure(options: {
  library: NodeLibrary;
  signers: Signers;
  digest: string;
  layers: AttestationLayer[];
  checks: RawCheck[];
  check: RawVerify;
  rounds: number;
}): Promise<Measured & { verifier: AttestationVerifier }> {
  const rounds: Round[] = [];
  let verifier: AttestationVerifier | undefined;
  for (let i = 0; i < options.rounds; i++) {
    verifier = options.library.AttestationVerifier.create({
      config: verifierConfig(options.signers),
    });
    rounds.push(await round({ ...options, verifier }));
  }
  return { ...summarize(rounds), verifier: verifier! };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

function loadAverage(): string {
  return loadavg()
    .map(n => n.toFixed(2))
    .join(', ');
}

/** Measures and prints the verification throughput tables. */
export async function verificationThroughput(
  signers: Signers,
  options: {
    samples: number;
    keylessSamples: number;
    rounds: number;
    build: VerifierBuild;
  },
): Promise<void> {
  const { samples, keylessSamples, rounds } = options;
  const digest = fakeDigest('throughput');
  const { library, description } = await loadVerifierLibrary(options.build);
  process.stdout.write(
    `\nVerifier measured: ${description}.\nLoad average (1, 5, 15 min) before the throughput runs: ${loadAverage()}\n`,
  );

  const keyRows: Array<[string, Measured]> = [];
  for (const [label, key] of [
    ['ECDSA P-256', signers.ecdsa],
    ['Ed25519', signers.ed25519],
    ['RSA 2048 PKCS#1 v1.5', signers.rsa],
    ['RSA 2048 PSS', signers.rsaPss],
  ] as const) {
    const envelopes = Array.from({ length: samples }, (_, n) =>
      signDsseEnvelope({
        payload: scanStatement(digest, n),
        signers: [{ key }],
      }),
    );
    const sample = {
      library,
      signers,
      digest,
      layers: envelopes.map(e => dsseLayer(e)),
      checks: envelopes.map(checkOf),
      check: rawVerifier(key),
    };
    // Warm up the JIT on a few samples first.
    await measure({
      ...sample,
      layers: sample.layers.slice(0, CHUNK),
      rounds: 1,
    });
    keyRows.push([label, await measure({ ...sample, rounds })]);
  }

  // Keyless: the raw rate of P-256 signatures over the same statements (the keyless
  // signatures are P-256 too, each by its own certificate's key).
  const keylessRaw = {
    checks: Array.from({ length: keylessSamples }, (_, n) =>
      checkOf(
        signDsseEnvelope({
          payload: scanStatement(digest, n),
          signers: [{ key: signers.ecdsa }],
        }),
      ),
    ),
    check: rawVerifier(signers.ecdsa),
  };
  const att = Array.from({ length: keylessSamples }, (_, n) => {
    const { envelope, annotations } = signers.sigstore.attest({
      statement: scanStatement(digest, n),
      identity: IDENTITY,
      issuer: ISSUER,
    });
    return dsseLayer(envelope, annotations);
  });
  const bundles = Array.from({ length: keylessSamples }, (_, n) => ({
    content: Buffer.from(
      JSON.stringify(
        signers.sigstore.bundle({
          statement: scanStatement(digest, n),
          identity: IDENTITY,
          issuer: ISSUER,
        }),
      ),
    ),
    mediaType: library.CosignMediaTypes.sigstoreBundleV03,
  }));
  await measure({
    library,
    signers,
    digest,
    ...keylessRaw,
    layers: att.slice(0, CHUNK),
    rounds: 1,
  });
  const keylessAtt = await measure({
    library,
    signers,
    digest,
    ...keylessRaw,
    layers: att,
    rounds,
  });
  const keylessBundles = await measure({
    library,
    signers,
    digest,
    ...keylessRaw,
    layers: bundles,
    rounds,
  });
  // The same bundles again, with the same verifier: their signing certificates are
  // remembered (parsed, issuer and SCTs checked); log entries and signatures are checked again.
  const againRounds: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    againRounds.push(
      await round({
        verifier: keylessBundles.verifier,
        digest,
        ...keylessRaw,
        layers: bundles,
      }),
    );
  }

  process.stdout.write(
    `\n## Trusted keys (one core, sequential, each sample distinct; best of ${rounds} rounds)\n\n`,
  );
  process.stdout.write(
    '| scheme (DSSE) | samples | attestations/s | median round /s | median ms | raw `crypto.verify`/s, same run | share of raw | target: ≥ 50 % of raw |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n',
  );
  for (const [label, m] of keyRows) {
    process.stdout.write(
      `| ${label} | ${samples} | ${int(m.perSecond)} | ${int(
        m.medianPerSecond,
      )} | ${m.medianMs.toFixed(3)} | ${int(m.raw)} | ${Math.round(
        m.shareOfRaw * 100,
      )} % | ${met(m.shareOfRaw >= KEY_TARGET_SHARE_OF_RAW)} |\n`,
    );
  }

  process.stdout.write(
    `\n## Keyless (one core, sequential, each sample distinct; best of ${rounds} rounds)\n\n`,
  );
  process.stdout.write(
    '| attestation | samples | attestations/s | median round /s | median ms | signature checks | raw P-256 `crypto.verify`/s, same run | limit: raw / checks | target: ≥ 1,000/s |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n',
  );
  const again = summarize(againRounds);
  for (const [label, m, checks, target] of [
    [
      'cosign `.att` layer (certificate, SCT, Rekor SET, signature)',
      keylessAtt,
      4,
      true,
    ],
    [
      'Sigstore bundle v0.3 (certificate, SCT, Rekor SET and checkpoint, signature)',
      keylessBundles,
      5,
      true,
    ],
    [
      'the same bundles again, same verifier (signing certificates remembered: Rekor SET and checkpoint, signature)',
      again,
      3,
      false,
    ],
  ] as const) {
    process.stdout.write(
      `| ${label} | ${keylessSamples} | ${int(m.perSecond)} | ${int(
        m.medianPerSecond,
      )} | ${m.medianMs.toFixed(3)} | ${checks} | ${int(m.raw)} | ${int(
        m.raw / checks,
      )} | ${target ? met(m.perSecond >= KEYLESS_TARGET_PER_SECOND) : ''} |\n`,
    );
  }
  process.stdout.write(
    `\nRates are per CPU second of this process (user and system time), raw checks and\nverifications alternating in chunks of ${CHUNK}; each figure is that of the best round, the one\nother processes slowed least (the median round is shown too).\nLoad average (1, 5, 15 min) after the throughput runs: ${loadAverage()}\n`,
  );
}
