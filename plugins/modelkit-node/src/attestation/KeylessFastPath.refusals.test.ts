import { isDeepStrictEqual } from 'node:util';
import { bundleFromJSON } from '@sigstore/bundle';
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import { TrustContext } from './checkSignature';
import { CosignMediaTypes } from './cosignFormats';
import { preAuthEncoding } from './dsseEnvelope';
import { KeylessFastPath } from './KeylessFastPath';
import { KeylessTrust, KeylessTrustConfig } from './KeylessTrust';
import { SigningCertificateCache } from './SigningCertificateCache';
import {
  craftCertificate,
  CraftedCertificateOptions,
  craftExtension,
  CRAFTED_OIDS,
} from './__testUtils__/craftedCertificates';
import {
  GITHUB_ISSUER,
  RELEASE_IDENTITY,
  scanStatement,
} from './__testUtils__/fixtures';
import { TestSigstore } from './testing';
import { der } from './testing/der';
import { verifyLayer } from './verifyLayer';

jest.setTimeout(120_000);

const DIGEST = `sha256:${'9a1c'.repeat(16)}`;
const OTHER_DIGEST = `sha256:${'77e0'.repeat(16)}`;
const EVIL_IDENTITY = 'https://evil.example/attacker';
const EVIL_ISSUER = 'https://issuer.evil.example';
const BUNDLE_V02 = 'application/vnd.dev.sigstore.bundle+json;version=0.2';

type Envelope = {
  payloadType: string;
  payload: string;
  signatures: Array<{ keyid: string; sig: string }>;
};

function pemOf(derBytes: Buffer): string {
  const base64 = derBytes.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(
    /\n$/,
    '',
  )}\n-----END CERTIFICATE-----\n`;
}

function envelopeOf(
  sign: (data: Buffer) => Buffer,
  options: { statement?: unknown; payloadType?: string } = {},
): Envelope {
  const payloadType = options.payloadType ?? AttestationTypes.inTotoPayloadType;
  const payload = Buffer.from(
    JSON.stringify(options.statement ?? scanStatement(DIGEST)),
  );
  return {
    payloadType,
    payload: payload.toString('base64'),
    signatures: [
      {
        keyid: '',
        sig: sign(preAuthEncoding(payloadType, payload)).toString('base64'),
      },
    ],
  };
}

/**
 * Every tampered variant is refused by the fast path and by `Verifier.verify` alone, with the
 * same result; the untampered controls are verified by both (so the harness can accept).
 */
describe('KeylessFastPath refusals', () => {
  const sigstore = new TestSigstore();
  const otherSigstore = new TestSigstore({ name: 'other' });

  const configs: KeylessTrustConfig[] = [true, false].map(ct => ({
    trustedRoot: sigstore.trustedRoot,
    identities: [
      { name: 'release', subject: RELEASE_IDENTITY, issuer: GITHUB_ISSUER },
    ],
    requireCertificateTransparency: ct,
  }));

  const craft = (options: Partial<CraftedCertificateOptions> = {}) =>
    craftCertificate(sigstore, {
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
      ...options,
    });

  /** A v0.3 bundle (or v0.2 with a chain) of a DSSE envelope, logged as a Rekor dsse entry. */
  function bundleOf(options: {
    certificate: { der: Buffer; sign(data: Buffer): Buffer };
    envelope?: Envelope;
    /** The envelope the log entry records (default: the bundle's). */
    loggedEnvelope?: Envelope;
    /** The certificate the log entry names (default: the bundle's). */
    loggedCertificate?: Buffer;
    log?: TestSigstore;
    integratedTime?: number;
    chain?: Buffer[];
  }): Record<string, unknown> {
    const envelope = options.envelope ?? envelopeOf(options.certificate.sign);
    const entry = (options.log ?? sigstore).log(
      TestSigstore.dsseEntry(
        options.loggedEnvelope ?? envelope,
        pemOf(options.loggedCertificate ?? options.certificate.der),
      ),
      options.integratedTime,
    ).bundleEntry;
    return {
      mediaType: options.chain
        ? BUNDLE_V02
        : CosignMediaTypes.sigstoreBundleV03,
      verificationMaterial: {
        ...(options.chain
          ? {
              x509CertificateChain: {
                certificates: [options.certificate.der, ...options.chain].map(
                  c => ({ rawBytes: c.toString('base64') }),
                ),
              },
            }
          : {
              certificate: {
                rawBytes: options.certificate.der.toString('base64'),
              },
            }),
        tlogEntries: [entry],
        timestampVerificationData: { rfc3161Timestamps: [] },
      },
      dsseEnvelope: envelope,
    };
  }

  function withEntry(
    bundle: Record<string, unknown>,
    change: (entry: Record<string, unknown>) => Record<string, unknown>,
  ): Record<string, unknown> {
    const material = bundle.verificationMaterial as {
      tlogEntries: Record<string, unknown>[];
    };
    return {
      ...bundle,
      verificationMaterial: {
        ...material,
        tlogEntries: material.tlogEntries.map(change),
      },
    };
  }

  function withCertificate(
    bundle: Record<string, unknown>,
    derBytes: Buffer,
  ): Record<string, unknown> {
    const material = bundle.verificationMaterial as Record<string, unknown>;
    return {
      ...bundle,
      verificationMaterial: {
        ...material,
        certificate: { rawBytes: derBytes.toString('base64') },
      },
    };
  }

  const now = () => Math.floor(Date.now() / 1000);

  function controls(): Array<[string, Record<string, unknown>]> {
    const good = craft();
    return [
      ['like Fulcio', bundleOf({ certificate: good })],
      [
        'issuer only in the v1 extension',
        bundleOf({ certificate: craft({ issuerV2: false }) }),
      ],
      [
        'with a chain listing the trusted CAs',
        bundleOf({
          certificate: good,
          chain: [sigstore.intermediate.der, sigstore.root.der],
        }),
      ],
    ];
  }

  function variants(): Array<[string, Record<string, unknown>]> {
    const good = craft();
    const other = craft();
    const cases: Array<[string, Record<string, unknown>]> = [];
    const add = (name: string, bundle: Record<string, unknown>) =>
      cases.push([name, bundle]);

    // The certificate.
    add(
      'certificate swapped for another of the same identity',
      withCertificate(bundleOf({ certificate: good }), other.der),
    );
    add(
      'certificate of another Sigstore',
      bundleOf({
        certificate: craftCertificate(otherSigstore, {
          identity: RELEASE_IDENTITY,
          issuer: GITHUB_ISSUER,
        }),
      }),
    );
    add(
      'certificate of another Sigstore, with its chain',
      bundleOf({
        certificate: craftCertificate(otherSigstore, {
          identity: RELEASE_IDENTITY,
          issuer: GITHUB_ISSUER,
        }),
        chain: [otherSigstore.intermediate.der, otherSigstore.root.der],
      }),
    );
    const leafIssuer = craft({
      subjectName: 'leaf issuer',
      basicConstraints: { ca: true },
    });
    const viaLeaf = craft({
      signedBy: { certificate: leafIssuer, name: 'leaf issuer' },
    });
    add(
      'issued by a trusted CA’s leaf, chain in the bundle',
      bundleOf({
        certificate: viaLeaf,
        chain: [leafIssuer.der, sigstore.intermediate.der, sigstore.root.der],
      }),
    );
    add('issued by a trusted CA’s leaf', bundleOf({ certificate: viaLeaf }));
    add(
      'self-signed with the trusted identity',
      bundleOf({
        certificate: craft({
          signedBy: 'self',
          subjectName: sigstore.intermediate.name,
          issuerName: sigstore.intermediate.name,
          authorityKeyId: false,
        }),
      }),
    );
    add(
      'named and keyed like the intermediate, signed by itself',
      bundleOf({
        certificate: craft({
          signedBy: 'self',
          issuerName: sigstore.intermediate.name,
        }),
      }),
    );
    add(
      'certificate with a byte appended',
      withCertificate(
        bundleOf({ certificate: good }),
        Buffer.concat([good.der, Buffer.from([0])]),
      ),
    );
    const longForm = Buffer.concat([
      Buffer.from([0x30, 0x83, 0x00]),
      good.der.subarray(2),
    ]);
    add(
      'certificate with a non-minimal length',
      withCertificate(bundleOf({ certificate: good }), longForm),
    );
    // Its SCT.
    add(
      'SCT of an untrusted log',
      bundleOf({ certificate: craft({ sct: 'untrusted-log' }) }),
    );
    add(
      'SCT over another issuer key',
      bundleOf({ certificate: craft({ sct: 'wrong-issuer-key' }) }),
    );
    add(
      'the same SCT twice',
      bundleOf({ certificate: craft({ sct: 'repeated' }) }),
    );
    // Its validity at the log's time.
    add(
      'logged after the certificate expired',
      bundleOf({ certificate: good, integratedTime: now() + 2 * 3600 }),
    );
    add(
      'logged before the certificate was valid',
      bundleOf({ certificate: good, integratedTime: now() - 2 * 3600 }),
    );
    const expired = craft({
      notBefore: new Date(Date.now() - 3 * 3600_000),
      notAfter: new Date(Date.now() - 2 * 3600_000),
    });
    add('expired certificate, logged now', bundleOf({ certificate: expired }));
    // Its identity.
    add(
      'v2 issuer untrusted, v1 issuer trusted',
      bundleOf({
        certificate: craft({ issuerV1: GITHUB_ISSUER, issuerV2: EVIL_ISSUER }),
      }),
    );
    add(
      'v2 issuer with a trailing NUL',
      bundleOf({ certificate: craft({ issuerV2: `${GITHUB_ISSUER}\0` }) }),
    );
    add(
      'no issuer',
      bundleOf({ certificate: craft({ issuerV1: false, issuerV2: false }) }),
    );
    add(
      'untrusted URI first, trusted one second',
      bundleOf({
        certificate: craft({
          subjectAltNames: der.sequence(
            der.implicit(6, Buffer.from(EVIL_IDENTITY, 'ascii')),
            der.implicit(6, Buffer.from(RELEASE_IDENTITY, 'ascii')),
          ),
        }),
      }),
    );
    add(
      'untrusted identity, then a second SAN extension with the trusted one',
      bundleOf({
        certificate: craft({
          identity: EVIL_IDENTITY,
          extraExtensions: [
            craftExtension(
              CRAFTED_OIDS.subjectAltName,
              der.sequence(
                der.implicit(6, Buffer.from(RELEASE_IDENTITY, 'ascii')),
              ),
            ),
          ],
        }),
      }),
    );
    add(
      'untrusted issuer, then a second v2 issuer extension with the trusted one',
      bundleOf({
        certificate: craft({
          issuerV2: EVIL_ISSUER,
          extraExtensions: [
            craftExtension(
              CRAFTED_OIDS.fulcioIssuerV2,
              der.utf8(GITHUB_ISSUER),
            ),
          ],
        }),
      }),
    );
    add(
      'trusted identity as an email, untrusted URI',
      bundleOf({
        certificate: craft({
          subjectAltNames: der.sequence(
            der.implicit(1, Buffer.from(RELEASE_IDENTITY, 'ascii')),
            der.implicit(6, Buffer.from(EVIL_IDENTITY, 'ascii')),
          ),
        }),
      }),
    );
    // The log entry.
    const otherEnvelope = envelopeOf(good.sign, {
      statement: scanStatement(OTHER_DIGEST),
    });
    add(
      'log entry for another signature and payload of the same certificate',
      bundleOf({ certificate: good, loggedEnvelope: otherEnvelope }),
    );
    const envelope = envelopeOf(good.sign);
    add(
      'log entry for this signature over another payload',
      bundleOf({
        certificate: good,
        envelope,
        loggedEnvelope: {
          ...otherEnvelope,
          signatures: envelope.signatures,
        },
      }),
    );
    add(
      'log entry for this payload with another signature',
      bundleOf({
        certificate: good,
        envelope,
        loggedEnvelope: envelopeOf(good.sign),
      }),
    );
    add(
      'log entry naming another certificate',
      bundleOf({ certificate: good, loggedCertificate: other.der }),
    );
    add(
      'log entry naming a certificate of an untrusted identity',
      bundleOf({
        certificate: good,
        loggedCertificate: craft({ identity: EVIL_IDENTITY }).der,
      }),
    );
    add(
      'log entry in an untrusted log',
      bundleOf({ certificate: good, log: otherSigstore }),
    );
    add(
      'log entry with its integrated time changed',
      withEntry(bundleOf({ certificate: good }), entry => ({
        ...entry,
        integratedTime: String(Number(entry.integratedTime) - 1),
      })),
    );
    add(
      'log entry without its inclusion promise (so without a timestamp)',
      withEntry(bundleOf({ certificate: good }), entry => {
        const { inclusionPromise: _promise, ...rest } = entry;
        return rest;
      }),
    );
    const twice = bundleOf({ certificate: good });
    add(
      'the same log entry twice',
      withEntry(twice, entry => entry),
    );
    (
      cases[cases.length - 1][1].verificationMaterial as {
        tlogEntries: unknown[];
      }
    ).tlogEntries.push(
      (twice.verificationMaterial as { tlogEntries: unknown[] }).tlogEntries[0],
    );
    const late = bundleOf({ certificate: good, envelope });
    (late.verificationMaterial as { tlogEntries: unknown[] }).tlogEntries.push(
      sigstore.log(
        TestSigstore.dsseEntry(envelope, pemOf(good.der)),
        now() + 2 * 3600,
      ).bundleEntry,
    );
    add('a second log entry, logged after the certificate expired', late);
    add(
      'log entry of another kind',
      withEntry(bundleOf({ certificate: good }), entry => ({
        ...entry,
        kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
      })),
    );
    // The envelope.
    add(
      'payload changed',
      bundleOf({
        certificate: good,
        envelope: { ...envelope, payload: otherEnvelope.payload },
        loggedEnvelope: envelope,
      }),
    );
    add(
      'payload type changed',
      bundleOf({
        certificate: good,
        envelope: { ...envelope, payloadType: 'application/json' },
        loggedEnvelope: envelope,
      }),
    );
    const payload = Buffer.from(envelope.payload, 'base64');
    add(
      'signature over the bare payload',
      bundleOf({
        certificate: good,
        envelope: {
          ...envelope,
          signatures: [
            { keyid: '', sig: good.sign(payload).toString('base64') },
          ],
        },
      }),
    );
    add(
      'signature by another key of the same identity',
      bundleOf({ certificate: good, envelope: envelopeOf(other.sign) }),
    );
    return cases;
  }

  function contexts(config: KeylessTrustConfig): [TrustContext, TrustContext] {
    const [fast, reference] = [true, false].map(
      (fastPath): TrustContext => ({
        keys: [],
        keyless: KeylessTrust.fromConfig(config, { fastPath }),
        certificates: new SigningCertificateCache(),
      }),
    );
    expect(fast.keyless!.usesFastPath).toBe(true);
    return [fast, reference];
  }

  const layerOf = (bundle: Record<string, unknown>) => ({
    content: Buffer.from(JSON.stringify(bundle)),
    mediaType: CosignMediaTypes.sigstoreBundleV03,
  });

  it('verifies the untampered controls with and without the fast path', async () => {
    const accepted = jest.spyOn(KeylessFastPath.prototype, 'verify');
    try {
      for (const config of configs) {
        const [fast, reference] = contexts(config);
        for (const [name, bundle] of controls()) {
          const expected = await verifyLayer(
            layerOf(bundle),
            DIGEST,
            reference,
          );
          const actual = await verifyLayer(layerOf(bundle), DIGEST, fast);
          expect({ name, state: expected.state }).toEqual({
            name,
            state: 'verified',
          });
          expect({ name, ...actual }).toEqual({ name, ...expected });
        }
      }
      // The fast path accepted them itself.
      expect(accepted.mock.results.length).toBeGreaterThan(0);
      expect(
        accepted.mock.results.every(result => result.value !== undefined),
      ).toBe(true);
    } finally {
      accepted.mockRestore();
    }
  });

  it('refuses every tampered variant with and without the fast path', async () => {
    const fastPathResults = jest.spyOn(KeylessFastPath.prototype, 'verify');
    try {
      let checked = 0;
      const problems: string[] = [];
      for (const config of configs) {
        const [fast, reference] = contexts(config);
        const ct = `CT ${config.requireCertificateTransparency ? 'on' : 'off'}`;
        for (const [name, bundle] of variants()) {
          const expected = await verifyLayer(
            layerOf(bundle),
            DIGEST,
            reference,
          );
          const before = fastPathResults.mock.results.length;
          const actual = await verifyLayer(layerOf(bundle), DIGEST, fast);
          // The fast path returns the identity it read (compared with the config afterwards):
          // it vouches for the trusted one only where the log entry names another signer,
          // which is refused after either path.
          const vouched = fastPathResults.mock.results
            .slice(before)
            .some(
              result =>
                result.value?.subjectAlternativeName === RELEASE_IDENTITY &&
                result.value?.issuer === GITHUB_ISSUER,
            );
          if (vouched && !name.startsWith('log entry naming')) {
            problems.push(`${name} (${ct}): the fast path vouched for it`);
          }
          if (expected.state === 'verified') {
            problems.push(`${name} (${ct}): verified by Verifier.verify`);
          }
          if (actual.state === 'verified') {
            problems.push(`${name} (${ct}): verified with the fast path`);
          }
          if (!isDeepStrictEqual(actual, expected)) {
            problems.push(
              `${name} (${ct}): ${actual.reason} differs from ${expected.reason}`,
            );
          }
          checked++;
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(60);
      expect(fastPathResults.mock.results.length).toBeGreaterThan(20);
    } finally {
      fastPathResults.mockRestore();
    }
  });

  it('never takes a signature as verified that the certificate key did not verify over these bytes', () => {
    const trust = KeylessTrust.fromConfig(configs[0]);
    const good = craft();
    const other = craft();
    const parse = (derBytes: Buffer) => {
      const parsed = new SigningCertificateCache().parse(derBytes);
      if (!parsed.ok) {
        throw new Error(parsed.reason);
      }
      return parsed.certificate;
    };
    const verify = (bundle: Record<string, unknown>, derBytes: Buffer) =>
      trust.verify(bundleFromJSON(bundle), undefined, {
        certificate: parse(derBytes),
      }).outcome;

    const envelope = envelopeOf(good.sign);
    expect(verify(bundleOf({ certificate: good, envelope }), good.der)).toBe(
      'trusted',
    );
    // Signed with another key than the certificate's, logged as is.
    expect(verify(bundleOf({ certificate: other, envelope }), other.der)).toBe(
      'invalid-signature',
    );
    // Given a parsed certificate other than the bundle's: the bundle's own is verified.
    expect(verify(bundleOf({ certificate: other, envelope }), good.der)).toBe(
      'invalid-signature',
    );

    // The certificate verified this signature over the envelope's bytes; the same signature
    // over another payload (logged as such) is verified again, and refused.
    const certificate = parse(good.der);
    const payload = Buffer.from(envelope.payload, 'base64');
    expect(
      certificate.verifiesSignature(
        preAuthEncoding(envelope.payloadType, payload),
        Buffer.from(envelope.signatures[0].sig, 'base64'),
      ),
    ).toBe(true);
    const changed = {
      ...envelope,
      payload: Buffer.from(
        JSON.stringify(scanStatement(OTHER_DIGEST)),
      ).toString('base64'),
    };
    const outcome = trust.verify(
      bundleFromJSON(bundleOf({ certificate: good, envelope: changed })),
      undefined,
      { certificate },
    );
    expect(outcome.outcome).toBe('invalid-signature');
  });
});
